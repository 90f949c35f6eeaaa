/* pvguest's exception handling. trap_init() registers one stub per vector (entry.S) with
 * set_trap_table; trap_dispatch() either satisfies a test's armed expectation (record the frame,
 * resume at the test's label) or prints a register dump and a symbolized backtrace and crashes
 * the domain, so no fault ever passes silently. */
#include "pvguest/traps.h"

#include "abi/arch_x86.h"
#include "abi/callback.h"
#include "pvguest/boot.h"
#include "pvguest/console.h"
#include "pvguest/events.h"
#include "pvguest/hypercall.h"
#include "pvguest/string.h"
#include "pvguest/symbols.h"
#include "pvguest/test.h"

#define TRAP_BACKTRACE_DEPTH 16
#define TRAP_NO_VECTOR       (~0U)
#define TRAP_CALL_REL32_OPCODE 0xe8 /* call rel32 */
#define TRAP_CALL_REL32_LEN    5

struct trap_expectation {
    unsigned int vector; /* TRAP_NO_VECTOR when disarmed */
    uint64_t resume;
    bool seen;
    struct trap_frame frame;
};

static struct trap_expectation trap_expected = { .vector = TRAP_NO_VECTOR };
static trap_handler_t trap_handlers[TRAP_NR_VECTORS];
/* Read by entry.S: non-zero returns from handlers with a raw `syscall` iret. */
uint8_t trap_iret_raw;

static const char *const trap_names[TRAP_NR_VECTORS] = {
    [X86_EXC_DE] = "#DE", [X86_EXC_DB] = "#DB", [X86_EXC_NMI] = "NMI", [X86_EXC_BP] = "#BP",
    [X86_EXC_OF] = "#OF", [X86_EXC_BR] = "#BR", [X86_EXC_UD] = "#UD", [X86_EXC_NM] = "#NM",
    [X86_EXC_DF] = "#DF", [X86_EXC_TS] = "#TS", [X86_EXC_NP] = "#NP", [X86_EXC_SS] = "#SS",
    [X86_EXC_GP] = "#GP", [X86_EXC_PF] = "#PF", [X86_EXC_MF] = "#MF", [X86_EXC_AC] = "#AC",
    [X86_EXC_MC] = "#MC", [X86_EXC_XM] = "#XM",
};

const char *const gpr_names[GPR_COUNT] = {
    [GPR_RAX] = "rax", [GPR_RBX] = "rbx", [GPR_RCX] = "rcx", [GPR_RDX] = "rdx",
    [GPR_RSI] = "rsi", [GPR_RDI] = "rdi", [GPR_RBP] = "rbp", [GPR_R8] = "r8",
    [GPR_R9] = "r9", [GPR_R10] = "r10", [GPR_R11] = "r11", [GPR_R12] = "r12",
    [GPR_R13] = "r13", [GPR_R14] = "r14", [GPR_R15] = "r15",
};

/* Every vector but NMI (which Xen delivers through CALLBACKTYPE_nmi) gets a handler;
 * #BP and #OF get DPL 3 so that `int3`/`into` are allowed from any guest ring. */
static struct trap_info trap_table[TRAP_NR_VECTORS + 1];

long trap_init(void)
{
    unsigned int n = 0;
    long rc;

    for (unsigned int v = 0; v < TRAP_NR_VECTORS; v++) {
        if (v == X86_EXC_NMI)
            continue;
        trap_table[n++] = (struct trap_info){
            .vector = (uint8_t)v,
            .flags = (v == X86_EXC_BP || v == X86_EXC_OF) ? TI_FLAGS_DPL_MASK : 0,
            .cs = FLAT_KERNEL_CS,
            .address = trap_entry_table[v],
        };
    }
    trap_table[n] = (struct trap_info){ 0 };
    rc = hypercall_set_trap_table(trap_table);
    if (rc)
        return rc;
    return hypercall_3(__HYPERVISOR_set_callbacks, (uint64_t)trap_event_entry,
                       (uint64_t)trap_failsafe_entry, (uint64_t)trap_syscall_entry);
}

void trap_set_handler(unsigned int vector, trap_handler_t fn)
{
    if (vector < TRAP_NR_VECTORS)
        trap_handlers[vector] = fn;
}

void trap_expect(unsigned int vector, uint64_t resume)
{
    trap_expected.seen = false;
    trap_expected.resume = resume;
    trap_expected.vector = vector;
}

bool trap_seen(struct trap_frame *out)
{
    bool seen = trap_expected.seen;

    if (seen && out)
        *out = trap_expected.frame;
    trap_expected.vector = TRAP_NO_VECTOR;
    trap_expected.seen = false;
    return seen;
}

