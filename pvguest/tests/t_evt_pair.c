/* Rendezvous and waiting for the two-domain tests (t_evt_pair.h). */
#include "pvguest/tests/t_evt_pair.h"

#include "abi/errno.h"
#include "pvguest/boot.h"
#include "pvguest/cmdline.h"
#include "pvguest/events.h"
#include "pvguest/sched.h"
#include "pvguest/time.h"

#define EVT_PAIR_RETRY_NS (1 * TIME_NS_PER_MS)
#define EVT_PAIR_DECIMAL  10

domid_t evt_pair_peer(void)
{
    const char *s = cmdline_get("peer");
    unsigned int v = 0;

    if (!s || !*s)
        return boot_is_initdomain() ? 1 : 0;
    for (; *s >= '0' && *s <= '9'; s++)
        v = v * EVT_PAIR_DECIMAL + (unsigned int)(*s - '0');
    return (domid_t)v;
}

long evt_pair_offer(evtchn_port_t *port)
{
    return events_alloc_unbound(evt_pair_peer(), port);
}

static long evt_pair_sweep(domid_t peer, evtchn_port_t *port)
{
    for (evtchn_port_t p = 1; p <= EVT_PAIR_SCAN_PORTS; p++)
        if (!events_bind_interdomain(peer, p, port))
            return 0;
    return -XEN_EAGAIN;
}

long evt_pair_connect(evtchn_port_t *port)
{
    domid_t peer = evt_pair_peer();
    uint64_t end = time_now_ns() + EVT_PAIR_TIMEOUT_NS;

    while (evt_pair_sweep(peer, port)) {
        if (time_now_ns() > end)
            return -XEN_ETIMEDOUT;
        time_sleep_ns(EVT_PAIR_RETRY_NS);
    }
    events_mask(*port);
    events_clear_pending(*port);
    return 0;
}

struct evt_pair_waiter {
    struct evt_counter *c;
    unsigned int hits;
    bool timed_out;
};

static bool evt_pair_reached(void *arg)
{
    volatile struct evt_pair_waiter *w = arg;

    return w->c->hits >= w->hits || w->timed_out;
}

static void evt_pair_timeout(struct time_timer *t)
{
    ((struct evt_pair_waiter *)t->data)->timed_out = true;
}

bool evt_pair_wait(struct evt_counter *c, unsigned int hits, uint64_t timeout_ns)
{
    struct evt_pair_waiter w = { .c = c, .hits = hits };
    struct time_timer t;

    time_timer_init(&t, evt_pair_timeout, &w);
    time_timer_set(&t, time_now_ns() + timeout_ns);
    sched_wait(evt_pair_reached, &w);
    time_timer_stop(&t);
    return c->hits >= hits;
}
