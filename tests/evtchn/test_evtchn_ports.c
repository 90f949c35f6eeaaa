/* Host tests of the event-channel port state machine (hv/event/evtchn_port.c): allocation
 * order and the 4095-port limit, binding, closing, status answers, privilege and the errors
 * Xen 4.17 gives, domain teardown. */
#include <string.h>

#include "tests/evtchn/evtchn_fake.h"

static int st_of(unsigned caller, domid_t dom, evtchn_port_t port, struct evtchn_status *st)
{
    *st = (struct evtchn_status){ .dom = dom, .port = port };
    return evtchn_port_status(fake_ed(caller), st);
}

static evtchn_port_t alloc_for(unsigned caller, domid_t dom, domid_t remote)
{
    struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote };

    assert_int_equal(evtchn_port_alloc_unbound(fake_ed(caller), &a), 0);
    return a.port;
}

static void test_alloc_lowest_first(void **state)
{
    struct evtchn_status st;
    evtchn_port_t p1, p2;

    (void)state;
    fake_reset();
    p1 = alloc_for(FAKE_DOM1, DOMID_SELF, DOMID_SELF);
    p2 = alloc_for(FAKE_DOM1, FAKE_DOM1, FAKE_DOM2);
    assert_int_equal(p1, 1);
    assert_int_equal(p2, 2);
    assert_int_equal(st_of(FAKE_DOM1, DOMID_SELF, p1, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_unbound);
    assert_int_equal(st.u.unbound.dom, FAKE_DOM1);   /* DOMID_SELF names the caller */
    assert_int_equal(st_of(FAKE_DOM1, FAKE_DOM1, p2, &st), 0);
    assert_int_equal(st.u.unbound.dom, FAKE_DOM2);
    assert_int_equal(evtchn_port_close(fake_ed(FAKE_DOM1), p1), 0);
    assert_int_equal(alloc_for(FAKE_DOM1, DOMID_SELF, DOMID_SELF), p1);   /* reused */
}

static void test_4095_ports(void **state)
{
    static uint8_t seen[EVTCHN_NR_PORTS];
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
    unsigned n = 0;

    (void)state;
    fake_reset();
    memset(seen, 0, sizeof(seen));
    while (evtchn_port_alloc_unbound(fake_ed(FAKE_DOM1), &a) == 0) {
        assert_true(a.port > 0 && a.port < EVTCHN_NR_PORTS && !seen[a.port]);
        seen[a.port] = 1;
        n++;
    }
    assert_int_equal(n, EVTCHN_NR_PORTS - 1);
    assert_int_equal(evtchn_port_alloc_unbound(fake_ed(FAKE_DOM1), &a), -XEN_ENOSPC);
    for (evtchn_port_t p = 1; p < EVTCHN_NR_PORTS; p++)
        assert_int_equal(evtchn_port_close(fake_ed(FAKE_DOM1), p), 0);
    assert_int_equal(fake_ports_in_use(FAKE_DOM1), 0);
    assert_int_equal(alloc_for(FAKE_DOM1, DOMID_SELF, DOMID_SELF), 1);
}

static void test_loopback_bind(void **state)
{
    struct evtchn_bind_interdomain b = { .remote_dom = DOMID_SELF };
    struct evtchn_status sa, sb;

    (void)state;
    fake_reset();
    b.remote_port = alloc_for(FAKE_DOM1, DOMID_SELF, DOMID_SELF);
    assert_int_equal(evtchn_port_bind_interdomain(fake_ed(FAKE_DOM1), &b), 0);
    assert_int_equal(st_of(FAKE_DOM1, DOMID_SELF, b.remote_port, &sa), 0);
    assert_int_equal(st_of(FAKE_DOM1, DOMID_SELF, b.local_port, &sb), 0);
    assert_int_equal(sa.status, EVTCHNSTAT_interdomain);
    assert_int_equal(sb.status, EVTCHNSTAT_interdomain);
    assert_int_equal(sa.u.interdomain.port, b.local_port);
    assert_int_equal(sb.u.interdomain.port, b.remote_port);
    assert_int_equal(sa.u.interdomain.dom, FAKE_DOM1);
    /* Xen notifies the new local end, not the remote one */
    assert_true(fake_pending(FAKE_DOM1, b.local_port));
    assert_false(fake_pending(FAKE_DOM1, b.remote_port));
}

static void test_cross_domain_bind(void **state)
{
    struct evtchn_bind_interdomain b = { .remote_dom = FAKE_DOM1 };
    struct evtchn_status st;

    (void)state;
    fake_reset();
    b.remote_port = alloc_for(FAKE_DOM1, DOMID_SELF, FAKE_DOM2);
    /* offered to d2: d0 may not take it even though it is privileged */
    assert_int_equal(evtchn_port_bind_interdomain(fake_ed(FAKE_DOM0), &b), -XEN_EINVAL);
    assert_int_equal(evtchn_port_bind_interdomain(fake_ed(FAKE_DOM2), &b), 0);
    assert_int_equal(st_of(FAKE_DOM1, DOMID_SELF, b.remote_port, &st), 0);
    assert_int_equal(st.u.interdomain.dom, FAKE_DOM2);
    assert_int_equal(st.u.interdomain.port, b.local_port);
    /* a second bind to the same (now connected) port is refused */
    assert_int_equal(evtchn_port_bind_interdomain(fake_ed(FAKE_DOM2), &b), -XEN_EINVAL);
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM2), b.local_port), 0);
    assert_true(fake_pending(FAKE_DOM1, b.remote_port));
    assert_int_equal(fake_doms[FAKE_DOM1].wakes, 1);
}

