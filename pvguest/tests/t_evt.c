/* Delivery and masking semantics of 2-level event channels on a loopback interdomain channel,
 * as real Xen 4.17 behaves (common/event_channel.c, common/event_2l.c): status of both ends,
 * the notification bind_interdomain leaves, one upcall per send, pending-while-masked then one
 * delivery on unmask, the upcall mask, selector words, IPIs, and closing one end. */
#include "abi/errno.h"
#include "abi/xen.h"
#include "pvguest/events.h"
#include "pvguest/test.h"
#include "pvguest/tests/t_evt_fixture.h"

#define EVT_WORD_BITS   (sizeof(xen_ulong_t) * __CHAR_BIT__)
#define EVT_SENDS       3
#define EVT_MAX_FILLERS (2 * EVT_WORD_BITS)

static uint64_t evt_sel_bit(evtchn_port_t port)
{
    return (uint64_t)1 << (port / EVT_WORD_BITS);
}

/* Each end reports the other: interdomain, our own domain, the peer port, vCPU 0. */
TEST_CASE(evt_loopback_status);
static int evt_loopback_status(struct test_ctx *t)
{
    struct evt_loop l;
    struct evtchn_status sa, sb;
    long self = evt_self_domid();
    long rc = evt_loop_open(&l);

    if (self < 0 || rc)
        return test_error(t, "self %ld, loopback open %ld", self, rc);
    rc = events_status(DOMID_SELF, l.a, &sa) ?: events_status(DOMID_SELF, l.b, &sb);
    evt_loop_close(&l);
    if (rc)
        return test_fail(t, "status: %ld", rc);
    if (sa.status != EVTCHNSTAT_interdomain || sb.status != EVTCHNSTAT_interdomain)
        return test_fail(t, "status a %u b %u, want interdomain (2)", sa.status, sb.status);
    if (sa.u.interdomain.port != l.b || sb.u.interdomain.port != l.a)
        return test_fail(t, "a->%u b->%u, want a->%u b->%u", sa.u.interdomain.port,
                         sb.u.interdomain.port, l.b, l.a);
    if (sa.u.interdomain.dom != self || sb.u.interdomain.dom != self || sa.vcpu || sb.vcpu)
        return test_fail(t, "dom %u/%u vcpu %u/%u, want %ld and 0", sa.u.interdomain.dom,
                         sb.u.interdomain.dom, sa.vcpu, sb.vcpu, self);
    return test_pass(t);
}

/* Xen sets the new local port pending at bind_interdomain (a notification sent to the still
 * unbound remote end would otherwise be lost); the remote end stays quiet. */
TEST_CASE(evt_bind_sets_pending);
static int evt_bind_sets_pending(struct test_ctx *t)
{
    evtchn_port_t a, b;
    bool pa, pb;
    long rc = events_alloc_unbound(DOMID_SELF, &a);

    if (rc)
        return test_error(t, "alloc_unbound: %ld", rc);
    rc = events_bind_interdomain(DOMID_SELF, a, &b);
    pa = events_is_pending(a);
    pb = events_is_pending(b);
    events_close(a);
    if (rc)
        return test_fail(t, "bind_interdomain: %ld", rc);
    events_close(b);
    return pb && !pa ? test_pass(t) : test_fail(t, "pending a %d b %d, want 0 1", pa, pb);
}

/* With events enabled each send runs the peer's handler once, before the send returns. */
TEST_CASE(evt_deliver_once);
static int evt_deliver_once(struct test_ctx *t)
{
    struct evt_loop l;
    bool was = events_disable();
    long rc = evt_loop_open_counted(&l);

    if (rc)
        return test_error(t, "loopback open %ld", rc);
    events_enable();
    for (unsigned int i = 1; i <= EVT_SENDS; i++) {
        rc = events_send(l.a);
        if (rc || l.cb.hits != i || l.ca.hits != 0)
            break;
    }
    rc = rc ?: events_send(l.b);
    events_disable();
    evt_loop_close(&l);
    events_restore(was);
    if (rc)
        return test_fail(t, "send: %ld", rc);
    if (l.cb.hits != EVT_SENDS || l.ca.hits != 1 || l.cb.last_port != l.b)
        return test_fail(t, "hits a %u b %u (port %u), want 1 %u (port %u)", l.ca.hits,
                         l.cb.hits, l.cb.last_port, EVT_SENDS, l.b);
    return test_pass(t);
}

