/* Two-domain event tests, run by name in pairs (tests/boot/evt-*): a ping-pong of
 * EVT_PINGPONG_N events, a peer that keeps sending while the other closes, and a peer that
 * shuts down while the other waits on it. Each side of a pair is a manual test; the rendezvous
 * is t_evt_pair.h's. */
#include "abi/errno.h"
#include "abi/xen.h"
#include "pvguest/console.h"
#include "pvguest/events.h"
#include "pvguest/test.h"
#include "pvguest/tests/t_evt_pair.h"
#include "pvguest/time.h"

#define EVT_PINGPONG_N     1000
#define EVT_STEP_NS        (2 * 1000000000ULL) /* one event may take this long, no more */
#define EVT_SENDS_N        2000
#define EVT_CLOSE_AFTER    10  /* the receiver closes after this many events */
#define EVT_SETTLE_NS      (20 * TIME_NS_PER_MS)

/* Domain 0's side: echoes each ping; exactly N pings, no more. */
TEST_CASE_MANUAL(evt_pingpong_server);
static int evt_pingpong_server(struct test_ctx *t)
{
    struct evt_counter c = { 0 };
    evtchn_port_t port;
    long rc = evt_pair_offer(&port);

    if (rc)
        return test_error(t, "alloc_unbound for domain %u: %ld", evt_pair_peer(), rc);
    events_bind(port, evt_count, &c);
    for (unsigned int i = 1; i <= EVT_PINGPONG_N && !rc; i++) {
        if (!evt_pair_wait(&c, i, i == 1 ? EVT_PAIR_TIMEOUT_NS : EVT_STEP_NS))
            return test_fail(t, "ping %u never came (%u seen)", i, c.hits);
        rc = events_send(port);
    }
    unsigned int hits = c.hits;
    events_close(port);
    if (rc || hits != EVT_PINGPONG_N)
        return test_fail(t, "send %ld, %u pings seen, want %u", rc, hits, EVT_PINGPONG_N);
    return test_pass(t);
}

/* Domain 1's side: N pings, each answered exactly once before the next. */
TEST_CASE_MANUAL(evt_pingpong_client);
static int evt_pingpong_client(struct test_ctx *t)
{
    struct evt_counter c = { 0 };
    evtchn_port_t port;
    long rc = evt_pair_connect(&port);

    if (rc)
        return test_fail(t, "no port offered by domain %u: %ld", evt_pair_peer(), rc);
    events_bind(port, evt_count, &c);
    uint64_t t0 = time_now_ns();
    for (unsigned int i = 1; i <= EVT_PINGPONG_N; i++) {
        rc = events_send(port);
        if (rc || !evt_pair_wait(&c, i, EVT_STEP_NS) || c.hits != i)
            break;
    }
    uint64_t took = time_now_ns() - t0;
    unsigned int hits = c.hits;
    events_close(port);
    printk("pvguest: %u round trips in %lu ns\n", hits, took);
    if (rc || hits != EVT_PINGPONG_N)
        return test_fail(t, "send %ld, %u pongs, want %u", rc, hits, EVT_PINGPONG_N);
    return test_pass(t);
}

/* Receiver: takes a few events, closes its end while the peer keeps sending; the peer's later
 * sends must not reach the freed port. */
TEST_CASE_MANUAL(evt_close_receiver);
static int evt_close_receiver(struct test_ctx *t)
{
    struct evt_counter c = { 0 };
    evtchn_port_t port;
    long rc = evt_pair_offer(&port);

    if (rc)
        return test_error(t, "alloc_unbound: %ld", rc);
    events_bind(port, evt_count, &c);
    if (!evt_pair_wait(&c, EVT_CLOSE_AFTER, EVT_PAIR_TIMEOUT_NS))
        return test_fail(t, "only %u events came", c.hits);
    rc = events_close(port);
    time_sleep_ns(EVT_SETTLE_NS);
    struct evtchn_status st;
    long s = events_status(DOMID_SELF, port, &st);
    bool pending = events_is_pending(port);
    if (rc || s || st.status != EVTCHNSTAT_closed || pending)
        return test_fail(t, "close %ld; then status %ld: %u, pending %d, want closed (0) and "
                         "no event on the freed port", rc, s, st.status, pending);
    return test_pass(t);
}

/* Sender: every send succeeds (the closed peer's notifications are dropped) and its end ends
 * up unbound, offered back to the peer. */
TEST_CASE_MANUAL(evt_close_sender);
static int evt_close_sender(struct test_ctx *t)
{
    struct evtchn_status st;
    evtchn_port_t port;
    long rc = evt_pair_connect(&port);

    if (rc)
        return test_fail(t, "no port offered: %ld", rc);
    for (unsigned int i = 0; i < EVT_SENDS_N && !rc; i++) {
        rc = events_send(port);
        if (!(i % EVT_CLOSE_AFTER))
            time_sleep_ns(TIME_NS_PER_MS);
    }
    long s = events_status(DOMID_SELF, port, &st);
    events_close(port);
    if (rc || s)
        return test_fail(t, "send %ld status %ld", rc, s);
    if (st.status != EVTCHNSTAT_unbound || st.u.unbound.dom != evt_pair_peer())
        return test_fail(t, "after the peer closed: status %u dom %u, want unbound (1) dom %u",
                         st.status, st.u.unbound.dom, evt_pair_peer());
    return test_pass(t);
}

/* Waiter: the peer says hello and gets an ack, then its domain ends; the waiter, blocked on
 * the channel, must get an event and find its port unbound instead of waiting forever. */
TEST_CASE_MANUAL(evt_peer_exit_waiter);
static int evt_peer_exit_waiter(struct test_ctx *t)
{
    struct evt_counter c = { 0 };
    struct evtchn_status st;
    evtchn_port_t port;
    long rc = evt_pair_offer(&port);

    if (rc)
        return test_error(t, "alloc_unbound: %ld", rc);
    events_bind(port, evt_count, &c);
    if (!evt_pair_wait(&c, 1, EVT_PAIR_TIMEOUT_NS))
        return test_fail(t, "the peer never said hello");
    rc = events_send(port);
    if (rc)
        return test_fail(t, "ack: %ld", rc);
    bool told = evt_pair_wait(&c, 2, EVT_PAIR_TIMEOUT_NS);
    rc = events_status(DOMID_SELF, port, &st);
    events_close(port);
    if (!told)
        return test_fail(t, "not told within %llu ns that domain %u ended", EVT_PAIR_TIMEOUT_NS,
                         evt_pair_peer());
    if (rc || st.status != EVTCHNSTAT_unbound)
        return test_fail(t, "status %ld: %u, want unbound (1)", rc, st.status);
    return test_pass(t);
}

/* Quitter: connects, says hello, waits for the ack (so the hello and the end of the domain
 * are two events, never merged into one pending bit) and returns; its domain then powers off
 * with the channel still open. */
TEST_CASE_MANUAL(evt_peer_exit_quitter);
static int evt_peer_exit_quitter(struct test_ctx *t)
{
    struct evt_counter c = { 0 };
    evtchn_port_t port;
    long rc = evt_pair_connect(&port);

    if (rc)
        return test_fail(t, "no port offered: %ld", rc);
    events_bind(port, evt_count, &c);
    rc = events_send(port);
    if (rc)
        return test_fail(t, "send: %ld", rc);
    return evt_pair_wait(&c, 1, EVT_PAIR_TIMEOUT_NS) ? test_pass(t)
                                                      : test_fail(t, "no ack from the peer");
}
