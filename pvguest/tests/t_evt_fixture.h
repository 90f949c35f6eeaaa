/* Shared pieces of the event-channel tests: a counting handler and a loopback interdomain
 * channel (a = alloc_unbound for ourselves, b = bind_interdomain to a), both masked and quiet
 * when opened. */
#ifndef PVGUEST_TESTS_T_EVT_FIXTURE_H
#define PVGUEST_TESTS_T_EVT_FIXTURE_H

#include <stdint.h>

#include "abi/evtchn.h"

struct evt_counter {
    unsigned int hits;
    evtchn_port_t last_port;
    uint64_t last_tsc; /* TSC at the handler's entry (benchmarks) */
    uint64_t last_ns;  /* time_now_ns() in the handler */
};

/* An events_handler_t: data is a struct evt_counter. */
void evt_count(evtchn_port_t port, void *data);

struct evt_loop {
    evtchn_port_t a, b;
    struct evt_counter ca, cb;
};

/* Opens the channel; both ends masked, nothing pending, counters zero. 0 or -XEN_E*. */
long evt_loop_open(struct evt_loop *l);
/* Opens the channel and binds the counters: events on a counted in ca, on b in cb. */
long evt_loop_open_counted(struct evt_loop *l);
/* Closes both ends, skipping one set to 0 (results ignored: tests that care close by hand
 * first). The port numbers stay in *l for the test's report. */
void evt_loop_close(struct evt_loop *l);

/* Our own domain id as the hypervisor reports it (status of an unbound port offered to
 * DOMID_SELF), or a negative -XEN_E*. */
long evt_self_domid(void);

#endif