void trap_set_iret_raw(bool raw)
{
    trap_iret_raw = raw;
}

static void trap_print_symbol(const char *what, uint64_t addr)
{
    const char *name;
    uint64_t off;

    if (symbols_lookup(addr, &name, &off))
        printk("pvguest:   %s %016lx %s+0x%lx\n", what, addr, name, off);
    else
        printk("pvguest:   %s %016lx ?\n", what, addr);
}

static bool trap_on_stack(uint64_t addr, uint64_t len)
{
    extern char pvg_stack[], pvg_stack_top[];

    return addr >= (uint64_t)pvg_stack && addr + len <= (uint64_t)pvg_stack_top &&
           !(addr & (sizeof(uint64_t) - 1));
}

/* A leaf function runs without a frame of its own (GCC omits it even with frame pointers), so
 * its caller is missing from the rbp chain. Its return address is then the word at rsp: accept
 * it only if the instruction before it is a `call rel32` whose target is the faulting function. */
static bool trap_leaf_return(uint64_t rip, uint64_t rsp, uint64_t *ret)
{
    const char *name;
    uint64_t off, r, roff;
    int32_t rel;

    if (!trap_on_stack(rsp, sizeof(uint64_t)) || !symbols_lookup(rip, &name, &off))
        return false;
    r = *(const uint64_t *)rsp;
    if (!symbols_lookup(r, &name, &roff) || roff < TRAP_CALL_REL32_LEN)
        return false;
    if (*(const uint8_t *)(r - TRAP_CALL_REL32_LEN) != TRAP_CALL_REL32_OPCODE)
        return false;
    memcpy(&rel, (const void *)(r - sizeof(rel)), sizeof(rel));
    *ret = r;
    return r + (uint64_t)(int64_t)rel == rip - off;
}

/* Prints where the fault happened, a frameless caller if any, then the rbp chain while it
 * stays inside pvguest's stack. */
void trap_backtrace(uint64_t rip, uint64_t rbp, uint64_t rsp)
{
    uint64_t ret;

    printk("pvguest: backtrace:\n");
    trap_print_symbol("at", rip);
    if (trap_leaf_return(rip, rsp, &ret))
        trap_print_symbol("by", ret);
    for (int depth = 0; depth < TRAP_BACKTRACE_DEPTH; depth++) {
        if (!trap_on_stack(rbp, 2 * sizeof(uint64_t)))
            break;
        const uint64_t *fp = (const uint64_t *)rbp;
        if (!fp[1])
            break;
        trap_print_symbol("by", fp[1]);
        rbp = fp[0];
    }
}

static void trap_dump(const struct trap_frame *f)
{
    volatile struct vcpu_info *vi = boot_vcpu_info();
    const char *name = f->vector < TRAP_NR_VECTORS ? trap_names[f->vector] : 0;

    printk("pvguest: unexpected exception %lu (%s) error 0x%lx cr2 0x%lx\n", f->vector,
           name ? name : "?", f->error_code, vi ? vi->arch.cr2 : 0);
    printk("pvguest:   rip %016lx cs %lx rflags %lx rsp %016lx ss %lx\n", f->rip, f->cs,
           f->rflags, f->rsp, f->ss);
    for (int i = GPR_COUNT - 1; i >= 0; i--)
        printk("pvguest:   %-3s %016lx\n", gpr_names[i], f->g.r[i]);
}

void trap_dispatch(struct trap_frame *f)
{
    if (f->vector < TRAP_NR_VECTORS && trap_handlers[f->vector] && trap_handlers[f->vector](f))
        return;
    if (f->vector == TRAP_VECTOR_EVENT) {
        events_upcall();
        return;
    }
    if (trap_expected.vector == f->vector && !trap_expected.seen) {
        trap_expected.frame = *f;
        trap_expected.seen = true;
        f->rip = trap_expected.resume;
        return;
    }
    trap_dump(f);
    trap_backtrace(f->rip, f->g.r[GPR_RBP], f->rsp);
    test_abort("unexpected exception");
}

void trap_callback(const uint64_t *frame, int kind)
{
    static const char *const kinds[] = {
        [TRAP_CALLBACK_EVENT] = "event upcall",
        [TRAP_CALLBACK_FAILSAFE] = "failsafe callback",
        [TRAP_CALLBACK_SYSCALL] = "user syscall callback",
    };

    printk("pvguest: unexpected %s, frame at %p\n", kinds[kind], (const void *)frame);
    for (unsigned int i = 0; i < GPR_COUNT / 2; i++)
        printk("pvguest:   [rsp+%02x] %016lx\n", (unsigned)(i * sizeof(*frame)), frame[i]);
    test_abort(kinds[kind]);
}