static void test_close_interdomain(void **state)
{
    evtchn_port_t a, b;
    struct evtchn_status st;

    (void)state;
    fake_reset();
    fake_loopback(FAKE_DOM1, &a, &b);
    assert_int_equal(evtchn_port_close(fake_ed(FAKE_DOM1), b), 0);
    assert_int_equal(st_of(FAKE_DOM1, DOMID_SELF, a, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_unbound);
    assert_int_equal(st.u.unbound.dom, FAKE_DOM1);
    assert_int_equal(st_of(FAKE_DOM1, DOMID_SELF, b, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_closed);
    assert_int_equal(evtchn_port_close(fake_ed(FAKE_DOM1), b), -XEN_EINVAL);
    assert_int_equal(evtchn_port_close(fake_ed(FAKE_DOM1), 0), -XEN_EINVAL);
    /* the unbound end still takes (and drops) sends */
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), a), 0);
    assert_false(fake_pending(FAKE_DOM1, a));
}

static void test_bind_virq(void **state)
{
    struct evtchn_bind_virq v = { .virq = VIRQ_TIMER, .vcpu = 0 };
    struct evtchn_status st;
    evtchn_port_t timer;

    (void)state;
    fake_reset();
    assert_int_equal(evtchn_port_bind_virq(fake_ed(FAKE_DOM1), &v), 0);
    timer = v.port;
    assert_int_equal(evtchn_port_bind_virq(fake_ed(FAKE_DOM1), &v), -XEN_EEXIST);
    assert_int_equal(st_of(FAKE_DOM1, DOMID_SELF, timer, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_virq);
    assert_int_equal(st.u.virq, VIRQ_TIMER);
    v = (struct evtchn_bind_virq){ .virq = NR_VIRQS };
    assert_int_equal(evtchn_port_bind_virq(fake_ed(FAKE_DOM1), &v), -XEN_EINVAL);
    v = (struct evtchn_bind_virq){ .virq = VIRQ_CONSOLE, .vcpu = 1 };   /* global: vCPU 0 only */
    assert_int_equal(evtchn_port_bind_virq(fake_ed(FAKE_DOM1), &v), -XEN_EINVAL);
    v = (struct evtchn_bind_virq){ .virq = VIRQ_TIMER, .vcpu = 1 };     /* no such vCPU */
    assert_int_equal(evtchn_port_bind_virq(fake_ed(FAKE_DOM1), &v), -XEN_ENOENT);
    v = (struct evtchn_bind_virq){ .virq = VIRQ_CONSOLE };
    assert_int_equal(evtchn_port_bind_virq(fake_ed(FAKE_DOM1), &v), 0);
    /* virq ports cannot be sent on; VIRQ delivery sets them pending */
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), timer), -XEN_EINVAL);
    evtchn_port_send_virq(fake_ed(FAKE_DOM1), 0, VIRQ_TIMER);
    assert_true(fake_pending(FAKE_DOM1, timer));
    assert_int_equal(evtchn_port_close(fake_ed(FAKE_DOM1), timer), 0);
    evtchn_port_send_virq(fake_ed(FAKE_DOM1), 0, VIRQ_TIMER);   /* unbound: nothing */
    assert_false(fake_pending(FAKE_DOM1, timer));
    v = (struct evtchn_bind_virq){ .virq = VIRQ_TIMER };
    assert_int_equal(evtchn_port_bind_virq(fake_ed(FAKE_DOM1), &v), 0);
}