/* Sends to a masked port leave it pending, touch neither the selector nor upcall_pending, and
 * run nothing; the unmask then delivers exactly once, however many sends there were. */
TEST_CASE(evt_masked_pending);
static int evt_masked_pending(struct test_ctx *t)
{
    struct evt_loop l;
    bool was = events_disable(), pending, sel, upcall;
    long rc = evt_loop_open_counted(&l);

    if (rc)
        return test_error(t, "loopback open %ld", rc);
    events_enable();
    events_mask(l.b);
    for (unsigned int i = 0; i < EVT_SENDS && !rc; i++)
        rc = events_send(l.a);
    pending = events_is_pending(l.b);
    sel = events_pending_sel() & evt_sel_bit(l.b);
    upcall = events_upcall_pending();
    unsigned int masked_hits = l.cb.hits;
    long urc = events_unmask(l.b);
    unsigned int after_unmask = l.cb.hits;
    long urc2 = events_unmask(l.b);
    events_disable();
    evt_loop_close(&l);
    events_restore(was);
    if (rc || urc || urc2)
        return test_fail(t, "send %ld unmask %ld / %ld", rc, urc, urc2);
    if (!pending || sel || upcall || masked_hits)
        return test_fail(t, "while masked: pending %d sel %d upcall %d hits %u, want 1 0 0 0",
                         pending, !!sel, upcall, masked_hits);
    if (after_unmask != 1 || l.cb.hits != 1)
        return test_fail(t, "hits after unmask %u, after a second unmask %u, want 1 1",
                         after_unmask, l.cb.hits);
    return test_pass(t);
}

/* With the upcall mask set a send marks port, selector word and upcall_pending but runs
 * nothing; clearing the mask delivers the event once and leaves all three clear. */
TEST_CASE(evt_upcall_mask);
static int evt_upcall_mask(struct test_ctx *t)
{
    struct evt_loop l;
    bool was = events_disable();
    long rc = evt_loop_open_counted(&l);

    if (rc)
        return test_error(t, "loopback open %ld", rc);
    for (unsigned int i = 0; i < EVT_SENDS && !rc; i++)
        rc = events_send(l.a);
    bool pending = events_is_pending(l.b), upcall = events_upcall_pending();
    bool sel = events_pending_sel() & evt_sel_bit(l.b);
    unsigned int masked_hits = l.cb.hits;
    events_enable();
    bool after = events_is_pending(l.b) || events_upcall_pending() ||
                 (events_pending_sel() & evt_sel_bit(l.b));
    events_disable();
    evt_loop_close(&l);
    events_restore(was);
    if (rc)
        return test_fail(t, "send: %ld", rc);
    if (!pending || !upcall || !sel || masked_hits)
        return test_fail(t, "masked: pending %d upcall %d sel %d hits %u, want 1 1 1 0",
                         pending, upcall, sel, masked_hits);
    if (l.cb.hits != 1 || after)
        return test_fail(t, "after enable: hits %u (want 1), state left set %d", l.cb.hits,
                         after);
    return test_pass(t);
}

/* Allocates unbound ports until one lies in a later selector word than `port`. */
static unsigned int evt_fill_past_word(evtchn_port_t port, evtchn_port_t *fill)
{
    unsigned int n = 0;

    while (n < EVT_MAX_FILLERS) {
        if (events_alloc_unbound(DOMID_SELF, &fill[n]))
            break;
        if (fill[n++] / EVT_WORD_BITS != port / EVT_WORD_BITS)
            break;
    }
    return n;
}

