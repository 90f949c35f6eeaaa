/* pvguest's run loop: sched_op wrappers (block, poll, yield) and sched_wait(), which idles in
 * SCHEDOP_block until a condition that event handlers make true holds. */
#ifndef PVGUEST_SCHED_H
#define PVGUEST_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/evtchn.h"

/* SCHEDOP_block: clears the upcall mask and sleeps unless an event is pending; the upcall runs
 * on the way back. 0 or -XEN_E*. */
long sched_block(void);
long sched_yield(void);
/* SCHEDOP_poll on nr ports until one is pending or timeout_ns (absolute, 0 = none) passes. */
long sched_poll(const evtchn_port_t *ports, unsigned int nr, uint64_t timeout_ns);

/* Runs until done(arg): checks with the upcall mask set, blocks, lets handlers run, checks
 * again. The upcall mask is left as it was. 0, or the error of a failing SCHEDOP_block. */
long sched_wait(bool (*done)(void *arg), void *arg);

#endif