static void test_bind_ipi(void **state)
{
    struct evtchn_bind_ipi i = { .vcpu = 1 };
    struct evtchn_status st;

    (void)state;
    fake_reset();
    assert_int_equal(evtchn_port_bind_ipi(fake_ed(FAKE_DOM1), &i), -XEN_ENOENT);
    i.vcpu = 0;
    assert_int_equal(evtchn_port_bind_ipi(fake_ed(FAKE_DOM1), &i), 0);
    assert_int_equal(st_of(FAKE_DOM1, DOMID_SELF, i.port, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_ipi);
    assert_int_equal(st.vcpu, 0);
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), i.port), 0);
    assert_true(fake_pending(FAKE_DOM1, i.port));
}

static void test_privilege(void **state)
{
    struct evtchn_alloc_unbound a = { .dom = FAKE_DOM2, .remote_dom = FAKE_DOM1 };
    struct evtchn_status st;
    evtchn_port_t p;

    (void)state;
    fake_reset();
    assert_int_equal(evtchn_port_alloc_unbound(fake_ed(FAKE_DOM1), &a), -XEN_EPERM);
    assert_int_equal(fake_ports_in_use(FAKE_DOM2), 0);
    assert_int_equal(evtchn_port_alloc_unbound(fake_ed(FAKE_DOM0), &a), 0);
    assert_int_equal(fake_ports_in_use(FAKE_DOM2), 1);
    p = a.port;
    assert_int_equal(st_of(FAKE_DOM1, FAKE_DOM2, p, &st), -XEN_EPERM);
    assert_int_equal(st_of(FAKE_DOM0, FAKE_DOM2, p, &st), 0);
    assert_int_equal(st.u.unbound.dom, FAKE_DOM1);
    a.dom = FAKE_ABSENT;
    assert_int_equal(evtchn_port_alloc_unbound(fake_ed(FAKE_DOM0), &a), -XEN_ESRCH);
    assert_int_equal(evtchn_port_reset(fake_ed(FAKE_DOM1), FAKE_DOM2), -XEN_EPERM);
    assert_int_equal(evtchn_port_reset(fake_ed(FAKE_DOM0), FAKE_DOM2), -XEN_EINVAL);
    assert_int_equal(evtchn_port_reset(fake_ed(FAKE_DOM0), FAKE_ABSENT), -XEN_ESRCH);
    assert_int_equal(fake_ports_in_use(FAKE_DOM2), 1);
}

static void test_bind_vcpu(void **state)
{
    struct evtchn_bind_virq t = { .virq = VIRQ_TIMER }, c = { .virq = VIRQ_CONSOLE };
    struct evtchn_bind_ipi i = { .vcpu = 0 };
    evtchn_port_t a, b;

    (void)state;
    fake_reset();
    fake_loopback(FAKE_DOM1, &a, &b);
    assert_int_equal(evtchn_port_bind_virq(fake_ed(FAKE_DOM1), &t), 0);
    assert_int_equal(evtchn_port_bind_virq(fake_ed(FAKE_DOM1), &c), 0);
    assert_int_equal(evtchn_port_bind_ipi(fake_ed(FAKE_DOM1), &i), 0);
    assert_int_equal(evtchn_port_bind_vcpu(fake_ed(FAKE_DOM1), a, 1), -XEN_ENOENT);
    assert_int_equal(evtchn_port_bind_vcpu(fake_ed(FAKE_DOM1), a, 0), 0);
    assert_int_equal(evtchn_port_bind_vcpu(fake_ed(FAKE_DOM1), c.port, 0), 0);
    assert_int_equal(evtchn_port_bind_vcpu(fake_ed(FAKE_DOM1), t.port, 0), -XEN_EINVAL);
    assert_int_equal(evtchn_port_bind_vcpu(fake_ed(FAKE_DOM1), i.port, 0), -XEN_EINVAL);
    assert_int_equal(evtchn_port_bind_vcpu(fake_ed(FAKE_DOM1), EVTCHN_NR_PORTS - 1, 0),
                     -XEN_EINVAL);   /* free */
    assert_int_equal(evtchn_port_bind_vcpu(fake_ed(FAKE_DOM1), EVTCHN_NR_PORTS, 0),
                     -XEN_EINVAL);
}

