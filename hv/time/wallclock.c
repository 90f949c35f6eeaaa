/* RTC decoding. The RTC keeps local broken-down time; Keel, like Xen, treats it as UTC. In
 * 12-hour mode the hour runs 12, 1, ..., 11 with bit 7 set after noon. */
#include "hv/time/wallclock.h"

#define BCD_TENS_SHIFT 4
#define BCD_DIGIT 0x0f
#define DECIMAL_BASE 10
#define EPOCH_YEAR 1970
#define DEFAULT_CENTURY 20
#define YEARS_PER_CENTURY 100
#define MONTHS 12
#define HOURS_HALF_DAY 12
#define MAX_MDAY 31
#define MAX_MIN 59
#define MAX_SEC 59
#define MAX_HOUR 23
#define SEC_PER_MIN 60
#define MIN_PER_HOUR 60
#define HOUR_PER_DAY 24
#define DAYS_PER_YEAR 365
#define LEAP_EVERY 4
#define LEAP_SKIP 100
#define LEAP_KEEP 400
#define FEBRUARY 2

static const uint8_t month_days[MONTHS] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

uint8_t wallclock_bcd(uint8_t v)
{
    return (uint8_t)((v >> BCD_TENS_SHIFT) * DECIMAL_BASE + (v & BCD_DIGIT));
}

static bool is_leap(unsigned y)
{
    return (y % LEAP_EVERY == 0 && y % LEAP_SKIP != 0) || y % LEAP_KEEP == 0;
}

static unsigned days_in_month(unsigned y, unsigned m)
{
    return month_days[m - 1] + (m == FEBRUARY && is_leap(y));
}

/* Days from 1970-01-01 to y-m-d (y >= 1970, fields valid). */
static uint64_t days_since_epoch(unsigned y, unsigned m, unsigned d)
{
    uint64_t days = 0;

    for (unsigned yy = EPOCH_YEAR; yy < y; yy++)
        days += DAYS_PER_YEAR + is_leap(yy);
    for (unsigned mm = 1; mm < m; mm++)
        days += days_in_month(y, mm);
    return days + d - 1;
}

/* The hour in 0-23 from a (decoded) hour register, or a value > 23 when invalid. */
static unsigned hour24(uint8_t raw, bool bcd, bool mode24)
{
    bool pm = !mode24 && (raw & RTC_HOUR_PM);
    unsigned h = mode24 ? raw : raw & (uint8_t)~RTC_HOUR_PM;

    h = bcd ? wallclock_bcd((uint8_t)h) : h;
    if (mode24)
        return h;
    if (h < 1 || h > HOURS_HALF_DAY)
        return MAX_HOUR + 1;
    return h % HOURS_HALF_DAY + (pm ? HOURS_HALF_DAY : 0);
}

int wallclock_from_rtc(const struct rtc_raw *r, uint64_t *epoch_sec)
{
    bool bcd = !(r->status_b & RTC_B_BINARY);
    uint8_t sec = bcd ? wallclock_bcd(r->sec) : r->sec;
    uint8_t min = bcd ? wallclock_bcd(r->min) : r->min;
    uint8_t mday = bcd ? wallclock_bcd(r->mday) : r->mday;
    uint8_t mon = bcd ? wallclock_bcd(r->mon) : r->mon;
    uint8_t yy = bcd ? wallclock_bcd(r->year) : r->year;
    uint8_t cc = bcd ? wallclock_bcd(r->century) : r->century;
    unsigned hour = hour24(r->hour, bcd, r->status_b & RTC_B_24H);
    unsigned year = (cc ? cc : DEFAULT_CENTURY) * YEARS_PER_CENTURY + yy;

    if (sec > MAX_SEC || min > MAX_MIN || hour > MAX_HOUR || mon < 1 || mon > MONTHS ||
        yy >= YEARS_PER_CENTURY || year < EPOCH_YEAR || mday < 1 ||
        mday > days_in_month(year, mon))
        return -XEN_EINVAL;
    *epoch_sec = ((days_since_epoch(year, mon, mday) * HOUR_PER_DAY + hour) * MIN_PER_HOUR +
                  min) * SEC_PER_MIN + sec;
    return 0;
}
