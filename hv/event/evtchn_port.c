/* Event-channel ports of the 2-level ABI: the per-port state machine (free, unbound,
 * interdomain, virq, ipi) and the pending/mask/selector rules, as Xen 4.17 applies them.
 * Invariant: an interdomain port's peer port is interdomain and points back at it, in a live
 * domain; a VIRQ's port is recorded in its vCPU's virq_port and nowhere else. Every operation
 * checks all its inputs before it changes anything. */
#include "hv/event/evtchn_port.h"
#include "hv/event/evtchn_bits.h"
#include "hv/event/evtchn_env.h"

void evtchn_port_init(struct evtchn_dom *ed, struct shared_info *si, domid_t id,
                      bool privileged)
{
    memset(ed, 0, sizeof(*ed));
    ed->si = si;
    ed->id = id;
    ed->privileged = privileged;
    ed->port[0].state = ECS_RESERVED;
    ed->free_hint = 1;
}

bool evtchn_virq_is_per_vcpu(unsigned virq)
{
    return virq == VIRQ_TIMER || virq == VIRQ_DEBUG || virq == VIRQ_XENOPROF ||
           virq == VIRQ_XENPMU;
}

/* The domain a guest names: DOMID_SELF or its own id is the caller. */
static struct evtchn_dom *dom_lookup(struct evtchn_dom *caller, domid_t id)
{
    if (id == DOMID_SELF || id == caller->id)
        return caller;
    return evtchn_env_dom(id);
}

struct evtchn_dom *evtchn_port_peer(struct evtchn_dom *ed, const struct evtchn_port *p)
{
    struct evtchn_dom *rd = p->remote_dom == ed->id ? ed : evtchn_env_dom(p->remote_dom);

    if (!rd)
        panic("evtchn: d%u: interdomain peer d%u is gone", ed->id, p->remote_dom);
    return rd;
}

/* The lowest free port (as Xen allocates), or -XEN_ENOSPC. Changes nothing. */
static int port_find_free(const struct evtchn_dom *ed)
{
    for (evtchn_port_t p = ed->free_hint; p < EVTCHN_NR_PORTS; p++)
        if (ed->port[p].state == ECS_FREE)
            return (int)p;
    return -XEN_ENOSPC;
}

/* Binds port (just found by port_find_free, so every port below it is in use). */
static void port_take(struct evtchn_dom *ed, int port, struct evtchn_port value)
{
    ed->port[port] = value;
    ed->free_hint = (evtchn_port_t)port + 1;
}

/* Returns port to the free pool; its pending bit is cleared so a new binding starts clean. */
static void port_free(struct evtchn_dom *ed, evtchn_port_t port)
{
    evtchn_test_and_clear(ed->si->evtchn_pending, port);
    ed->port[port] = (struct evtchn_port){ .state = ECS_FREE };
    if (port < ed->free_hint)
        ed->free_hint = port;
}

long evtchn_port_send_remote(struct evtchn_dom *caller, const struct evtchn_port *p)
{
    evtchn_port_set_pending(evtchn_port_peer(caller, p), p->u);
    return 0;
}

long evtchn_port_notify(struct evtchn_dom *ed, evtchn_port_t port)
{
    unsigned vcpu = ed->port[port].vcpu;

    if (!evtchn_test(ed->si->evtchn_mask, port)) {
        struct vcpu_info *vi = evtchn_env_vcpu_info(ed, vcpu);
        if (!evtchn_test_and_set(&vi->evtchn_pending_sel, EVTCHN_WORD(port)) &&
            !evtchn_test_and_set_byte(&vi->evtchn_upcall_pending))
            evtchn_env_wake(ed, vcpu);
    }
    for (unsigned i = 0; i < EVTCHN_MAX_VCPUS; i++) {
        struct evtchn_vcpu *ev = &ed->vcpu[i];
        if (ev->poll == EVTCHN_POLL_ANY || ev->poll == (int32_t)port) {
            ev->poll = EVTCHN_POLL_NONE;
            evtchn_env_wake(ed, i);
        }
    }
    return 0;
}

bool evtchn_port_is_bound(const struct evtchn_dom *ed, evtchn_port_t port)
{
    return evtchn_port_valid(ed, port) && ed->port[port].state > ECS_RESERVED;
}

bool evtchn_port_is_pending(const struct evtchn_dom *ed, evtchn_port_t port)
{
    return evtchn_port_valid(ed, port) && evtchn_test(ed->si->evtchn_pending, port);
}

