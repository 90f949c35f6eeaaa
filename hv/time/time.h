/* Hypervisor system time: nanoseconds since boot, read from the TSC through the same
 * mul/shift scale the guests' pvclock (vcpu_time_info) uses, so both agree exactly. */
#ifndef HV_TIME_TIME_H
#define HV_TIME_TIME_H

#include "hv/env.h"

struct vcpu;
struct domain;

/* Calibrates the TSC, reads the wallclock and starts the hypervisor timer. */
void time_init(void);

/* Hypervisor system time: ns since boot, from the TSC. */
uint64_t time_now_ns(void);

/* The calibrated TSC frequency (kHz). */
uint64_t time_tsc_khz(void);

/* Refreshes v's vcpu_time_info (version odd, fields, version even). */
void time_vcpu_update(struct vcpu *v);

/* Fills d's wallclock (wc_*) and every vCPU's time info: the builder calls it before the
 * domain's first instruction. */
void time_domain_init(struct domain *d);

/* Programs the hypervisor's timer hardware to interrupt at system time deadline_ns (the
 * earliest armed timer); 0 stops it. Called by timer.c only. */
void time_arm(uint64_t deadline_ns);

/* The hypervisor timer's interrupt: runs every expired timer. Interrupts are off. */
void time_interrupt(void);

#endif
