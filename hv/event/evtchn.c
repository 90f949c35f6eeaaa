/* The hypervisor's side of event channels: each domain's port table lives in struct domain;
 * this file implements the port logic's environment (hv/event/evtchn_env.h) over the domain
 * table and the scheduler, the domain life-cycle hooks, VIRQs and the upcall on the way back
 * to a guest. */
#include "hv/event/evtchn.h"
#include "hv/event/evtchn_env.h"
#include "hv/event/evtchn_poll.h"
#include "hv/domain.h"
#include "hv/sched.h"
#include "hv/trace.h"
#include "hv/traps.h"

static struct domain *domain_of(struct evtchn_dom *ed)
{
    return (struct domain *)((char *)ed - offsetof(struct domain, evtchn));
}

struct evtchn_dom *evtchn_env_dom(domid_t id)
{
    struct domain *d = domain_by_id(id);

    return d && d->evtchn.si ? &d->evtchn : NULL;
}

struct vcpu_info *evtchn_env_vcpu_info(struct evtchn_dom *ed, unsigned vcpu)
{
    (void)vcpu;   /* one vCPU per domain (EVTCHN_MAX_VCPUS) */
    return domain_of(ed)->vcpu0.vcpu_info;
}

void evtchn_env_wake(struct evtchn_dom *ed, unsigned vcpu)
{
    (void)vcpu;
    sched_wake(&domain_of(ed)->vcpu0);
}

void evtchn_domain_init(struct domain *d)
{
    evtchn_port_init(&d->evtchn, d->shared_info, d->id, d->privileged);
    evtchn_poll_init(d);
}

void evtchn_domain_teardown(struct domain *d)
{
    evtchn_poll_end(&d->vcpu0);
    evtchn_port_teardown(&d->evtchn);
}

void evtchn_send_virq(struct vcpu *v, unsigned int virq)
{
    evtchn_port_send_virq(&v->domain->evtchn, v->id, virq);
}

void evtchn_set_pending(struct vcpu *v, unsigned int port)
{
    if (port < EVTCHN_NR_PORTS)
        evtchn_port_set_pending(&v->domain->evtchn, port);
}

bool evtchn_vcpu_has_events(const struct vcpu *v)
{
    const struct vcpu_info *vi = v->vcpu_info;

    return vi && vi->evtchn_upcall_pending && !vi->evtchn_upcall_mask;
}

void evtchn_upcall(void)
{
    struct vcpu *v = current;

    if (!v->event_cb || !evtchn_vcpu_has_events(v))
        return;
    trace_evt_upcall(v->domain->id, (uint16_t)v->id, v->vcpu_info->evtchn_pending_sel);
    if (traps_bounce(v, v->event_cb, TRAP_NO_ERRCODE, true))
        domain_crash(v->domain, "fault while delivering an event upcall");
}
