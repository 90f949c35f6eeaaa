/* The fake environment of the event-channel host tests (evtchn_fake.h). */
#include <string.h>

#include "tests/evtchn/evtchn_fake.h"
#include "hv/event/evtchn_env.h"

struct fake_dom fake_doms[FAKE_NR_DOMS];

static struct fake_dom *fake_of(struct evtchn_dom *ed)
{
    return (struct fake_dom *)((char *)ed - offsetof(struct fake_dom, ed));
}

struct evtchn_dom *evtchn_env_dom(domid_t id)
{
    return id < FAKE_NR_DOMS && fake_doms[id].alive ? &fake_doms[id].ed : NULL;
}

struct vcpu_info *evtchn_env_vcpu_info(struct evtchn_dom *ed, unsigned vcpu)
{
    assert_true(vcpu < EVTCHN_MAX_VCPUS);
    return &fake_of(ed)->si.vcpu_info[vcpu];
}

void evtchn_env_wake(struct evtchn_dom *ed, unsigned vcpu)
{
    assert_true(vcpu < EVTCHN_MAX_VCPUS);
    fake_of(ed)->wakes++;
}

void fake_reset(void)
{
    for (unsigned i = 0; i < FAKE_NR_DOMS; i++) {
        struct fake_dom *f = &fake_doms[i];
        memset(&f->si, 0, sizeof(f->si));
        evtchn_port_init(&f->ed, &f->si, (domid_t)i, i == FAKE_DOM0);
        f->alive = true;
        f->wakes = 0;
    }
}

unsigned fake_ports_in_use(unsigned id)
{
    unsigned n = 0;

    for (evtchn_port_t p = 1; p < EVTCHN_NR_PORTS; p++)
        n += fake_doms[id].ed.port[p].state != ECS_FREE;
    return n;
}

void fake_loopback(unsigned id, evtchn_port_t *a, evtchn_port_t *b)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
    struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF };

    assert_int_equal(evtchn_port_alloc_unbound(fake_ed(id), &au), 0);
    bi.remote_port = au.port;
    assert_int_equal(evtchn_port_bind_interdomain(fake_ed(id), &bi), 0);
    *a = au.port;
    *b = bi.local_port;
    memset(&fake_si(id)->evtchn_pending, 0, sizeof(fake_si(id)->evtchn_pending));
    memset(&fake_si(id)->vcpu_info[0], 0, offsetof(struct vcpu_info, arch));
    fake_doms[id].wakes = 0;
}

bool fake_pending(unsigned id, evtchn_port_t port)
{
    return fake_si(id)->evtchn_pending[port / EVTCHN_WORD_BITS] >> (port % EVTCHN_WORD_BITS) & 1;
}

void fake_mask(unsigned id, evtchn_port_t port)
{
    fake_si(id)->evtchn_mask[port / EVTCHN_WORD_BITS] |= (xen_ulong_t)1 << (port % EVTCHN_WORD_BITS);
}
