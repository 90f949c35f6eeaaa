/* SCHEDOP_block and SCHEDOP_poll's event side: whether a vCPU may sleep, which ports wake it,
 * and the poll timeout (a per-vCPU hypervisor timer). hv/sched_op.c decodes the hypercalls. */
#ifndef HV_EVENT_EVTCHN_POLL_H
#define HV_EVENT_EVTCHN_POLL_H

#include "hv/vcpu.h"

/* Xen's limit on sched_poll.nr_ports. */
#define EVTCHN_POLL_MAX_PORTS 128

struct domain;

/* The builder (through evtchn_domain_init): d's vCPU polls nothing, its timer is idle. */
void evtchn_poll_init(struct domain *d);

/* SCHEDOP_block for v (the running vCPU): clears its upcall mask, then blocks it unless an
 * event is already due. */
void evtchn_block(struct vcpu *v);

/* SCHEDOP_poll for v: ports[0..n) already copied from the guest (n <= EVTCHN_POLL_MAX_PORTS,
 * untrusted values), timeout absolute system time in ns (0: none). Returns 0 at once if an
 * upcall is due or a listed port is pending; -XEN_EINVAL for a port out of range or not bound
 * (free, or port 0; ports before it are checked first, as Xen reads them in order); otherwise
 * blocks v until one of the ports (any port when n != 1) becomes pending, an upcall is raised
 * or the timeout passes, and returns 0. */
long evtchn_poll(struct vcpu *v, const evtchn_port_t *ports, unsigned n, uint64_t timeout);

/* Ends any poll of v (its timer stopped); domain teardown and each new block/poll call it. */
void evtchn_poll_end(struct vcpu *v);

#endif
