/* SCHEDOP_poll as Xen 4.17 implements it (common/sched/core.c do_poll), called with the upcall
 * mask set as Linux does: at once when a port is pending, at the timeout when none becomes
 * pending, without a timeout when a timer's VIRQ arrives; refused for more than 128 ports,
 * unusable ports and unreadable port lists. */
#include "abi/errno.h"
#include "abi/xen.h"
#include "pvguest/console.h"
#include "pvguest/events.h"
#include "pvguest/sched.h"
#include "pvguest/test.h"
#include "pvguest/tests/badptr.h"
#include "pvguest/tests/t_evt_fixture.h"
#include "pvguest/time.h"

#define POLL_MAX_PORTS   128                    /* Xen's limit on nr_ports */
#define POLL_WAIT_NS     (5 * TIME_NS_PER_MS)
#define POLL_LATE_NS     (50 * TIME_NS_PER_MS)  /* QEMU TCG on a shared host runs late */
#define POLL_QUICK_NS    (2 * TIME_NS_PER_MS)   /* "at once" */

TEST_CASE(evt_poll_pending);
static int evt_poll_pending(struct test_ctx *t)
{
    struct evt_loop l;
    bool was = events_disable();
    long rc = evt_loop_open(&l);

    if (rc)
        return test_error(t, "loopback open %ld", rc);
    rc = events_send(l.a);
    uint64_t t0 = time_now_ns();
    long prc = sched_poll(&l.b, 1, t0 + POLL_LATE_NS);
    uint64_t took = time_now_ns() - t0;
    bool pending = events_is_pending(l.b);
    evt_loop_close(&l);
    events_restore(was);
    if (rc || prc)
        return test_fail(t, "send %ld poll %ld", rc, prc);
    if (took > POLL_QUICK_NS || !pending)
        return test_fail(t, "poll on a pending port took %lu ns, port pending %d", took, pending);
    return test_pass(t);
}

TEST_CASE(evt_poll_timeout);
static int evt_poll_timeout(struct test_ctx *t)
{
    struct evt_loop l;
    bool was = events_disable();
    long rc = evt_loop_open(&l);

    if (rc)
        return test_error(t, "loopback open %ld", rc);
    uint64_t t0 = time_now_ns();
    rc = sched_poll(&l.b, 1, t0 + POLL_WAIT_NS);
    uint64_t took = time_now_ns() - t0;
    bool pending = events_is_pending(l.b);
    evt_loop_close(&l);
    events_restore(was);
    printk("pvguest: poll with a %llu ns timeout returned after %lu ns\n", POLL_WAIT_NS, took);
    if (rc || pending)
        return test_fail(t, "poll %ld, port pending %d, want 0 0", rc, pending);
    if (took < POLL_WAIT_NS || took > POLL_WAIT_NS + POLL_LATE_NS)
        return test_fail(t, "returned after %lu ns, want %llu..%llu", took, POLL_WAIT_NS,
                         POLL_WAIT_NS + POLL_LATE_NS);
    return test_pass(t);
}

/* No timeout: the single-shot timer's VIRQ_TIMER ends the poll. */
TEST_CASE(evt_poll_no_timeout);
static int evt_poll_no_timeout(struct test_ctx *t)
{
    evtchn_port_t port = time_virq_port();
    bool was = events_disable();

    if (!time_ready())
        return test_error(t, "VIRQ_TIMER is not bound");
    uint64_t deadline = time_now_ns() + POLL_WAIT_NS;
    long rc = time_singleshot(deadline, 0) ?: sched_poll(&port, 1, 0);
    uint64_t now = time_now_ns();
    bool pending = events_is_pending(port);
    events_restore(was);
    printk("pvguest: poll ended %ld ns after the timer's deadline\n", (long)(now - deadline));
    if (rc || !pending)
        return test_fail(t, "timer/poll %ld, VIRQ pending %d, want 0 1", rc, pending);
    if (now < deadline || now > deadline + POLL_LATE_NS)
        return test_fail(t, "poll ended at %lu, deadline %lu", now, deadline);
    return test_pass(t);
}

/* Each poll carries a timeout, so a hypervisor that wrongly accepts it returns instead of
 * hanging the suite. */
static int evt_poll_refusals(struct test_ctx *t, evtchn_port_t closed)
{
    static evtchn_port_t many[POLL_MAX_PORTS + 1];
    const evtchn_port_t bad[] = { 0, closed, EVENTS_NR_PORTS };
    const char *what;
    uint64_t addr;
    long rc;

    for (unsigned int i = 0; i <= POLL_MAX_PORTS; i++)
        many[i] = closed;
    for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        rc = sched_poll(&bad[i], 1, time_now_ns() + POLL_WAIT_NS);
        if (rc != -XEN_EINVAL)
            return test_fail(t, "poll on port %u: %ld, want -EINVAL", bad[i], rc);
    }
    rc = sched_poll(many, POLL_MAX_PORTS + 1, time_now_ns() + POLL_WAIT_NS);
    if (rc != -XEN_EINVAL)
        return test_fail(t, "poll on %u ports: %ld, want -EINVAL", POLL_MAX_PORTS + 1, rc);
    for (unsigned int i = 0; badptr_get(i, &addr, &what); i++) {
        rc = sched_poll((const evtchn_port_t *)addr, 1, time_now_ns() + POLL_WAIT_NS);
        if (rc != -XEN_EFAULT)
            return test_fail(t, "ports at %s %lx: %ld, want -EFAULT", what, addr, rc);
    }
    return test_pass(t);
}

/* Run with the upcall mask set: Xen's poll returns at once when an upcall is deliverable. */
TEST_CASE(evt_poll_errors);
static int evt_poll_errors(struct test_ctx *t)
{
    evtchn_port_t closed;
    bool was = events_disable();
    long rc = events_alloc_unbound(DOMID_SELF, &closed) ?: events_close(closed);
    int v = rc ? test_error(t, "alloc/close: %ld", rc) : evt_poll_refusals(t, closed);

    events_restore(was);
    return v;
}
