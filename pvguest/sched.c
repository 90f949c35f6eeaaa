/* pvguest's run loop. The condition is read with the upcall mask set; SCHEDOP_block clears the
 * mask and returns at once when an event is already pending, so an event that arrives between
 * the check and the block is never lost (the Mini-OS/Linux idle pattern). */
#include "pvguest/sched.h"

#include "abi/sched.h"
#include "pvguest/events.h"
#include "pvguest/hypercall.h"

long sched_block(void)
{
    return hypercall_sched_op(SCHEDOP_block, 0);
}

long sched_yield(void)
{
    return hypercall_sched_op(SCHEDOP_yield, 0);
}

long sched_poll(const evtchn_port_t *ports, unsigned int nr, uint64_t timeout_ns)
{
    struct sched_poll arg = { .ports = (uint64_t)ports, .nr_ports = nr, .timeout = timeout_ns };

    return hypercall_sched_op(SCHEDOP_poll, &arg);
}

long sched_wait(bool (*done)(void *arg), void *arg)
{
    bool was = events_disable();
    long rc = 0;

    while (!done(arg)) {
        rc = sched_block();
        events_disable();
        if (rc)
            break;
    }
    events_restore(was);
    return rc;
}
