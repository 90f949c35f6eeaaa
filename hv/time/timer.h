/* One-shot software timers on hypervisor system time, kept in a list sorted by deadline;
 * the earliest deadline is what the hardware timer is programmed for. */
#ifndef HV_TIME_TIMER_H
#define HV_TIME_TIMER_H

#include "hv/env.h"

struct timer {
    struct timer *next;          /* in the queue, sorted by deadline; private to timer.c */
    uint64_t deadline_ns;        /* system time of expiry while armed */
    bool armed;
    void (*fn)(struct timer *t); /* runs in hypervisor context, interrupts off */
    void *data;
};

/* Prepares t (not armed). fn may call evtchn_send_virq(), sched_wake() and timer_set(). */
void timer_init(struct timer *t, void (*fn)(struct timer *t), void *data);

/* (Re)arms t for deadline_ns; replaces an earlier deadline. A deadline already past runs
 * at the next timer interrupt, which is programmed at once. */
void timer_set(struct timer *t, uint64_t deadline_ns);

/* Disarms t; no-op when not armed. */
void timer_stop(struct timer *t);

/* True while t is queued. */
bool timer_is_armed(const struct timer *t);

/* Runs (and disarms) every timer whose deadline is <= now_ns, earliest first, then programs
 * the hardware for the next one. */
void timer_run_expired(uint64_t now_ns);

/* The earliest armed deadline, or 0 when none is armed. */
uint64_t timer_next_deadline(void);

#endif