void evtchn_port_send_virq(struct evtchn_dom *ed, unsigned vcpu, unsigned virq)
{
    evtchn_port_t port;

    if (!ed->si || vcpu >= EVTCHN_MAX_VCPUS || virq >= NR_VIRQS)
        return;
    port = ed->vcpu[vcpu].virq_port[virq];
    if (port)
        evtchn_port_set_pending(ed, port);
}

int evtchn_port_alloc_unbound(struct evtchn_dom *caller, struct evtchn_alloc_unbound *a)
{
    struct evtchn_dom *d = dom_lookup(caller, a->dom);
    int port;

    if (!d)
        return -XEN_ESRCH;
    if (d != caller && !caller->privileged)
        return -XEN_EPERM;
    port = port_find_free(d);
    if (port < 0)
        return port;
    port_take(d, port, (struct evtchn_port){
        .state = ECS_UNBOUND,
        .remote_dom = a->remote_dom == DOMID_SELF ? caller->id : a->remote_dom,
    });
    a->port = (evtchn_port_t)port;
    return 0;
}

/* Binds a fresh port of the caller to remote_port of remote_dom, which must be unbound and
 * offered to the caller. As in Xen the new local port is set pending at once: a send on the
 * remote side while it was unbound was dropped. */
int evtchn_port_bind_interdomain(struct evtchn_dom *caller, struct evtchn_bind_interdomain *b)
{
    struct evtchn_dom *rd = dom_lookup(caller, b->remote_dom);
    struct evtchn_port *rp;
    int lport;

    if (!rd)
        return -XEN_ESRCH;
    lport = port_find_free(caller);
    if (lport < 0)
        return lport;
    if (!evtchn_port_valid(rd, b->remote_port))
        return -XEN_EINVAL;
    rp = &rd->port[b->remote_port];
    if (rp->state != ECS_UNBOUND || rp->remote_dom != caller->id)
        return -XEN_EINVAL;
    port_take(caller, lport, (struct evtchn_port){
        .state = ECS_INTERDOMAIN, .remote_dom = rd->id, .u = b->remote_port,
    });
    rp->state = ECS_INTERDOMAIN;
    rp->remote_dom = caller->id;
    rp->u = (uint32_t)lport;
    b->local_port = (evtchn_port_t)lport;
    evtchn_port_set_pending(caller, (evtchn_port_t)lport);
    return 0;
}

int evtchn_port_bind_virq(struct evtchn_dom *caller, struct evtchn_bind_virq *b)
{
    int port;

    if (b->virq >= NR_VIRQS)
        return -XEN_EINVAL;
    if (!evtchn_virq_is_per_vcpu(b->virq) && b->vcpu != 0)
        return -XEN_EINVAL;
    if (b->vcpu >= EVTCHN_MAX_VCPUS)
        return -XEN_ENOENT;
    if (caller->vcpu[b->vcpu].virq_port[b->virq])
        return -XEN_EEXIST;
    port = port_find_free(caller);
    if (port < 0)
        return port;
    port_take(caller, port, (struct evtchn_port){
        .state = ECS_VIRQ, .vcpu = (uint8_t)b->vcpu, .u = b->virq,
    });
    caller->vcpu[b->vcpu].virq_port[b->virq] = (evtchn_port_t)port;
    b->port = (evtchn_port_t)port;
    return 0;
}

int evtchn_port_bind_ipi(struct evtchn_dom *caller, struct evtchn_bind_ipi *b)
{
    int port;

    if (b->vcpu >= EVTCHN_MAX_VCPUS)
        return -XEN_ENOENT;
    port = port_find_free(caller);
    if (port < 0)
        return port;
    port_take(caller, port, (struct evtchn_port){ .state = ECS_IPI, .vcpu = (uint8_t)b->vcpu });
    b->port = (evtchn_port_t)port;
    return 0;
}

/* Frees port of ed, whatever it is bound to; the peer of an interdomain port becomes unbound
 * (offered to ed again), and is set pending when notify_peer is true. */
static void port_close(struct evtchn_dom *ed, evtchn_port_t port, bool notify_peer)
{
    struct evtchn_port *p = &ed->port[port];

    if (p->state == ECS_VIRQ) {
        evtchn_port_t *slot = &ed->vcpu[p->vcpu].virq_port[p->u];
        if (*slot == port)
            *slot = 0;
    } else if (p->state == ECS_INTERDOMAIN) {
        struct evtchn_dom *rd = evtchn_port_peer(ed, p);
        struct evtchn_port *rp = &rd->port[p->u];
        rp->state = ECS_UNBOUND;
        rp->remote_dom = ed->id;
        if (notify_peer && rd != ed)
            evtchn_port_set_pending(rd, p->u);
    }
    port_free(ed, port);
}

