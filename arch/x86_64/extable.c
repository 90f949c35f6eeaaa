/* The exception fixup table's lookup (see extable.h). The table is a handful of entries, so
 * a linear scan is enough; it runs only when a guest hands the hypervisor a bad pointer. */
#include "arch/x86_64/extable.h"
#include "arch/x86_64/x86.h"

extern const struct extable_entry hv_extable_start[], hv_extable_end[];

bool extable_fixup(struct cpu_regs *regs)
{
    if (regs->vector != X86_EXC_PF && regs->vector != X86_EXC_GP)
        return false;
    for (const struct extable_entry *e = hv_extable_start; e < hv_extable_end; e++) {
        if (e->insn == regs->rip) {
            regs->rip = e->fixup;
            return true;
        }
    }
    return false;
}
