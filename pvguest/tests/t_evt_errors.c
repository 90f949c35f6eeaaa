/* Event-channel requests Xen 4.17 refuses, with its error codes (common/event_channel.c):
 * invalid ports, domains that do not exist, VIRQs out of range, on a missing vCPU or bound
 * twice, binding to a port not offered to us, unknown sub-ops and bad argument pointers. */
#include "abi/errno.h"
#include "abi/xen.h"
#include "pvguest/events.h"
#include "pvguest/test.h"
#include "pvguest/tests/badptr.h"
#include "pvguest/tests/t_evt_fixture.h"
#include "pvguest/time.h"

#define EVT_NO_SUCH_DOMAIN  ((domid_t)0x3ff) /* below DOMID_FIRST_RESERVED, never created */
#define EVT_NO_SUCH_VCPU    1                /* the test domains have one vCPU */
#define EVT_HUGE_VCPU       0x7fffffffu
#define EVT_HUGE_VIRQ       0x80000000u
#define EVT_UNKNOWN_CMD     99
#define EVT_OTHER_DOMAIN    ((domid_t)7)

/* Ports out of range, the reserved port 0 and a closed port: send and close give -EINVAL. */
TEST_CASE(evt_invalid_ports);
static int evt_invalid_ports(struct test_ctx *t)
{
    struct evtchn_status st;
    evtchn_port_t closed;
    long rc = events_alloc_unbound(DOMID_SELF, &closed) ?: events_close(closed);

    if (rc)
        return test_error(t, "alloc/close a port: %ld", rc);
    const evtchn_port_t bad[] = { 0, closed, EVENTS_NR_PORTS, ~(evtchn_port_t)0 };
    for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct evtchn_close c = { .port = bad[i] };
        long s = events_send(bad[i]), cl = events_op(EVTCHNOP_close, &c);

        if (s != -XEN_EINVAL || cl != -XEN_EINVAL)
            return test_fail(t, "port %u: send %ld close %ld, want -EINVAL", bad[i], s, cl);
    }
    rc = events_status(DOMID_SELF, EVENTS_NR_PORTS, &st);
    if (rc != -XEN_EINVAL)
        return test_fail(t, "status of port %u: %ld, want -EINVAL", EVENTS_NR_PORTS, rc);
    rc = events_status(DOMID_SELF, 0, &st);
    if (rc || st.status != EVTCHNSTAT_closed)
        return test_fail(t, "status of port 0: %ld status %u, want 0 closed", rc, st.status);
    rc = events_unmask(EVENTS_NR_PORTS);
    return rc == -XEN_EINVAL ? test_pass(t)
                             : test_fail(t, "unmask port %u: %ld, want -EINVAL",
                                         EVENTS_NR_PORTS, rc);
}

/* A domain id that names no domain: -ESRCH from alloc_unbound, bind_interdomain, status. */
TEST_CASE(evt_invalid_domains);
static int evt_invalid_domains(struct test_ctx *t)
{
    struct evtchn_alloc_unbound au = { .dom = EVT_NO_SUCH_DOMAIN, .remote_dom = DOMID_SELF };
    struct evtchn_status st;
    evtchn_port_t p;
    long a = events_op(EVTCHNOP_alloc_unbound, &au);
    long b = events_bind_interdomain(EVT_NO_SUCH_DOMAIN, 1, &p);
    long s = events_status(EVT_NO_SUCH_DOMAIN, 1, &st);

    if (a != -XEN_ESRCH || b != -XEN_ESRCH || s != -XEN_ESRCH)
        return test_fail(t, "alloc_unbound %ld bind_interdomain %ld status %ld, want -ESRCH",
                         a, b, s);
    return test_pass(t);
}

/* bind_interdomain only binds a port that is unbound and offered to the caller. */
TEST_CASE(evt_bind_refused);
static int evt_bind_refused(struct test_ctx *t)
{
    struct evt_loop l;
    evtchn_port_t other, closed, p;
    long rc = evt_loop_open(&l);

    rc = rc ?: events_alloc_unbound(EVT_OTHER_DOMAIN, &other);
    rc = rc ?: events_alloc_unbound(DOMID_SELF, &closed) ?: events_close(closed);
    if (rc)
        return test_error(t, "setup: %ld", rc);
    const struct { evtchn_port_t port; const char *what; } cases[] = {
        { other, "offered to another domain" }, { closed, "closed" },
        { l.b, "already bound" }, { EVENTS_NR_PORTS, "out of range" }, { 0, "port 0" },
    };
    unsigned int i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        rc = events_bind_interdomain(DOMID_SELF, cases[i].port, &p);
        if (rc != -XEN_EINVAL) {
            if (!rc)
                events_close(p);
            break;
        }
    }
    events_close(other);
    evt_loop_close(&l);
    if (i < sizeof(cases) / sizeof(cases[0]))
        return test_fail(t, "bind to port %u (%s): %ld, want -EINVAL", cases[i].port,
                         cases[i].what, rc);
    return test_pass(t);
}