int evtchn_port_close(struct evtchn_dom *caller, evtchn_port_t port)
{
    uint8_t state;

    if (!evtchn_port_valid(caller, port))
        return -XEN_EINVAL;
    state = caller->port[port].state;
    if (state == ECS_FREE || state == ECS_RESERVED)
        return -XEN_EINVAL;
    port_close(caller, port, false);
    return 0;
}

int evtchn_port_status(struct evtchn_dom *caller, struct evtchn_status *s)
{
    struct evtchn_dom *d = dom_lookup(caller, s->dom);
    const struct evtchn_port *p;

    if (!d)
        return -XEN_ESRCH;
    if (!evtchn_port_valid(d, s->port))
        return -XEN_EINVAL;
    if (d != caller && !caller->privileged)
        return -XEN_EPERM;
    p = &d->port[s->port];
    switch (p->state) {
    case ECS_UNBOUND:
        s->status = EVTCHNSTAT_unbound;
        s->u.unbound.dom = p->remote_dom;
        break;
    case ECS_INTERDOMAIN:
        s->status = EVTCHNSTAT_interdomain;
        s->u.interdomain.dom = p->remote_dom;
        s->u.interdomain.port = p->u;
        break;
    case ECS_VIRQ:
        s->status = EVTCHNSTAT_virq;
        s->u.virq = p->u;
        break;
    case ECS_IPI:
        s->status = EVTCHNSTAT_ipi;
        break;
    default:
        s->status = EVTCHNSTAT_closed;
        break;
    }
    s->vcpu = p->vcpu;
    return 0;
}

/* Clears the mask bit of a bound port; a port that was masked while pending raises the upcall
 * now (once: only a mask bit that was set re-raises it). A free port is left alone (0). */
int evtchn_port_unmask(struct evtchn_dom *caller, evtchn_port_t port)
{
    struct shared_info *si = caller->si;
    unsigned vcpu;
    struct vcpu_info *vi;

    if (!evtchn_port_valid(caller, port))
        return -XEN_EINVAL;
    if (!evtchn_port_is_bound(caller, port))
        return 0;
    vcpu = caller->port[port].vcpu;
    vi = evtchn_env_vcpu_info(caller, vcpu);
    if (evtchn_test_and_clear(si->evtchn_mask, port) &&
        evtchn_test(si->evtchn_pending, port) &&
        !evtchn_test_and_set(&vi->evtchn_pending_sel, EVTCHN_WORD(port)) &&
        !evtchn_test_and_set_byte(&vi->evtchn_upcall_pending))
        evtchn_env_wake(caller, vcpu);
    return 0;
}

int evtchn_port_bind_vcpu(struct evtchn_dom *caller, evtchn_port_t port, uint32_t vcpu)
{
    struct evtchn_port *p;

    if (vcpu >= EVTCHN_MAX_VCPUS)
        return -XEN_ENOENT;
    if (!evtchn_port_valid(caller, port))
        return -XEN_EINVAL;
    p = &caller->port[port];
    switch (p->state) {
    case ECS_VIRQ:
        if (evtchn_virq_is_per_vcpu(p->u))
            return -XEN_EINVAL;
        break;
    case ECS_UNBOUND:
    case ECS_INTERDOMAIN:
        break;
    default:
        return -XEN_EINVAL;
    }
    p->vcpu = (uint8_t)vcpu;
    return 0;
}

/* Closes every port of the caller (a domain may reset only itself: another domain would have
 * to be paused by its controller, which Keel never does). */
int evtchn_port_reset(struct evtchn_dom *caller, domid_t dom)
{
    struct evtchn_dom *d = dom_lookup(caller, dom);

    if (!d)
        return -XEN_ESRCH;
    if (d != caller)
        return caller->privileged ? -XEN_EINVAL : -XEN_EPERM;
    for (evtchn_port_t p = 1; p < EVTCHN_NR_PORTS; p++)
        if (d->port[p].state != ECS_FREE)
            port_close(d, p, false);
    return 0;
}

void evtchn_port_teardown(struct evtchn_dom *ed)
{
    if (!ed->si)
        return;
    for (evtchn_port_t p = 1; p < EVTCHN_NR_PORTS; p++)
        if (ed->port[p].state != ECS_FREE)
            port_close(ed, p, true);
    ed->si = NULL;
}
