/* panic() and the hypervisor's own exceptions: print what happened, a register dump and a
 * backtrace named from the linked symbol table, then stop the machine with the panic status. */
#include "hv/panic.h"
#include "hv/exitcode.h"
#include "hv/lib/fmt.h"
#include "hv/symbols.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/hooks.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/power.h"
#include "arch/x86_64/x86.h"

#define BACKTRACE_MAX_FRAMES 32

static const char *const exception_names[X86_NR_EXCEPTIONS] = {
    [X86_EXC_DE] = "#DE divide error", [X86_EXC_DB] = "#DB debug",
    [X86_EXC_NMI] = "NMI", [X86_EXC_BP] = "#BP breakpoint", [X86_EXC_OF] = "#OF overflow",
    [X86_EXC_BR] = "#BR bound", [X86_EXC_UD] = "#UD invalid opcode",
    [X86_EXC_NM] = "#NM device not available", [X86_EXC_DF] = "#DF double fault",
    [X86_EXC_TS] = "#TS invalid TSS", [X86_EXC_NP] = "#NP segment not present",
    [X86_EXC_SS] = "#SS stack fault", [X86_EXC_GP] = "#GP general protection",
    [X86_EXC_PF] = "#PF page fault", [X86_EXC_MF] = "#MF x87 error",
    [X86_EXC_AC] = "#AC alignment check", [X86_EXC_MC] = "#MC machine check",
    [X86_EXC_XM] = "#XM SIMD error", [X86_EXC_CP] = "#CP control protection",
};

static void print_frame(uint64_t addr)
{
    uint64_t off;
    const char *name = symbols_lookup(addr, &off);

    if (name)
        printk("hv:   [<%016lx>] %s+0x%lx\n", addr, name, off);
    else
        printk("hv:   [<%016lx>] ?\n", addr);
}

static bool frame_readable(uint64_t rbp)
{
    return rbp >= HV_AREA_START && rbp < HV_AREA_END && (rbp & (sizeof(uint64_t) - 1)) == 0;
}

void backtrace_print(uint64_t rip, uint64_t rbp)
{
    printk("hv: backtrace:\n");
    print_frame(rip);
    for (unsigned i = 0; i < BACKTRACE_MAX_FRAMES && frame_readable(rbp); i++) {
        const uint64_t *frame = (const uint64_t *)rbp;
        if (frame[1] == 0)
            break;
        print_frame(frame[1] - 1);   /* return address - 1 lies inside the call */
        rbp = frame[0];
    }
}

void regs_dump(const struct cpu_regs *r)
{
    printk("hv: RIP=%016lx RSP=%016lx RFLAGS=%016lx CS=%04lx SS=%04lx\n",
           r->rip, r->rsp, r->rflags, r->cs, r->ss);
    printk("hv: RAX=%016lx RBX=%016lx RCX=%016lx RDX=%016lx\n", r->rax, r->rbx, r->rcx, r->rdx);
    printk("hv: RSI=%016lx RDI=%016lx RBP=%016lx R8 =%016lx\n", r->rsi, r->rdi, r->rbp, r->r8);
    printk("hv: R9 =%016lx R10=%016lx R11=%016lx R12=%016lx\n", r->r9, r->r10, r->r11, r->r12);
    printk("hv: R13=%016lx R14=%016lx R15=%016lx\n", r->r13, r->r14, r->r15);
    printk("hv: CR0=%016lx CR2=%016lx CR3=%016lx CR4=%016lx\n",
           read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

void hook_hv_exception(struct cpu_regs *regs)
{
    const char *name = regs->vector < X86_NR_EXCEPTIONS ? exception_names[regs->vector] : NULL;

    printk("hv: PANIC: exception %s (vector %lu) in the hypervisor, error code 0x%lx\n",
           name ? name : "reserved", regs->vector, regs->error_code);
    if (regs->vector == X86_EXC_PF)
        printk("hv: page fault address %016lx\n", read_cr2());
    regs_dump(regs);
    backtrace_print(regs->rip, regs->rbp);
    power_off(KEEL_EXIT_PANIC);
}

void panic(const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    cli();
    va_start(ap, fmt);
    vsnprintk(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    printk("hv: PANIC: %s\n", msg);
    backtrace_print((uint64_t)__builtin_return_address(0), read_rbp());
    power_off(KEEL_EXIT_PANIC);
}

void hv_shutdown(uint8_t code)
{
    power_off(code);
}
