/* The pvclock scale: converts TSC ticks to nanoseconds the way a Xen guest does with
 * vcpu_time_info, ns = ((delta << shift) * mul) >> 32 (a negative shift shifts right).
 * Pure arithmetic, host-tested against exact 128-bit division. */
#ifndef HV_TIME_PVCLOCK_H
#define HV_TIME_PVCLOCK_H

#include "hv/env.h"

#define NS_PER_SEC 1000000000UL
#define NS_PER_MS 1000000UL
#define NS_PER_US 1000UL
#define HZ_PER_KHZ 1000UL
#define KHZ_PER_GHZ 1000000UL

struct pvclock_scale {
    uint32_t mul;    /* 0.32 fixed-point ns per (shifted) tick, in [2^31, 2^32) */
    int8_t shift;
};

/* The scale for a TSC of tsc_hz ticks per second (tsc_hz > 0). */
struct pvclock_scale pvclock_scale_for(uint64_t tsc_hz);

/* delta TSC ticks in ns under scale s. */
uint64_t pvclock_scale_delta(uint64_t delta, struct pvclock_scale s);

/* ns in TSC ticks at tsc_khz, rounded up (a deadline converted to ticks is never early). */
uint64_t pvclock_ns_to_tsc(uint64_t ns, uint64_t tsc_khz);

#endif
