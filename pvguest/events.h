/* pvguest's event channels (2-level ABI): EVTCHNOP_* wrappers, the per-port handler table, port
 * masks and the vCPU's upcall mask, and the upcall handler that entry.S calls. Every port starts
 * masked; events_bind() installs a handler and unmasks, events_close() undoes both. */
#ifndef PVGUEST_EVENTS_H
#define PVGUEST_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/evtchn.h"

#define EVENTS_NR_PORTS ((unsigned int)EVTCHN_2L_NR_CHANNELS)

/* Runs inside the upcall, with the upcall mask set, after the port's pending bit was cleared. */
typedef void (*events_handler_t)(evtchn_port_t port, void *data);

/* Masks every port and empties the handler table. */
void events_init(void);

/* event_channel_op(cmd, arg): 0 or -XEN_E*. */
long events_op(int cmd, void *arg);
long events_alloc_unbound(domid_t remote, evtchn_port_t *port);
long events_bind_interdomain(domid_t remote, evtchn_port_t remote_port, evtchn_port_t *port);
long events_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port);
long events_bind_ipi(uint32_t vcpu, evtchn_port_t *port);
long events_send(evtchn_port_t port);
long events_status(domid_t dom, evtchn_port_t port, struct evtchn_status *st);
/* Masks the port, forgets its handler and its pending bit, then EVTCHNOP_close. */
long events_close(evtchn_port_t port);

/* Installs fn for port (port < EVENTS_NR_PORTS) and unmasks it; a pending event is delivered. */
void events_bind(evtchn_port_t port, events_handler_t fn, void *data);
void events_mask(evtchn_port_t port);
/* Clears the port's mask bit; if it is pending, EVTCHNOP_unmask makes the hypervisor raise it
 * (Xen re-checks the selector and upcall_pending). 0 or the hypercall's error. */
long events_unmask(evtchn_port_t port);
bool events_is_pending(evtchn_port_t port);
bool events_is_masked(evtchn_port_t port);
void events_clear_pending(evtchn_port_t port);
/* This vCPU's evtchn_pending_sel and evtchn_upcall_pending, for tests. */
uint64_t events_pending_sel(void);
bool events_upcall_pending(void);

/* The vCPU's upcall mask (a guest's "interrupt flag"): events_disable() sets it and returns
 * whether it was already set; events_enable() clears it and, if an upcall is pending, makes a
 * null hypercall so the hypervisor delivers it on the way back. */
bool events_disable(void);
void events_enable(void);
void events_restore(bool was_disabled);
bool events_are_disabled(void);

/* Upcalls taken and events that found no handler, since boot. */
uint64_t events_upcalls(void);
uint64_t events_unhandled(void);

/* Called by trap_dispatch() for the event callback, upcall mask set. */
void events_upcall(void);

#endif
