/* The seam between the event-channel port logic (hv/event/evtchn_port.c) and the rest of the
 * hypervisor: the three things the port logic needs from outside. hv/event/evtchn.c
 * implements them; host tests implement them over fake domains (tests/unit/evtchn_fake.c). */
#ifndef HV_EVENT_EVTCHN_ENV_H
#define HV_EVENT_EVTCHN_ENV_H

#include "hv/event/evtchn_port.h"

/* The event state of live domain id, or NULL when there is none (never DOMID_SELF). */
struct evtchn_dom *evtchn_env_dom(domid_t id);

/* The vcpu_info of vCPU vcpu (< EVTCHN_MAX_VCPUS) of ed: where its upcall and selector bits
 * live (in shared_info, or where the guest registered it). */
struct vcpu_info *evtchn_env_vcpu_info(struct evtchn_dom *ed, unsigned vcpu);

/* vCPU vcpu of ed has an event for it: make it runnable if it blocked or polled. */
void evtchn_env_wake(struct evtchn_dom *ed, unsigned vcpu);

#endif
