/* Event channels as the rest of the hypervisor sees them: a domain's event state is set up by
 * the builder and torn down when the domain ends; timers and devices raise VIRQs; every return
 * to a guest delivers a pending, unmasked event to the guest's event callback. The port logic
 * itself is in hv/event/evtchn_port.c. */
#ifndef HV_EVENT_EVTCHN_H
#define HV_EVENT_EVTCHN_H

#include "hv/vcpu.h"

struct domain;

/* Fresh event state for d (every port free); d->shared_info must be in place. */
void evtchn_domain_init(struct domain *d);

/* Closes every port of d. The peer of each interdomain channel sees its port become unbound
 * and gets an event on it, so a domain waiting on d is told. Idempotent. */
void evtchn_domain_teardown(struct domain *d);

/* Raises VIRQ virq for v (VIRQ_TIMER, VIRQ_CONSOLE, ...) if the guest bound it; no-op
 * otherwise, or when v's domain has ended. Callable from timer callbacks. */
void evtchn_send_virq(struct vcpu *v, unsigned int virq);

/* Sets port of v's domain pending with Xen's 2-level rule and wakes the vCPU the port
 * notifies if it blocked or polls the port. No-op for a port out of range. */
void evtchn_set_pending(struct vcpu *v, unsigned int port);

/* Whether v has an event the guest would take now (upcall pending and not masked). */
bool evtchn_vcpu_has_events(const struct vcpu *v);

/* The out-of-line part of evtchn_exit_to_guest: bounces the running vCPU to its event
 * callback, with events masked, when an upcall is due and it registered a callback. */
void evtchn_upcall(void);

/* On every return to a guest, after sched_exit_to_guest(): one load and one well-predicted
 * branch unless the guest has an upcall pending. */
static inline void evtchn_exit_to_guest(void)
{
    if (__builtin_expect(current->vcpu_info->evtchn_upcall_pending, 0))
        evtchn_upcall();
}

/* event_channel_op(cmd, arg) and its pre-3.2 form event_channel_op_compat(op):
 * abi/hcall.h lists the results and errors. */
long hc_event_channel_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5);
long hc_event_channel_op_compat(uint64_t op, uint64_t a2, uint64_t a3, uint64_t a4,
                                uint64_t a5);

#endif
