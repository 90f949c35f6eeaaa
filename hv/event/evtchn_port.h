/* The event-channel port table of one domain and the 2-level delivery rules, pure logic over
 * a shared_info page: what each port is bound to, and the pending/mask/selector bits the guest
 * sees. Nothing here touches hypervisor state directly; it reaches out only through
 * hv/event/evtchn_env.h, so host tests run it on fake shared_info memory. */
#ifndef HV_EVENT_EVTCHN_PORT_H
#define HV_EVENT_EVTCHN_PORT_H

#include "abi/evtchn.h"
#include "abi/shared_info.h"
#include "abi/xen.h"
#include "hv/env.h"
#include "hv/event/evtchn_bits.h"

/* 2-level ABI: 64 words of 64 bits in shared_info; port 0 is never allocated. */
#define EVTCHN_NR_PORTS    EVTCHN_2L_NR_CHANNELS
#define EVTCHN_WORD_BITS   (sizeof(xen_ulong_t) * __CHAR_BIT__)
#define EVTCHN_MAX_VCPUS   1          /* vCPUs per domain (Keel runs one) */
#define EVTCHN_POLL_NONE   0          /* evtchn_vcpu.poll: not polling */
#define EVTCHN_POLL_ANY    (-1)       /* evtchn_vcpu.poll: woken by any port */

enum evtchn_state {
    ECS_FREE,         /* not in use */
    ECS_RESERVED,     /* port 0: never allocated */
    ECS_UNBOUND,      /* waiting for remote_dom to bind_interdomain */
    ECS_INTERDOMAIN,  /* connected to port u of remote_dom (possibly this domain) */
    ECS_VIRQ,         /* receives VIRQ u */
    ECS_IPI,          /* notifies vcpu of this domain */
};

struct evtchn_port {
    uint8_t state;       /* enum evtchn_state */
    uint8_t vcpu;        /* the vCPU notified */
    domid_t remote_dom;  /* unbound: who may bind; interdomain: the peer */
    uint32_t u;          /* interdomain: the peer's port; virq: the VIRQ number */
};
_Static_assert(sizeof(struct evtchn_port) == 8, "evtchn_port size");

struct evtchn_vcpu {
    int32_t poll;                         /* EVTCHN_POLL_NONE, _ANY, or the one port polled */
    evtchn_port_t virq_port[NR_VIRQS];    /* 0: the VIRQ is not bound on this vCPU */
};

/* A domain's event state. si is NULL before init and after teardown (no port is valid then). */
struct evtchn_dom {
    struct shared_info *si;
    domid_t id;
    bool privileged;
    evtchn_port_t free_hint;              /* no free port below it */
    struct evtchn_vcpu vcpu[EVTCHN_MAX_VCPUS];
    struct evtchn_port port[EVTCHN_NR_PORTS];
};

/* Fresh table: every port free, port 0 reserved. si is the domain's shared_info. */
void evtchn_port_init(struct evtchn_dom *ed, struct shared_info *si, domid_t id,
                      bool privileged);

/* Hypercall sub-operations. `caller` is the calling domain's state; every other argument is
 * an untrusted guest value. Each validates everything first and changes nothing on error;
 * errors are Xen's (-XEN_EINVAL, -XEN_ESRCH, -XEN_EPERM, -XEN_ENOSPC, -XEN_EEXIST,
 * -XEN_ENOENT). Output fields are written into the struct. */
int evtchn_port_alloc_unbound(struct evtchn_dom *caller, struct evtchn_alloc_unbound *a);
int evtchn_port_bind_interdomain(struct evtchn_dom *caller, struct evtchn_bind_interdomain *b);
int evtchn_port_bind_virq(struct evtchn_dom *caller, struct evtchn_bind_virq *b);
int evtchn_port_bind_ipi(struct evtchn_dom *caller, struct evtchn_bind_ipi *b);
int evtchn_port_close(struct evtchn_dom *caller, evtchn_port_t port);
int evtchn_port_status(struct evtchn_dom *caller, struct evtchn_status *s);
int evtchn_port_unmask(struct evtchn_dom *caller, evtchn_port_t port);
int evtchn_port_bind_vcpu(struct evtchn_dom *caller, evtchn_port_t port, uint32_t vcpu);
int evtchn_port_reset(struct evtchn_dom *caller, domid_t dom);


