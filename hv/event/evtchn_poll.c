/* Sleeping until an event: SCHEDOP_block and SCHEDOP_poll. A polling vCPU is blocked in the
 * scheduler and records what it polls in its evtchn_vcpu.poll, which the set-pending rule
 * checks (hv/event/evtchn_port.c); its timeout is one hypervisor timer per domain. Every
 * wake-up path (event, upcall, timeout) goes through sched_wake, and the hypercall returns 0. */
#include "hv/event/evtchn_poll.h"
#include "hv/event/evtchn.h"
#include "hv/domain.h"
#include "hv/sched.h"
#include "hv/time/timer.h"

static struct timer poll_timers[MAX_DOMAINS];

static struct evtchn_vcpu *poll_state(struct vcpu *v)
{
    return &v->domain->evtchn.vcpu[v->id];
}

/* The timeout passed: the vCPU stops polling and runs again. */
static void poll_timeout(struct timer *t)
{
    struct vcpu *v = t->data;
    struct evtchn_vcpu *ev = poll_state(v);

    if (ev->poll == EVTCHN_POLL_NONE)
        return;
    ev->poll = EVTCHN_POLL_NONE;
    sched_wake(v);
}

void evtchn_poll_init(struct domain *d)
{
    timer_init(&poll_timers[d->id], poll_timeout, &d->vcpu0);
    d->evtchn.vcpu[0].poll = EVTCHN_POLL_NONE;
}

void evtchn_poll_end(struct vcpu *v)
{
    poll_state(v)->poll = EVTCHN_POLL_NONE;
    timer_stop(&poll_timers[v->domain->id]);
}

void evtchn_block(struct vcpu *v)
{
    evtchn_poll_end(v);
    v->vcpu_info->evtchn_upcall_mask = 0;
    if (!evtchn_vcpu_has_events(v))
        sched_block(v);
}

long evtchn_poll(struct vcpu *v, const evtchn_port_t *ports, unsigned n, uint64_t timeout)
{
    const struct evtchn_dom *ed = &v->domain->evtchn;

    evtchn_poll_end(v);
    if (evtchn_vcpu_has_events(v))
        return 0;
    for (unsigned i = 0; i < n; i++) {
        if (!evtchn_port_is_bound(ed, ports[i]))
            return -XEN_EINVAL;
        if (evtchn_port_is_pending(ed, ports[i]))
            return 0;
    }
    poll_state(v)->poll = n == 1 ? (int32_t)ports[0] : EVTCHN_POLL_ANY;
    if (timeout)
        timer_set(&poll_timers[v->domain->id], timeout);
    sched_block(v);
    return 0;
}
