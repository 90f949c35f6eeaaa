/* sched_op, the guest's scheduling hypercall: yield, block, poll, shutdown and shutdown_code.
 * The run queue itself lives in hv/sched.c, the event side of block and poll in
 * hv/event/evtchn_poll.c. */
#include "hv/sched.h"
#include "abi/sched.h"
#include "hv/domain.h"
#include "hv/event/evtchn.h"
#include "hv/event/evtchn_poll.h"
#include "hv/guest_access.h"
#include "hv/hypercall.h"

/* SCHEDOP_poll: struct sched_poll at arg, its ports array copied once. Xen's order of
 * checks: too many ports (-EINVAL), an array outside guest space (-EFAULT), an upcall already
 * due (0), then the ports. */
static long sched_op_poll(uint64_t arg)
{
    struct sched_poll p;
    evtchn_port_t ports[EVTCHN_POLL_MAX_PORTS];
    size_t bytes;

    if (copy_from_guest(&p, arg, sizeof(p)))
        return -XEN_EFAULT;
    if (p.nr_ports > EVTCHN_POLL_MAX_PORTS)
        return -XEN_EINVAL;
    bytes = p.nr_ports * sizeof(ports[0]);
    if (!guest_range_ok(p.ports, bytes))
        return -XEN_EFAULT;
    if (evtchn_vcpu_has_events(current))
        return 0;
    if (copy_from_guest(ports, p.ports, bytes))
        return -XEN_EFAULT;
    return evtchn_poll(current, ports, p.nr_ports, p.timeout);
}

static long sched_op_shutdown(uint64_t cmd, uint64_t arg)
{
    struct sched_shutdown s;

    if (copy_from_guest(&s, arg, sizeof(s)))
        return -XEN_EFAULT;
    if (s.reason > SHUTDOWN_MAX)
        return -XEN_EINVAL;
    if (cmd == SCHEDOP_shutdown)
        domain_shutdown(current->domain, s.reason);
    else
        current->domain->shutdown_reason = s.reason;
    return 0;
}

/* sched_op(cmd, arg): yield; block (clears the upcall mask, sleeps until an event); poll
 * (arg: struct sched_poll, sleeps until a listed port is pending or the timeout passes);
 * shutdown (arg: struct sched_shutdown) ends the domain; shutdown_code records a reason.
 * Block and poll return 0 when the vCPU runs again. Errors: -EFAULT, -EINVAL (bad reason,
 * more than 128 ports, a port >= 4096), -ENOSYS. */
long hc_sched_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a3; (void)a4; (void)a5;
    switch (cmd) {
    case SCHEDOP_yield:
        sched_yield();
        return 0;
    case SCHEDOP_block:
        evtchn_block(current);
        return 0;
    case SCHEDOP_poll:
        return sched_op_poll(arg);
    case SCHEDOP_shutdown:
    case SCHEDOP_shutdown_code:
        return sched_op_shutdown(cmd, arg);
    default:
        return -XEN_ENOSYS;
    }
}
