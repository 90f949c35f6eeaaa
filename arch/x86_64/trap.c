/* First C code of every exception and SYSCALL: decides whose it is (hypervisor or guest) by
 * the privilege level the CPU was running at, and hands it to policy. */
#include "arch/x86_64/apic.h"
#include "arch/x86_64/extable.h"
#include "arch/x86_64/hooks.h"
#include "arch/x86_64/pic.h"
#include "arch/x86_64/x86.h"

#define PIC_VECTOR_END (PIC_VECTOR_BASE + 16)   /* two cascaded 8259s, 8 vectors each */

void arch_trap(struct cpu_regs *regs);

/* Acknowledges an interrupt at the controller that raised it: the legacy PIC for its
 * vectors, else the local APIC (whose spurious vector takes no EOI). */
static void irq_ack(unsigned vector)
{
    if (vector >= PIC_VECTOR_BASE && vector < PIC_VECTOR_END)
        pic_eoi(vector);
    else if (vector != APIC_SPURIOUS_VECTOR)
        apic_eoi();
}

void arch_trap(struct cpu_regs *regs)
{
    if (regs->vector >= VEC_SYSCALL) {
        hook_syscall(regs);
        return;
    }
    if (regs->vector >= X86_NR_EXCEPTIONS) {
        irq_ack((unsigned)regs->vector);
        hook_interrupt(regs);
        return;
    }
    if ((regs->cs & SEL_RPL_MASK) == 0) {
        if (extable_fixup(regs))
            return;   /* a guest-memory access refused by the MMU: resumes at its fixup */
        hook_hv_exception(regs);
    }
    hook_guest_exception(regs);
}
