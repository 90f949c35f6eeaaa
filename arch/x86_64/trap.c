/* First C code of every exception and SYSCALL: decides whose it is (hypervisor or guest) by
 * the privilege level the CPU was running at, and hands it to policy. */
#include "arch/x86_64/hooks.h"
#include "arch/x86_64/pic.h"
#include "arch/x86_64/x86.h"

void arch_trap(struct cpu_regs *regs);

void arch_trap(struct cpu_regs *regs)
{
    if (regs->vector >= VEC_SYSCALL) {
        hook_syscall(regs);
        return;
    }
    if (regs->vector >= X86_NR_EXCEPTIONS) {
        pic_eoi((unsigned)regs->vector);
        hook_interrupt(regs);
        return;
    }
    if ((regs->cs & SEL_RPL_MASK) == 0)
        hook_hv_exception(regs);
    hook_guest_exception(regs);
}
