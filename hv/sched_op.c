/* sched_op, the guest's scheduling hypercall: yield, shutdown and shutdown_code. The run queue
 * itself lives in hv/sched.c. */
#include "hv/sched.h"
#include "abi/sched.h"
#include "hv/domain.h"
#include "hv/guest_access.h"
#include "hv/hypercall.h"

/* sched_op(cmd, arg): yield; shutdown (arg: struct sched_shutdown) ends the domain;
 * shutdown_code records a reason. Errors: -EFAULT, -EINVAL (bad reason), -ENOSYS. */
long hc_sched_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5)
{
    struct sched_shutdown s;

    (void)a3; (void)a4; (void)a5;
    switch (cmd) {
    case SCHEDOP_yield:
        sched_yield();
        return 0;
    case SCHEDOP_shutdown:
    case SCHEDOP_shutdown_code:
        if (copy_from_guest(&s, arg, sizeof(s)))
            return -XEN_EFAULT;
        if (s.reason > SHUTDOWN_MAX)
            return -XEN_EINVAL;
        if (cmd == SCHEDOP_shutdown)
            domain_shutdown(current->domain, s.reason);
        else
            current->domain->shutdown_reason = s.reason;
        return 0;
    default:
        return -XEN_ENOSYS;
    }
}