/* VIRQ virq on vcpu of ed: set the bound port pending; no-op when not bound. */
void evtchn_port_send_virq(struct evtchn_dom *ed, unsigned vcpu, unsigned virq);

/* Closes every port of ed. An interdomain peer's port becomes unbound (bindable again by ed's
 * id) and is set pending, so a peer waiting on it is told. ed->si becomes NULL. */
void evtchn_port_teardown(struct evtchn_dom *ed);

/* Whether port is pending in ed's shared_info (its mask does not matter); false for ports
 * out of range. */
bool evtchn_port_is_pending(const struct evtchn_dom *ed, evtchn_port_t port);

/* Whether port of ed is bound to something (not free, not port 0, in range): what Xen calls
 * usable by the guest. */
bool evtchn_port_is_bound(const struct evtchn_dom *ed, evtchn_port_t port);

/* Whether a VIRQ is delivered to one vCPU (timer, debug, ...) rather than to the domain. */
bool evtchn_virq_is_per_vcpu(unsigned virq);

/* Below: the send path, inline so that event_channel_op's hot path makes no call. */

/* Whether port can name a port of ed at all (ed has event state, port < 4096). */
static inline bool evtchn_port_valid(const struct evtchn_dom *ed, evtchn_port_t port)
{
    return ed->si && port < EVTCHN_NR_PORTS;
}

/* The domain at the other end of interdomain port p of ed (the invariant keeps it alive). */
struct evtchn_dom *evtchn_port_peer(struct evtchn_dom *ed, const struct evtchn_port *p);

/* The second half of set-pending, for a port that just became pending: if unmasked, its
 * word's selector bit and then evtchn_upcall_pending of its vCPU (woken when newly set); a
 * vCPU polling the port, or any port, is woken. Returns 0 (so a send can tail-call it). */
long evtchn_port_notify(struct evtchn_dom *ed, evtchn_port_t port);

/* A send on interdomain port p of caller whose peer is another domain (out of line). */
long evtchn_port_send_remote(struct evtchn_dom *caller, const struct evtchn_port *p);

/* The first half of Xen's 2-level set-pending rule on port of ed (< EVTCHN_NR_PORTS): one
 * locked bit set. True when evtchn_port_notify must follow: the port was not pending and is
 * unmasked, or some vCPU polls. */
static inline bool evtchn_port_mark(struct evtchn_dom *ed, evtchn_port_t port)
{
    struct shared_info *si = ed->si;
    bool polled = false;

    if (__builtin_expect(si == NULL, 0) || evtchn_test_and_set(si->evtchn_pending, port))
        return false;
    /* An empty asm "changing" port: the compiler cannot hoist the mask test's shifts above
     * the bit set, so an already-pending send does not pay for them. */
    __asm__("" : "+r"(port));
    for (unsigned i = 0; i < EVTCHN_MAX_VCPUS; i++)
        polled |= ed->vcpu[i].poll != EVTCHN_POLL_NONE;
    return polled || !evtchn_test(si->evtchn_mask, port);
}

/* Xen's 2-level set-pending rule: evtchn_port_mark, then evtchn_port_notify if needed. */
static inline void evtchn_port_set_pending(struct evtchn_dom *ed, evtchn_port_t port)
{
    if (evtchn_port_mark(ed, port))
        (void)evtchn_port_notify(ed, port);
}

/* EVTCHNOP_send on port (untrusted) of the caller: the peer of an interdomain port, or the
 * caller's own vCPU for an IPI port, gets the event; an unbound port drops it (0, as Xen);
 * -XEN_EINVAL for anything else. Loopback and IPI sends make no call unless they notify. */
static inline long evtchn_port_send(struct evtchn_dom *caller, evtchn_port_t port)
{
    const struct evtchn_port *p;

    if (!evtchn_port_valid(caller, port))
        return -XEN_EINVAL;
    p = &caller->port[port];
    if (__builtin_expect(p->state == ECS_INTERDOMAIN, 1)) {
        if (p->remote_dom != caller->id)
            return evtchn_port_send_remote(caller, p);
        port = p->u;
    } else if (p->state != ECS_IPI) {
        return p->state == ECS_UNBOUND ? 0 : -XEN_EINVAL;
    }
    return evtchn_port_mark(caller, port) ? evtchn_port_notify(caller, port) : 0;
}

#endif
