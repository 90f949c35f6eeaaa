/* Fixture of the event-channel tests (t_evt_fixture.h). */
#include "pvguest/tests/t_evt_fixture.h"

#include "abi/xen.h"
#include "pvguest/events.h"
#include "pvguest/time.h"

void evt_count(evtchn_port_t port, void *data)
{
    struct evt_counter *c = data;
    uint64_t tsc = time_rdtsc();

    c->last_tsc = tsc;
    c->hits++;
    c->last_port = port;
    c->last_ns = time_now_ns();
}

long evt_loop_open(struct evt_loop *l)
{
    long rc;

    *l = (struct evt_loop){ 0 };
    rc = events_alloc_unbound(DOMID_SELF, &l->a);
    if (rc)
        return rc;
    rc = events_bind_interdomain(DOMID_SELF, l->a, &l->b);
    if (rc) {
        events_close(l->a);
        return rc;
    }
    events_mask(l->a);
    events_mask(l->b);
    events_clear_pending(l->a);
    events_clear_pending(l->b);
    return 0;
}

long evt_loop_open_counted(struct evt_loop *l)
{
    long rc = evt_loop_open(l);

    if (rc)
        return rc;
    events_bind(l->a, evt_count, &l->ca);
    events_bind(l->b, evt_count, &l->cb);
    return 0;
}

void evt_loop_close(struct evt_loop *l)
{
    if (l->b)
        events_close(l->b);
    if (l->a)
        events_close(l->a);
}

long evt_self_domid(void)
{
    struct evtchn_status st;
    evtchn_port_t p;
    long rc = events_alloc_unbound(DOMID_SELF, &p);

    if (rc)
        return rc;
    rc = events_status(DOMID_SELF, p, &st);
    events_close(p);
    return rc ? rc : (long)st.u.unbound.dom;
}