/* Xen does not check that the remote domain of alloc_unbound exists yet. */
TEST_CASE(evt_alloc_for_absent_domain);
static int evt_alloc_for_absent_domain(struct test_ctx *t)
{
    struct evtchn_status st;
    evtchn_port_t p;
    long rc = events_alloc_unbound(EVT_NO_SUCH_DOMAIN, &p);

    if (rc)
        return test_fail(t, "alloc_unbound for domain %u: %ld, want 0", EVT_NO_SUCH_DOMAIN, rc);
    rc = events_status(DOMID_SELF, p, &st);
    events_close(p);
    if (rc || st.status != EVTCHNSTAT_unbound || st.u.unbound.dom != EVT_NO_SUCH_DOMAIN)
        return test_fail(t, "status %ld: %u dom %u, want unbound dom %u", rc, st.status,
                         st.u.unbound.dom, EVT_NO_SUCH_DOMAIN);
    return test_pass(t);
}

/* VIRQ numbers beyond NR_VIRQS and global VIRQs on vCPU != 0: -EINVAL; a missing vCPU:
 * -ENOENT; a VIRQ already bound on that vCPU (time_init bound VIRQ_TIMER): -EEXIST. */
TEST_CASE(evt_virq_errors);
static int evt_virq_errors(struct test_ctx *t)
{
    static const struct { uint32_t virq, vcpu; long want; } cases[] = {
        { NR_VIRQS, 0, -XEN_EINVAL }, { EVT_HUGE_VIRQ, 0, -XEN_EINVAL },
        { VIRQ_CONSOLE, EVT_NO_SUCH_VCPU, -XEN_EINVAL }, { VIRQ_TIMER, EVT_NO_SUCH_VCPU, -XEN_ENOENT },
        { VIRQ_DEBUG, EVT_HUGE_VCPU, -XEN_ENOENT }, { VIRQ_TIMER, 0, -XEN_EEXIST },
    };
    evtchn_port_t p;

    if (!time_ready())
        return test_error(t, "VIRQ_TIMER is not bound (time_init failed)");
    for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        long rc = events_bind_virq(cases[i].virq, cases[i].vcpu, &p);

        if (rc != cases[i].want) {
            if (!rc)
                events_close(p);
            return test_fail(t, "bind_virq(%u, vcpu %u): %ld, want %ld", cases[i].virq,
                             cases[i].vcpu, rc, cases[i].want);
        }
    }
    return test_pass(t);
}

/* VIRQ_DEBUG binds once (status virq, vCPU 0), refuses a second bind, and binds again after
 * close. */
TEST_CASE(evt_virq_bind_close);
static int evt_virq_bind_close(struct test_ctx *t)
{
    struct evtchn_status st;
    evtchn_port_t p, q;
    long rc = events_bind_virq(VIRQ_DEBUG, 0, &p);

    if (rc)
        return test_fail(t, "bind_virq(DEBUG): %ld", rc);
    long s = events_status(DOMID_SELF, p, &st);
    long again = events_bind_virq(VIRQ_DEBUG, 0, &q);
    long c = events_close(p);
    long rebind = events_bind_virq(VIRQ_DEBUG, 0, &q);
    if (!rebind)
        events_close(q);
    if (s || st.status != EVTCHNSTAT_virq || st.u.virq != VIRQ_DEBUG || st.vcpu)
        return test_fail(t, "status %ld: %u virq %u vcpu %u", s, st.status, st.u.virq, st.vcpu);
    if (again != -XEN_EEXIST || c || rebind)
        return test_fail(t, "second bind %ld close %ld rebind %ld, want -EEXIST 0 0", again, c,
                         rebind);
    return test_pass(t);
}

TEST_CASE(evt_ipi_errors);
static int evt_ipi_errors(struct test_ctx *t)
{
    evtchn_port_t p;
    long a = events_bind_ipi(EVT_NO_SUCH_VCPU, &p), b = events_bind_ipi(EVT_HUGE_VCPU, &p);

    return a == -XEN_ENOENT && b == -XEN_ENOENT
               ? test_pass(t)
               : test_fail(t, "bind_ipi on missing vCPUs: %ld %ld, want -ENOENT", a, b);
}

/* Unknown sub-op: -ENOSYS; argument pointers the hypervisor cannot read: -EFAULT. */
TEST_CASE(evt_op_bad_args);
static int evt_op_bad_args(struct test_ctx *t)
{
    static const int cmds[] = {
        EVTCHNOP_alloc_unbound, EVTCHNOP_bind_interdomain, EVTCHNOP_bind_virq,
        EVTCHNOP_send, EVTCHNOP_close, EVTCHNOP_status, EVTCHNOP_unmask, EVTCHNOP_bind_ipi,
    };
    const char *what;
    uint64_t addr;
    long rc = events_op(EVT_UNKNOWN_CMD, 0);

    if (rc != -XEN_ENOSYS)
        return test_fail(t, "sub-op %d: %ld, want -ENOSYS", EVT_UNKNOWN_CMD, rc);
    for (unsigned int i = 0; badptr_get(i, &addr, &what); i++) {
        for (unsigned int c = 0; c < sizeof(cmds) / sizeof(cmds[0]); c++) {
            rc = events_op(cmds[c], (void *)addr);
            if (rc != -XEN_EFAULT)
                return test_fail(t, "sub-op %d from %s %lx: %ld, want -EFAULT", cmds[c], what,
                                 addr, rc);
        }
    }
    return test_pass(t);
}
