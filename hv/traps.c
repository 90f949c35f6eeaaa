/* Exceptions taken while a guest ran, and bounce frames. A bounce frame is what the guest
 * handler finds on its kernel stack (low to high): RCX, R11, [error code], RIP, CS (with
 * the saved upcall mask in bits 32-39), RFLAGS, RSP, SS. A guest in kernel mode gets the
 * frame on its current stack with CS.RPL cleared; one in user mode is switched to kernel
 * mode and gets it at kernel_sp. Anything the guest cannot handle crashes it alone. */
#include "hv/traps.h"
#include "hv/domain.h"
#include "hv/emulate.h"
#include "hv/event/evtchn.h"
#include "hv/panic.h"
#include "hv/sched.h"
#include "hv/trace.h"
#include "hv/time/time.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/hooks.h"
#include "arch/x86_64/pte.h"

#define BOUNCE_ALIGN 16
#define BOUNCE_MAX_WORDS 8
#define CS_MASK_SHIFT 32
#define RFLAGS_GUEST_BITS 0x3f4fd5UL   /* status, TF, DF, OF, NT, RF, AC, VIF, VIP, ID */
#define SYSCALL_INSN_LEN 2

uint64_t rflags_sanitize(uint64_t rflags)
{
    return (rflags & RFLAGS_GUEST_BITS) | RFLAGS_IF | RFLAGS_FIXED;
}

void vcpu_toggle_mode(struct vcpu *v)
{
    v->kernel_mode = !v->kernel_mode;
    mm_write_cr3(v->kernel_mode ? v->mm.guest_table : v->mm.guest_table_user);
    wrmsr(MSR_GS_BASE, v->kernel_mode ? v->gs_base_kernel : v->gs_base_user);
}

int traps_bounce(struct vcpu *v, uint64_t handler, uint64_t errcode, bool mask_events)
{
    struct cpu_regs *r = guest_regs();
    uint64_t frame[BOUNCE_MAX_WORDS], cs = r->cs, sp;
    unsigned n = 0;
    uint8_t mask = v->vcpu_info->evtchn_upcall_mask;

    if (v->kernel_mode) {
        cs &= ~(uint64_t)SEL_RPL_MASK;
        sp = r->rsp;
    } else {
        vcpu_toggle_mode(v);
        sp = v->kernel_sp;
    }
    sp &= ~(uint64_t)(BOUNCE_ALIGN - 1);
    frame[n++] = r->rcx;
    frame[n++] = r->r11;
    if (errcode != TRAP_NO_ERRCODE)
        frame[n++] = errcode;
    frame[n++] = r->rip;
    frame[n++] = cs | (uint64_t)mask << CS_MASK_SHIFT;
    frame[n++] = (r->rflags & ~RFLAGS_IF) | (mask ? 0 : RFLAGS_IF);
    frame[n++] = r->rsp;
    frame[n++] = r->ss;
    sp -= n * sizeof(uint64_t);
    if (copy_to_guest(sp, frame, n * sizeof(uint64_t)))
        return -XEN_EFAULT;
    r->rsp = sp;
    r->rip = handler;
    r->cs = SEL_GUEST_CS64;
    r->ss = SEL_GUEST_DS;
    r->rflags = rflags_sanitize(r->rflags & ~(RFLAGS_AC | RFLAGS_VM | RFLAGS_RF | RFLAGS_NT |
                                              RFLAGS_TF));
    if (mask_events)
        v->vcpu_info->evtchn_upcall_mask = 1;
    return 0;
}

static bool vector_has_errcode(unsigned v)
{
    return v == X86_EXC_DF || (v >= X86_EXC_TS && v <= X86_EXC_PF) || v == X86_EXC_AC ||
           v == X86_EXC_CP;
}

