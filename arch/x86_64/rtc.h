/* The CMOS real-time clock, read once at boot for the wallclock. The registers come back
 * raw (BCD or binary, 12 or 24 hour, as status register B says); hv/time/wallclock.c
 * decodes them. */
#ifndef ARCH_X86_64_RTC_H
#define ARCH_X86_64_RTC_H

#include "arch/x86_64/types.h"

#define RTC_B_24H 0x02      /* status B: hours run 0-23 (else 1-12 with a PM bit) */
#define RTC_B_BINARY 0x04   /* status B: values are binary (else BCD) */
#define RTC_HOUR_PM 0x80    /* in 12-hour mode, the hour register's PM flag */

struct rtc_raw {
    uint8_t sec, min, hour, mday, mon, year, century;   /* century 0: not provided */
    uint8_t status_b;
};

/* Reads a consistent set of registers: waits for no update in progress and reads until
 * two reads agree. */
void rtc_read(struct rtc_raw *out);

#endif
