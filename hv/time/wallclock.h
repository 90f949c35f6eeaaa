/* Wallclock: decoding the CMOS RTC's raw registers into seconds since the Unix epoch. Pure,
 * host-tested. */
#ifndef HV_TIME_WALLCLOCK_H
#define HV_TIME_WALLCLOCK_H

#include "hv/env.h"
#include "arch/x86_64/rtc.h"

/* A BCD byte (0x59) as binary (59). */
uint8_t wallclock_bcd(uint8_t v);

/* Seconds since 1970-01-01 00:00:00 UTC for the RTC reading r (BCD or binary, 12 or 24
 * hours as r->status_b says; a zero century register means 20xx). -EINVAL when a field is
 * out of range. */
int __must_check wallclock_from_rtc(const struct rtc_raw *r, uint64_t *epoch_sec);

#endif
