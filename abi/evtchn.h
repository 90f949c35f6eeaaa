/* event_channel_op sub-ops and argument structs (Xen 4.17 <xen/event_channel.h>), 2-level ABI:
 * ports index the pending/mask bitmaps of shared_info; port 0 is never allocated. */
#ifndef ABI_EVTCHN_H
#define ABI_EVTCHN_H

#include "abi/types.h"

#define EVTCHNOP_bind_interdomain 0  /* struct evtchn_bind_interdomain */
#define EVTCHNOP_bind_virq        1  /* struct evtchn_bind_virq */
#define EVTCHNOP_bind_pirq        2  /* struct evtchn_bind_pirq */
#define EVTCHNOP_close            3  /* struct evtchn_close */
#define EVTCHNOP_send             4  /* struct evtchn_send */
#define EVTCHNOP_status           5  /* struct evtchn_status */
#define EVTCHNOP_alloc_unbound    6  /* struct evtchn_alloc_unbound */
#define EVTCHNOP_bind_ipi         7  /* struct evtchn_bind_ipi */
#define EVTCHNOP_bind_vcpu        8  /* struct evtchn_bind_vcpu */
#define EVTCHNOP_unmask           9  /* struct evtchn_unmask */
#define EVTCHNOP_reset            10 /* struct evtchn_reset */
#define EVTCHNOP_init_control     11 /* FIFO ABI */
#define EVTCHNOP_expand_array     12 /* FIFO ABI */
#define EVTCHNOP_set_priority     13 /* FIFO ABI */

/* Ports of the 2-level ABI: 64 words x 64 bits. */
#define EVTCHN_2L_NR_CHANNELS (sizeof(xen_ulong_t) * sizeof(xen_ulong_t) * 64)

/* evtchn_status.status */
#define EVTCHNSTAT_closed      0
#define EVTCHNSTAT_unbound     1
#define EVTCHNSTAT_interdomain 2
#define EVTCHNSTAT_pirq        3
#define EVTCHNSTAT_virq        4
#define EVTCHNSTAT_ipi         5

/* evtchn_bind_pirq.flags */
#define BIND_PIRQ__WILL_SHARE 1

#ifndef __ASSEMBLY__

/* Allocate a port in dom that remote_dom may bind to. Out: port. */
struct evtchn_alloc_unbound {
    domid_t       dom, remote_dom;
    evtchn_port_t port;
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;
_Static_assert(sizeof(struct evtchn_alloc_unbound) == 8, "evtchn_alloc_unbound size");
_Static_assert(offsetof(struct evtchn_alloc_unbound, remote_dom) == 2, "alloc_unbound.remote_dom");
_Static_assert(offsetof(struct evtchn_alloc_unbound, port) == 4, "alloc_unbound.port");

/* Connect to remote_port (unbound, offered to us) of remote_dom. Out: local_port. */
struct evtchn_bind_interdomain {
    domid_t       remote_dom;
    evtchn_port_t remote_port;
    evtchn_port_t local_port;
};
typedef struct evtchn_bind_interdomain evtchn_bind_interdomain_t;
_Static_assert(sizeof(struct evtchn_bind_interdomain) == 12, "bind_interdomain size");
_Static_assert(offsetof(struct evtchn_bind_interdomain, remote_port) == 4, "remote_port");
_Static_assert(offsetof(struct evtchn_bind_interdomain, local_port) == 8, "local_port");

/* Bind VIRQ_* virq on vcpu. Out: port. */
struct evtchn_bind_virq {
    uint32_t      virq;
    uint32_t      vcpu;
    evtchn_port_t port;
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;
_Static_assert(sizeof(struct evtchn_bind_virq) == 12, "evtchn_bind_virq size");
_Static_assert(offsetof(struct evtchn_bind_virq, port) == 8, "bind_virq.port");

struct evtchn_bind_pirq {
    uint32_t      pirq;
    uint32_t      flags; /* BIND_PIRQ__* */
    evtchn_port_t port;
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;
_Static_assert(sizeof(struct evtchn_bind_pirq) == 12, "evtchn_bind_pirq size");

/* A port for notifying vcpu of the caller's own domain. Out: port. */
struct evtchn_bind_ipi {
    uint32_t      vcpu;
    evtchn_port_t port;
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;
_Static_assert(sizeof(struct evtchn_bind_ipi) == 8, "evtchn_bind_ipi size");

struct evtchn_close {
    evtchn_port_t port;
};
typedef struct evtchn_close evtchn_close_t;
_Static_assert(sizeof(struct evtchn_close) == 4, "evtchn_close size");

struct evtchn_send {
    evtchn_port_t port;
};
typedef struct evtchn_send evtchn_send_t;
_Static_assert(sizeof(struct evtchn_send) == 4, "evtchn_send size");

/* In: dom, port. Out: status (EVTCHNSTAT_*), vcpu, and the union member status names. */
struct evtchn_status {
    domid_t       dom;
    evtchn_port_t port;
    uint32_t      status;
    uint32_t      vcpu;
    union {
        struct {
            domid_t dom;
        } unbound;
        struct {
            domid_t       dom;
            evtchn_port_t port;
        } interdomain;
        uint32_t pirq;
        uint32_t virq;
    } u;
};
typedef struct evtchn_status evtchn_status_t;
_Static_assert(sizeof(struct evtchn_status) == 24, "evtchn_status size");
_Static_assert(offsetof(struct evtchn_status, status) == 8, "evtchn_status.status");
_Static_assert(offsetof(struct evtchn_status, u) == 16, "evtchn_status.u");

struct evtchn_bind_vcpu {
    evtchn_port_t port;
    uint32_t      vcpu;
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;
_Static_assert(sizeof(struct evtchn_bind_vcpu) == 8, "evtchn_bind_vcpu size");

struct evtchn_unmask {
    evtchn_port_t port;
};
typedef struct evtchn_unmask evtchn_unmask_t;
_Static_assert(sizeof(struct evtchn_unmask) == 4, "evtchn_unmask size");

struct evtchn_reset {
    domid_t dom;
};
typedef struct evtchn_reset evtchn_reset_t;
_Static_assert(sizeof(struct evtchn_reset) == 2, "evtchn_reset size");

/* event_channel_op_compat's argument: a sub-op number and its struct in one buffer. */
struct evtchn_op {
    uint32_t cmd; /* EVTCHNOP_* */
    union {
        struct evtchn_alloc_unbound    alloc_unbound;
        struct evtchn_bind_interdomain bind_interdomain;
        struct evtchn_bind_virq        bind_virq;
        struct evtchn_bind_pirq        bind_pirq;
        struct evtchn_bind_ipi         bind_ipi;
        struct evtchn_close            close;
        struct evtchn_send             send;
        struct evtchn_status           status;
        struct evtchn_bind_vcpu        bind_vcpu;
        struct evtchn_unmask           unmask;
    } u;
};
typedef struct evtchn_op evtchn_op_t;
_Static_assert(sizeof(struct evtchn_op) == 28, "evtchn_op size");
_Static_assert(offsetof(struct evtchn_op, u) == 4, "evtchn_op.u");

#endif /* !__ASSEMBLY__ */

#endif
