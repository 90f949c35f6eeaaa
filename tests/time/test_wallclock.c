/* RTC decoding (hv/time/wallclock.c): BCD and binary registers, 12- and 24-hour clocks, the
 * century register, leap years and out-of-range fields. Expected epoch seconds were taken
 * from an independent calendar (Python's calendar.timegm). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hv/time/wallclock.h"

#define BCD_24 RTC_B_24H
#define BCD_12 0
#define BIN_24 (RTC_B_24H | RTC_B_BINARY)
#define BIN_12 RTC_B_BINARY
#define PM RTC_HOUR_PM

struct rtc_case {
    struct rtc_raw raw;   /* sec, min, hour, mday, mon, year, century, status_b */
    uint64_t epoch;
};

static const struct rtc_case good[] = {
    { { 0x00, 0x00, 0x00, 0x01, 0x01, 0x70, 0x19, BCD_24 }, 0 },
    { { 0x56, 0x34, 0x12, 0x29, 0x02, 0x00, 0x20, BCD_24 }, 951827696 },
    { { 59, 59, 23, 21, 11, 26, 0, BIN_24 }, 1795305599 },
    { { 0x09, 0x05, 0x01 | PM, 0x31, 0x12, 0x24, 0x20, BCD_12 }, 1735650309 },
    { { 0x00, 0x30, 0x12, 0x31, 0x12, 0x99, 0x19, BCD_12 }, 946600200 },
    { { 0x56, 0x34, 0x12 | PM, 0x29, 0x02, 0x00, 0x20, BCD_12 }, 951827696 },
    { { 56, 34, 12 | PM, 29, 2, 0, 20, BIN_12 }, 951827696 },
    { { 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x21, BCD_24 }, 4102444800ULL },
    { { 0x08, 0x14, 0x03, 0x19, 0x01, 0x38, 0x00, BCD_24 }, 2147483648ULL },
};

static const struct rtc_raw bad[] = {
    { 0x60, 0x00, 0x00, 0x01, 0x01, 0x24, 0x20, BCD_24 },   /* second 60 */
    { 0x00, 0x60, 0x00, 0x01, 0x01, 0x24, 0x20, BCD_24 },   /* minute 60 */
    { 0x00, 0x00, 0x24, 0x01, 0x01, 0x24, 0x20, BCD_24 },   /* hour 24 */
    { 0x00, 0x00, 0x13, 0x01, 0x01, 0x24, 0x20, BCD_12 },   /* 12-hour clock at 13 */
    { 0x00, 0x00, 0x00, 0x01, 0x01, 0x24, 0x20, BCD_12 },   /* 12-hour clock at 0 */
    { 0x00, 0x00, 0x00, 0x00, 0x01, 0x24, 0x20, BCD_24 },   /* day 0 */
    { 0x00, 0x00, 0x00, 0x31, 0x04, 0x24, 0x20, BCD_24 },   /* April 31 */
    { 0x00, 0x00, 0x00, 0x29, 0x02, 0x00, 0x21, BCD_24 },   /* 2100 is not a leap year */
    { 0x00, 0x00, 0x00, 0x29, 0x02, 0x23, 0x20, BCD_24 },   /* nor is 2023 */
    { 0x00, 0x00, 0x00, 0x01, 0x13, 0x24, 0x20, BCD_24 },   /* month 13 */
    { 0x00, 0x00, 0x00, 0x01, 0x00, 0x24, 0x20, BCD_24 },   /* month 0 */
    { 0, 0, 0, 1, 1, 100, 20, BIN_24 },                     /* year 100 of a century */
    { 0x00, 0x00, 0x00, 0x01, 0x01, 0x69, 0x19, BCD_24 },   /* 1969: before the epoch */
};

static void test_bcd(void **state)
{
    (void)state;
    assert_int_equal(wallclock_bcd(0x00), 0);
    assert_int_equal(wallclock_bcd(0x09), 9);
    assert_int_equal(wallclock_bcd(0x10), 10);
    assert_int_equal(wallclock_bcd(0x59), 59);
    assert_int_equal(wallclock_bcd(0x99), 99);
}

static void test_good_readings(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        uint64_t sec = ~0ULL;
        int rc = wallclock_from_rtc(&good[i].raw, &sec);
        if (rc || sec != good[i].epoch)
            fail_msg("case %zu: rc %d, %lu s, want %lu", i, rc, (unsigned long)sec,
                     (unsigned long)good[i].epoch);
    }
}

static void test_bad_readings(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint64_t sec = 0x1234;
        int rc = wallclock_from_rtc(&bad[i], &sec);
        if (rc != -XEN_EINVAL || sec != 0x1234)
            fail_msg("case %zu: rc %d, want -EINVAL and the output untouched", i, rc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bcd),
        cmocka_unit_test(test_good_readings),
        cmocka_unit_test(test_bad_readings),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