/* Events on ports of two selector words set both selector bits; one upcall handles both. */
TEST_CASE(evt_selector_words);
static int evt_selector_words(struct test_ctx *t)
{
    static evtchn_port_t fill[EVT_MAX_FILLERS];
    struct evt_loop l1, l2;
    bool was = events_disable();
    long rc = evt_loop_open_counted(&l1);
    unsigned int nfill = rc ? 0 : evt_fill_past_word(l1.b, fill);

    rc = rc ?: evt_loop_open_counted(&l2);
    if (rc)
        return test_error(t, "loopback open %ld", rc);
    uint64_t upcalls = events_upcalls();
    rc = events_send(l1.a) ?: events_send(l2.a);
    uint64_t sel = events_pending_sel();
    events_enable();
    uint64_t taken = events_upcalls() - upcalls;
    events_disable();
    for (unsigned int i = 0; i < nfill; i++)
        events_close(fill[i]);
    evt_loop_close(&l2);
    evt_loop_close(&l1);
    events_restore(was);
    if (l1.b / EVT_WORD_BITS == l2.b / EVT_WORD_BITS)
        return test_error(t, "ports %u and %u share a word", l1.b, l2.b);
    if (rc)
        return test_fail(t, "send: %ld", rc);
    if ((sel & (evt_sel_bit(l1.b) | evt_sel_bit(l2.b))) != (evt_sel_bit(l1.b) | evt_sel_bit(l2.b)))
        return test_fail(t, "selector %lx, want bits of ports %u and %u", sel, l1.b, l2.b);
    if (l1.cb.hits != 1 || l2.cb.hits != 1 || taken != 1)
        return test_fail(t, "hits %u %u in %lu upcalls, want 1 1 in 1", l1.cb.hits,
                         l2.cb.hits, taken);
    return test_pass(t);
}

/* bind_ipi gives a port that notifies our own vCPU: status ipi, one delivery per send. */
TEST_CASE(evt_ipi);
static int evt_ipi(struct test_ctx *t)
{
    struct evt_counter c = { 0 };
    struct evtchn_status st;
    evtchn_port_t p;
    bool was = events_disable();
    long rc = events_bind_ipi(0, &p);

    if (rc)
        return test_fail(t, "bind_ipi: %ld", rc);
    events_bind(p, evt_count, &c);
    events_enable();
    rc = events_send(p) ?: events_status(DOMID_SELF, p, &st);
    events_disable();
    long crc = events_close(p);
    events_restore(was);
    if (rc || crc)
        return test_fail(t, "send/status %ld close %ld", rc, crc);
    if (st.status != EVTCHNSTAT_ipi || st.vcpu != 0 || c.hits != 1)
        return test_fail(t, "status %u vcpu %u hits %u, want ipi (5), 0, 1", st.status, st.vcpu,
                         c.hits);
    return test_pass(t);
}

/* EVTCHNOP_unmask itself clears the mask bit and raises the pending port. */
TEST_CASE(evt_unmask_hypercall);
static int evt_unmask_hypercall(struct test_ctx *t)
{
    struct evt_loop l;
    bool was = events_disable();
    long rc = evt_loop_open_counted(&l);

    if (rc)
        return test_error(t, "loopback open %ld", rc);
    events_enable();
    events_mask(l.b);
    rc = events_send(l.a);
    struct evtchn_unmask op = { .port = l.b };
    long urc = events_op(EVTCHNOP_unmask, &op);
    bool masked = events_is_masked(l.b);
    events_disable();
    evt_loop_close(&l);
    events_restore(was);
    if (rc || urc)
        return test_fail(t, "send %ld unmask %ld", rc, urc);
    return !masked && l.cb.hits == 1
               ? test_pass(t)
               : test_fail(t, "masked %d hits %u, want 0 1", masked, l.cb.hits);
}

/* Closing one end leaves the other unbound (offered to us again): sends on it succeed and are
 * dropped, sends on the closed end fail, and nothing is delivered. */
TEST_CASE(evt_close_while_sending);
static int evt_close_while_sending(struct test_ctx *t)
{
    struct evt_loop l;
    struct evtchn_status st;
    bool was = events_disable();
    long self = evt_self_domid();
    long rc = evt_loop_open_counted(&l);

    if (rc || self < 0)
        return test_error(t, "loopback open %ld self %ld", rc, self);
    events_enable();
    long c = events_close(l.b);
    long s1 = events_send(l.a), s2 = events_send(l.b);
    long srv = events_status(DOMID_SELF, l.a, &st);
    events_disable();
    l.b = 0; /* already closed */
    evt_loop_close(&l);
    events_restore(was);
    if (c || s1 || s2 != -XEN_EINVAL || srv)
        return test_fail(t, "close %ld send(open end) %ld send(closed) %ld status %ld, want 0 0 "
                         "-EINVAL 0", c, s1, s2, srv);
    if (st.status != EVTCHNSTAT_unbound || st.u.unbound.dom != self)
        return test_fail(t, "open end: status %u dom %u, want unbound (1) dom %ld", st.status,
                         st.u.unbound.dom, self);
    return l.ca.hits || l.cb.hits ? test_fail(t, "hits %u %u, want 0", l.ca.hits, l.cb.hits)
                                  : test_pass(t);
}
