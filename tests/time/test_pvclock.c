/* pvclock scale (hv/time/pvclock.c) against exact 128-bit arithmetic: for many TSC
 * frequencies the mul/shift pair must be normalised and convert tick counts to ns within
 * the truncation error Xen's guests accept, and ns -> ticks must round up exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hv/time/pvclock.h"

#define MUL_MIN (1ULL << 31)
#define SHIFT_MIN (-8)
#define SHIFT_MAX 12
#define NR_RANDOM_FREQS 5000
#define FREQ_MIN_HZ 1000000ULL           /* 1 MHz */
#define FREQ_MAX_HZ 20000000000ULL       /* 20 GHz */
#define REL_ERR_SHIFT 29                 /* |error| <= ns / 2^29 + 2 */
#define ABS_ERR_NS 2

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static uint64_t exact_ns(uint64_t ticks, uint64_t hz)
{
    return (uint64_t)(((unsigned __int128)ticks * NS_PER_SEC) / hz);
}

/* Checks one frequency over tick counts up to about an hour of time. */
static void check_freq(uint64_t hz)
{
    struct pvclock_scale s = pvclock_scale_for(hz);
    uint64_t deltas[] = { 0, 1, 2, 1000, hz / 1000, hz, hz * 60, hz * 3600, rng() % (hz * 10) };

    assert_true(s.mul >= MUL_MIN);
    assert_true(s.shift >= SHIFT_MIN && s.shift <= SHIFT_MAX);
    for (size_t i = 0; i < sizeof(deltas) / sizeof(deltas[0]); i++) {
        uint64_t want = exact_ns(deltas[i], hz), got = pvclock_scale_delta(deltas[i], s);
        uint64_t err = got > want ? got - want : want - got;
        if (err > (want >> REL_ERR_SHIFT) + ABS_ERR_NS)
            fail_msg("hz %lu delta %lu: %lu ns, exact %lu", (unsigned long)hz,
                     (unsigned long)deltas[i], (unsigned long)got, (unsigned long)want);
    }
}

static void test_scale_common_freqs(void **state)
{
    const uint64_t freqs[] = { 1000000000ULL, 2000000000ULL, 2000000001ULL, 999999999ULL,
                               2634368000ULL, 3600000000ULL, 1193182ULL, 14318180ULL,
                               100000000ULL, 4294967296ULL, 8589934592ULL, FREQ_MIN_HZ,
                               FREQ_MAX_HZ };

    (void)state;
    for (size_t i = 0; i < sizeof(freqs) / sizeof(freqs[0]); i++)
        check_freq(freqs[i]);
}

static void test_scale_random_freqs(void **state)
{
    (void)state;
    for (int i = 0; i < NR_RANDOM_FREQS; i++)
        check_freq(FREQ_MIN_HZ + rng() % (FREQ_MAX_HZ - FREQ_MIN_HZ));
}

/* At exactly 1 GHz a tick is a nanosecond: the scale must be exact. */
static void test_scale_one_ghz_exact(void **state)
{
    struct pvclock_scale s = pvclock_scale_for(NS_PER_SEC);

    (void)state;
    assert_int_equal(s.mul, MUL_MIN);
    assert_int_equal(s.shift, 1);
    for (int i = 0; i < NR_RANDOM_FREQS; i++) {
        uint64_t d = rng() >> 4;
        assert_int_equal(pvclock_scale_delta(d, s), d);
    }
}

static uint64_t exact_ticks_ceil(uint64_t ns, uint64_t khz)
{
    unsigned __int128 p = (unsigned __int128)ns * khz;

    return (uint64_t)((p + NS_PER_MS - 1) / NS_PER_MS);
}

static void test_ns_to_tsc_rounds_up(void **state)
{
    (void)state;
    for (int i = 0; i < NR_RANDOM_FREQS; i++) {
        uint64_t khz = FREQ_MIN_HZ / HZ_PER_KHZ + rng() % (FREQ_MAX_HZ / HZ_PER_KHZ);
        uint64_t ns = rng() >> 20;
        assert_int_equal(pvclock_ns_to_tsc(ns, khz), exact_ticks_ceil(ns, khz));
    }
    assert_int_equal(pvclock_ns_to_tsc(0, KHZ_PER_GHZ), 0);
    assert_int_equal(pvclock_ns_to_tsc(1, 1), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scale_common_freqs),
        cmocka_unit_test(test_scale_random_freqs),
        cmocka_unit_test(test_scale_one_ghz_exact),
        cmocka_unit_test(test_ns_to_tsc_rounds_up),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
