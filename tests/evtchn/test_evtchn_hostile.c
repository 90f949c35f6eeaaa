/* Hostile arguments to every event-channel operation (hv/event/evtchn_port.c): invalid ports
 * (0, 4096, huge), absent or reserved domain ids, bad VIRQs and vCPUs. Each gets Xen's error,
 * and the whole state (every domain's port table and shared_info) is unchanged afterwards. */
#include <stdlib.h>
#include <string.h>

#include "tests/evtchn/evtchn_fake.h"

#define HUGE_PORT 0xffffffffu

enum op { OP_SEND, OP_CLOSE, OP_UNMASK, OP_STATUS, OP_ALLOC, OP_BIND_INTER, OP_VIRQ, OP_IPI,
          OP_BIND_VCPU, OP_RESET };

struct row {
    const char *name;
    enum op op;
    uint32_t a, b;      /* port / dom / virq / vcpu, per op */
    int rc;
};

static const struct row rows[] = {
    { "send/port0", OP_SEND, 0, 0, -XEN_EINVAL },
    { "send/port4096", OP_SEND, EVTCHN_NR_PORTS, 0, -XEN_EINVAL },
    { "send/huge", OP_SEND, HUGE_PORT, 0, -XEN_EINVAL },
    { "send/free", OP_SEND, EVTCHN_NR_PORTS - 1, 0, -XEN_EINVAL },
    { "close/port0", OP_CLOSE, 0, 0, -XEN_EINVAL },
    { "close/port4096", OP_CLOSE, EVTCHN_NR_PORTS, 0, -XEN_EINVAL },
    { "close/huge", OP_CLOSE, HUGE_PORT, 0, -XEN_EINVAL },
    { "unmask/port4096", OP_UNMASK, EVTCHN_NR_PORTS, 0, -XEN_EINVAL },
    { "unmask/huge", OP_UNMASK, HUGE_PORT, 0, -XEN_EINVAL },
    { "status/port4096", OP_STATUS, DOMID_SELF, EVTCHN_NR_PORTS, -XEN_EINVAL },
    { "status/absent_dom", OP_STATUS, FAKE_ABSENT, 1, -XEN_ESRCH },
    { "status/domid_io", OP_STATUS, DOMID_IO, 1, -XEN_ESRCH },
    { "status/domid_xen", OP_STATUS, DOMID_XEN, 1, -XEN_ESRCH },
    { "status/domid_ffff", OP_STATUS, 0xffff, 1, -XEN_ESRCH },
    { "status/other_dom", OP_STATUS, FAKE_DOM2, 1, -XEN_EPERM },
    { "alloc/absent_dom", OP_ALLOC, FAKE_ABSENT, DOMID_SELF, -XEN_ESRCH },
    { "alloc/domid_xen", OP_ALLOC, DOMID_XEN, DOMID_SELF, -XEN_ESRCH },
    { "alloc/other_dom", OP_ALLOC, FAKE_DOM2, DOMID_SELF, -XEN_EPERM },
    { "bind_inter/absent_dom", OP_BIND_INTER, FAKE_ABSENT, 1, -XEN_ESRCH },
    { "bind_inter/domid_io", OP_BIND_INTER, DOMID_IO, 1, -XEN_ESRCH },
    { "bind_inter/port0", OP_BIND_INTER, FAKE_DOM2, 0, -XEN_EINVAL },
    { "bind_inter/port4096", OP_BIND_INTER, FAKE_DOM2, EVTCHN_NR_PORTS, -XEN_EINVAL },
    { "bind_inter/huge", OP_BIND_INTER, FAKE_DOM2, HUGE_PORT, -XEN_EINVAL },
    { "bind_inter/free_port", OP_BIND_INTER, FAKE_DOM2, 2, -XEN_EINVAL },
    { "bind_inter/not_offered", OP_BIND_INTER, FAKE_DOM2, 1, -XEN_EINVAL },
    { "virq/24", OP_VIRQ, NR_VIRQS, 0, -XEN_EINVAL },
    { "virq/huge", OP_VIRQ, HUGE_PORT, 0, -XEN_EINVAL },
    { "virq/global_vcpu1", OP_VIRQ, VIRQ_DEBUG + 1, 1, -XEN_EINVAL },
    { "virq/timer_vcpu1", OP_VIRQ, VIRQ_TIMER, 1, -XEN_ENOENT },
    { "virq/timer_vcpu_huge", OP_VIRQ, VIRQ_TIMER, HUGE_PORT, -XEN_ENOENT },
    { "ipi/vcpu1", OP_IPI, 1, 0, -XEN_ENOENT },
    { "ipi/vcpu_huge", OP_IPI, HUGE_PORT, 0, -XEN_ENOENT },
    { "bind_vcpu/vcpu1", OP_BIND_VCPU, 1, 1, -XEN_ENOENT },
    { "bind_vcpu/port4096", OP_BIND_VCPU, EVTCHN_NR_PORTS, 0, -XEN_EINVAL },
    { "bind_vcpu/free", OP_BIND_VCPU, 2, 0, -XEN_EINVAL },
    { "reset/absent_dom", OP_RESET, FAKE_ABSENT, 0, -XEN_ESRCH },
    { "reset/other_dom", OP_RESET, FAKE_DOM2, 0, -XEN_EPERM },
};

