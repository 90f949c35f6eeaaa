/* Exceptions taken while a guest ran: bounced to the guest's handler (Xen's bounce frame),
 * or the domain is crashed when it has none. */
#include "hv/env.h"
#include "arch/x86_64/hooks.h"

void hook_guest_exception(struct cpu_regs *regs)
{
    panic("guest exception (vector %lu) with no guest running", regs->vector);
}
