/* pvguest's time: system time from the pvclock in vcpu_info (ns since the hypervisor booted),
 * the wallclock from shared_info, and software timers multiplexed on the vCPU's single-shot
 * timer, whose expiry raises VIRQ_TIMER. */
#ifndef PVGUEST_TIME_H
#define PVGUEST_TIME_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/evtchn.h"

#define TIME_NS_PER_US  1000ULL
#define TIME_NS_PER_MS  1000000ULL
#define TIME_NS_PER_SEC 1000000000ULL

struct time_timer {
    uint64_t deadline;                /* system time, ns */
    void (*fn)(struct time_timer *t); /* runs in the VIRQ_TIMER upcall */
    void *data;
    struct time_timer *next;
    bool armed;
};

/* Stops Xen's default periodic timer, binds VIRQ_TIMER and installs its handler: 0 or -XEN_E*
 * (without it timers and sleeps return the error). */
long time_init(void);
bool time_ready(void);
evtchn_port_t time_virq_port(void);

/* The TSC, and system time now (ns): version-checked read of vcpu_time_info. */
uint64_t time_rdtsc(void);
uint64_t time_now_ns(void);
/* Wallclock (seconds and ns since 1970) at system time 0, version-checked. */
void time_wallclock(uint64_t *sec, uint32_t *nsec);

/* VIRQ_TIMER upcalls since boot, and the system time the last one was handled. */
uint64_t time_virq_count(void);
uint64_t time_virq_last_ns(void);

/* The vCPU's single-shot timer (VCPUOP_set_singleshot_timer / stop): 0 or -XEN_E*. */
long time_singleshot(uint64_t deadline_ns, uint32_t flags);
long time_singleshot_stop(void);
/* set_timer_op(deadline_ns); 0 cancels. */
long time_set_timer_op(uint64_t deadline_ns);

void time_timer_init(struct time_timer *t, void (*fn)(struct time_timer *t), void *data);
/* (Re)arms t; the earliest armed timer programs the single-shot timer. */
void time_timer_set(struct time_timer *t, uint64_t deadline_ns);
void time_timer_stop(struct time_timer *t);

/* Blocks (SCHEDOP_block) until ns have passed: 0, or -XEN_E* if time_init failed. */
long time_sleep_ns(uint64_t ns);

#endif