void traps_inject(unsigned vector, uint64_t errcode)
{
    struct vcpu *v = current;
    const struct guest_trap *t = &v->traps[vector];

    if (!t->address) {
        if (errcode == TRAP_NO_ERRCODE)
            printk("hv: d%u: unhandled guest exception %u\n", v->domain->id, vector);
        else
            printk("hv: d%u: unhandled guest exception %u, error code 0x%lx\n",
                   v->domain->id, vector, errcode);
        domain_crash(v->domain, "exception with no guest handler");
        return;
    }
    trace_trap_bounce(v->domain->id, (uint16_t)v->id, vector,
                      errcode == TRAP_NO_ERRCODE ? 0 : (uint32_t)errcode, guest_regs()->rip,
                      vector == X86_EXC_PF ? v->vcpu_info->arch.cr2 : 0);
    if (traps_bounce(v, t->address, errcode, t->flags & TI_FLAGS_MASK_EVENTS))
        domain_crash(v->domain, "fault while delivering a bounce frame");
}

static void guest_page_fault(struct cpu_regs *regs)
{
    uint64_t err = regs->error_code & ~(uint64_t)PFEC_USER;

    current->vcpu_info->arch.cr2 = read_cr2();
    if (!current->kernel_mode)
        err |= PFEC_USER;
    traps_inject(X86_EXC_PF, err);
}

/* #NM: the guest's virtual CR0.TS was set (fpu_taskswitch). As in Xen, the flag is cleared
 * and the guest gets its #NM. */
static void guest_device_not_available(void)
{
    bool guest_ts = current->fpu_ts;

    current->fpu_ts = false;
    write_cr0(read_cr0() & ~(uint64_t)X86_CR0_TS);
    if (guest_ts)
        traps_inject(X86_EXC_NM, TRAP_NO_ERRCODE);
}

void hook_guest_exception(struct cpu_regs *regs)
{
    unsigned vec = (unsigned)regs->vector;

    if (vec == X86_EXC_NMI || vec == X86_EXC_MC || vec == X86_EXC_DF) {
        regs_dump(regs);
        panic("%s while a guest ran", vec == X86_EXC_NMI ? "NMI" : "machine check/#DF");
    }
    if (vec == X86_EXC_PF)
        guest_page_fault(regs);
    else if (vec == X86_EXC_NM)
        guest_device_not_available();
    else if (!(vec == X86_EXC_GP && emulate_gp(regs)) && !(vec == X86_EXC_UD && emulate_ud(regs)))
        traps_inject(vec, vector_has_errcode(vec) ? regs->error_code : TRAP_NO_ERRCODE);
    sched_exit_to_guest();
    evtchn_exit_to_guest();
}

void traps_bounce_syscall(struct cpu_regs *regs)
{
    struct vcpu *v = current;

    if (!v->syscall_cb) {
        regs->rip -= SYSCALL_INSN_LEN;
        traps_inject(X86_EXC_UD, TRAP_NO_ERRCODE);
        return;
    }
    if (traps_bounce(v, v->syscall_cb, TRAP_NO_ERRCODE, v->syscall_cb_masks))
        domain_crash(v->domain, "fault while delivering a system call");
}

void traps_dump_guest(struct vcpu *v, const struct cpu_regs *r)
{
    uint64_t off;
    const char *sym = elf_symbolize(&v->domain->elf, r->rip, &off);

    printk("hv: d%uv%u RIP=%016lx (%s+0x%lx) RSP=%016lx RFLAGS=%lx %s mode\n",
           v->domain->id, v->id, r->rip, sym ? sym : "?", sym ? off : 0, r->rsp, r->rflags,
           v->kernel_mode ? "kernel" : "user");
    printk("hv: d%uv%u vector %lu error code 0x%lx CR2=%016lx\n", v->domain->id, v->id,
           r->vector, r->error_code, v->vcpu_info ? v->vcpu_info->arch.cr2 : 0);
    printk("hv: RAX=%016lx RBX=%016lx RCX=%016lx RDX=%016lx\n", r->rax, r->rbx, r->rcx, r->rdx);
    printk("hv: RSI=%016lx RDI=%016lx RBP=%016lx\n", r->rsi, r->rdi, r->rbp);
}

/* The hypervisor timer runs expired timers. An interrupt taken in ring 0 can only come
 * while the idle loop halts, which re-checks the run queue itself; one taken from a guest
 * returns to a guest. */
void hook_interrupt(struct cpu_regs *regs)
{
    if (regs->vector == APIC_TIMER_VECTOR)
        time_interrupt();
    if ((regs->cs & SEL_RPL_MASK) != 0) {
        sched_exit_to_guest();
        evtchn_exit_to_guest();
    }
}