static void test_reset_self(void **state)
{
    struct evtchn_bind_interdomain b = { .remote_dom = FAKE_DOM1 };
    struct evtchn_bind_virq t = { .virq = VIRQ_TIMER };
    struct evtchn_status st;

    (void)state;
    fake_reset();
    b.remote_port = alloc_for(FAKE_DOM1, DOMID_SELF, FAKE_DOM2);
    assert_int_equal(evtchn_port_bind_interdomain(fake_ed(FAKE_DOM2), &b), 0);
    assert_int_equal(evtchn_port_bind_virq(fake_ed(FAKE_DOM2), &t), 0);
    assert_int_equal(evtchn_port_reset(fake_ed(FAKE_DOM2), DOMID_SELF), 0);
    assert_int_equal(fake_ports_in_use(FAKE_DOM2), 0);
    assert_int_equal(st_of(FAKE_DOM1, DOMID_SELF, b.remote_port, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_unbound);
    assert_int_equal(st.u.unbound.dom, FAKE_DOM2);
    assert_int_equal(evtchn_port_bind_virq(fake_ed(FAKE_DOM2), &t), 0);   /* slot freed */
}

/* A domain that ends closes every port; its peers' ports become unbound and get an event, so
 * a peer blocked on them wakes. */
static void test_teardown_tells_peer(void **state)
{
    struct evtchn_bind_interdomain b = { .remote_dom = FAKE_DOM1 };
    struct evtchn_status st;
    evtchn_port_t a, lb;

    (void)state;
    fake_reset();
    b.remote_port = alloc_for(FAKE_DOM1, DOMID_SELF, FAKE_DOM2);
    assert_int_equal(evtchn_port_bind_interdomain(fake_ed(FAKE_DOM2), &b), 0);
    fake_loopback(FAKE_DOM2, &a, &lb);
    fake_doms[FAKE_DOM1].wakes = 0;
    fake_ed(FAKE_DOM1)->vcpu[0].poll = (int32_t)b.remote_port;
    fake_mask(FAKE_DOM1, b.remote_port);
    evtchn_port_teardown(fake_ed(FAKE_DOM2));
    fake_doms[FAKE_DOM2].alive = false;
    assert_true(fake_pending(FAKE_DOM1, b.remote_port));
    assert_int_equal(fake_doms[FAKE_DOM1].wakes, 1);
    assert_int_equal(fake_ed(FAKE_DOM1)->vcpu[0].poll, EVTCHN_POLL_NONE);
    assert_int_equal(st_of(FAKE_DOM1, DOMID_SELF, b.remote_port, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_unbound);
    assert_int_equal(st.u.unbound.dom, FAKE_DOM2);
    /* the dead domain's table is gone: every operation on it is refused */
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM2), a), -XEN_EINVAL);
    assert_int_equal(st_of(FAKE_DOM1, FAKE_DOM2, a, &st), -XEN_ESRCH);
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), b.remote_port), 0);   /* dropped */
    evtchn_port_teardown(fake_ed(FAKE_DOM2));   /* idempotent */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_lowest_first),
        cmocka_unit_test(test_4095_ports),
        cmocka_unit_test(test_loopback_bind),
        cmocka_unit_test(test_cross_domain_bind),
        cmocka_unit_test(test_close_interdomain),
        cmocka_unit_test(test_bind_virq),
        cmocka_unit_test(test_bind_ipi),
        cmocka_unit_test(test_privilege),
        cmocka_unit_test(test_bind_vcpu),
        cmocka_unit_test(test_reset_self),
        cmocka_unit_test(test_teardown_tells_peer),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
