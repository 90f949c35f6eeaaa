/* The run queue's policy, free of any CPU state: which vCPUs exist, which are blocked, and
 * which runs next (round robin). Host-tested; hv/sched.c does the switching. */
#ifndef HV_RUNQ_H
#define HV_RUNQ_H

#include "hv/env.h"
#include "hv/param.h"

struct vcpu;

/* Whether a vCPU's domain is still alive (blocked or not). */
typedef bool (*runq_alive_fn)(const struct vcpu *v);

/* Adds v (not blocked); -ENOMEM when MAX_DOMAINS vCPUs are queued. */
int __must_check runq_add(struct vcpu *v);

/* Marks v blocked; true if it was not blocked before. */
bool runq_block(struct vcpu *v);

/* Marks v runnable; true if it was blocked before. */
bool runq_wake(struct vcpu *v);

bool runq_is_blocked(const struct vcpu *v);

/* The first alive, unblocked vCPU after `after` in queue order (wrapping around, `after`
 * itself last); after == NULL starts at the head. NULL when none. */
struct vcpu *runq_pick(const struct vcpu *after, runq_alive_fn alive);

/* Alive, unblocked vCPUs other than `except`. */
unsigned runq_nr_runnable_except(const struct vcpu *except, runq_alive_fn alive);

/* Forgets every vCPU (host tests). */
void runq_reset(void);

#endif