static int run_op(const struct row *r)
{
    struct evtchn_dom *ed = fake_ed(FAKE_DOM1);
    struct evtchn_status st = { .dom = (domid_t)r->a, .port = r->b };
    struct evtchn_alloc_unbound au = { .dom = (domid_t)r->a, .remote_dom = (domid_t)r->b };
    struct evtchn_bind_interdomain bi = { .remote_dom = (domid_t)r->a, .remote_port = r->b };
    struct evtchn_bind_virq bv = { .virq = r->a, .vcpu = r->b };
    struct evtchn_bind_ipi ip = { .vcpu = r->a };

    switch (r->op) {
    case OP_SEND: return evtchn_port_send(ed, r->a);
    case OP_CLOSE: return evtchn_port_close(ed, r->a);
    case OP_UNMASK: return evtchn_port_unmask(ed, r->a);
    case OP_STATUS: return evtchn_port_status(ed, &st);
    case OP_ALLOC: return evtchn_port_alloc_unbound(ed, &au);
    case OP_BIND_INTER: return evtchn_port_bind_interdomain(ed, &bi);
    case OP_VIRQ: return evtchn_port_bind_virq(ed, &bv);
    case OP_IPI: return evtchn_port_bind_ipi(ed, &ip);
    case OP_BIND_VCPU: return evtchn_port_bind_vcpu(ed, r->a, r->b);
    case OP_RESET: return evtchn_port_reset(ed, (domid_t)r->a);
    }
    return 0;
}

static struct fake_dom snapshot[FAKE_NR_DOMS];

/* d2 offers port 1 to d0 (so d1 may not bind it) and has port 2 free; d1 has a bound port 1
 * (so "free port" rows name a free one) and everything masked and pending in some word. */
static void setup_world(void)
{
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF, .remote_dom = FAKE_DOM0 };
    struct evtchn_bind_virq t = { .virq = VIRQ_TIMER };

    fake_reset();
    assert_int_equal(evtchn_port_alloc_unbound(fake_ed(FAKE_DOM2), &a), 0);
    assert_int_equal(a.port, 1);
    assert_int_equal(evtchn_port_bind_virq(fake_ed(FAKE_DOM1), &t), 0);
    memset(fake_si(FAKE_DOM1)->evtchn_mask, 0xff, sizeof(fake_si(FAKE_DOM1)->evtchn_mask));
    fake_si(FAKE_DOM1)->evtchn_pending[0] = 0x5a5a;
}

static void run_row(void **state)
{
    const struct row *r = *state;

    setup_world();
    memcpy(snapshot, fake_doms, sizeof(snapshot));
    assert_int_equal(run_op(r), r->rc);
    assert_memory_equal(snapshot, fake_doms, sizeof(snapshot));
}

int main(void)
{
    struct CMUnitTest *tests = calloc(ARRAY_SIZE(rows), sizeof(*tests));

    for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
        tests[i] = (struct CMUnitTest){ .name = rows[i].name, .test_func = run_row,
                                        .initial_state = (void *)&rows[i] };
    return _cmocka_run_group_tests("evtchn_hostile", tests, ARRAY_SIZE(rows), NULL, NULL);
}
