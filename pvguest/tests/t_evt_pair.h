/* Two domains meeting over an interdomain channel (the two-domain tests and benchmarks).
 * Rendezvous: one side offers a port with alloc_unbound(peer); the other, which cannot read the
 * offerer's port numbers, tries bind_interdomain(peer, p) on the offerer's low ports
 * 1..EVT_PAIR_SCAN_PORTS, sleeping between sweeps, until one binds: only a port offered to
 * it can. The peer is the cmdline's peer=<domid>, by default 1 for domain 0 and 0 otherwise. */
#ifndef PVGUEST_TESTS_T_EVT_PAIR_H
#define PVGUEST_TESTS_T_EVT_PAIR_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/evtchn.h"
#include "pvguest/tests/t_evt_fixture.h"

#define EVT_PAIR_SCAN_PORTS 64
#define EVT_PAIR_TIMEOUT_NS (10 * 1000000000ULL) /* a peer that never shows is a failure */

domid_t evt_pair_peer(void);
/* Offers a port to the peer. 0 or -XEN_E*. */
long evt_pair_offer(evtchn_port_t *port);
/* Binds to the port the peer offered; 0, or -XEN_ETIMEDOUT after EVT_PAIR_TIMEOUT_NS. The
 * local port is left masked with the notification bind_interdomain sets cleared. */
long evt_pair_connect(evtchn_port_t *port);
/* Blocks until c->hits >= hits or timeout_ns pass; true if the count was reached. */
bool evt_pair_wait(struct evt_counter *c, unsigned int hits, uint64_t timeout_ns);

#endif
