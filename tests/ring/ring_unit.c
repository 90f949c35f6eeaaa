/* tests/ring/ring_unit.c: single-threaded unit tests of ring/ring.h: index arithmetic across
 * the 32-bit wrap, ring geometry, the notify decisions and the request/response round trip.
 * Table-driven; every case states the expected value, computed by hand from Xen's rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ring/ring_host.h"
#include "tests/ring/ring_fixture.h"

#define WRAP_M1 UINT32_MAX /* the index just before the 32-bit wrap */

static void test_idx_dist_wraps(void **state)
{
    static const struct { uint32_t from, to, dist; } cases[] = {
        { 0, 0, 0 },          { 0, 5, 5 },
        { WRAP_M1, 0, 1 },    { WRAP_M1 - 2, 3, 6 },
        { 0x7fffffff, 0x80000001, 2 },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(ring_idx_dist(cases[i].from, cases[i].to), cases[i].dist);
}

/* Notify iff event lies in (old, new], across the wrap too. */
static void test_need_notify_table(void **state)
{
    static const struct { uint32_t old, new_idx, event; bool notify; } cases[] = {
        { 0, 1, 1, true },               /* consumer waits for entry 0: published */
        { 0, 1, 2, false },              /* waits for entry 1: not yet */
        { 0, 8, 5, true },               /* inside a batch */
        { 0, 8, 8, true },               /* last of the batch */
        { 0, 8, 0, false },              /* event == old: already notified before */
        { 4, 8, 3, false },              /* stale event behind old: consumer busy */
        { 4, 4, 4, false },              /* nothing published */
        { WRAP_M1 - 1, 2, WRAP_M1, true },  /* batch straddles the wrap */
        { WRAP_M1 - 1, 2, 0, true },
        { WRAP_M1 - 1, 2, 2, true },
        { WRAP_M1 - 1, 2, 3, false },
        { WRAP_M1 - 1, 2, WRAP_M1 - 1, false },
        { WRAP_M1, 0, 0, true },         /* single entry across the wrap */
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool got = ring_idx_need_notify(cases[i].old, cases[i].new_idx, cases[i].event);
        if (got != cases[i].notify)
            fail_msg("case %zu: old %u new %u event %u: got %d", i, cases[i].old,
                     cases[i].new_idx, cases[i].event, got);
    }
}

static void test_check_advance_table(void **state)
{
    static const struct { uint32_t seen, now, room; int rc; } cases[] = {
        { 10, 10, 0, 0 },   { 10, 42, 32, 0 },  { 10, 43, 32, -XEN_EBADMSG },
        { 10, 9, 32, -XEN_EBADMSG },             /* backwards by one */
        { WRAP_M1, 31, 32, 0 },                  /* forward across the wrap */
        { WRAP_M1, 32, 32, -XEN_EBADMSG },
        { 5, WRAP_M1, 32, -XEN_EBADMSG },        /* backwards across the wrap */
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(ring_idx_check_advance(cases[i].seen, cases[i].now, cases[i].room),
                         cases[i].rc);
}

/* Xen's sizes: a blkif slot is 112 bytes and a one-page blkif ring has 32 slots. */
static void test_nr_ents_table(void **state)
{
    static const struct { size_t bytes, slot; uint32_t nr; } cases[] = {
        { RING_PAGE_BYTES, 112, 32 },      { RING_PAGE_BYTES, 64, 32 },
        { RING_PAGE_BYTES, 16, 128 },      { 2 * RING_PAGE_BYTES, 64, 64 },
        { 8 * RING_PAGE_BYTES, 64, 256 },  { 16 * RING_PAGE_BYTES, 112, 512 },
        { RING_PAGE_BYTES, RING_PAGE_BYTES, 0 }, { RING_PAGE_BYTES, 0, 0 },
        { RING_HDR_BYTES + 3 * 64, 64, 2 },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(ring_idx_nr_ents(cases[i].bytes, cases[i].slot), cases[i].nr);
}

static void test_init_rejects_bad_geometry(void **state)
{
    struct fixture fx;
    struct ring_front f;

    (void)state;
    fixture_open(&fx, 1, 0);
    assert_int_equal(ring_front_init(&f, fx.mem, RING_PAGE_BYTES - 1, 64, 0), -XEN_EINVAL);
    assert_int_equal(ring_front_init(&f, fx.mem, RING_PAGE_BYTES, RING_PAGE_BYTES, 0),
                     -XEN_EINVAL);
    assert_int_equal(ring_front_init(&f, NULL, RING_PAGE_BYTES, 64, 0), -XEN_EINVAL);
    assert_int_equal(ring_front_init(&f, fx.mem, RING_PAGE_BYTES, 64, 0), 0);
    assert_int_equal(f.v.nr, 32);
    fixture_close(&fx);
}

/* Fill the ring, answer everything, read everything back, many times over a start index just
 * before the 32-bit wrap, on one page and on several pages. */
static void roundtrips_from(uint32_t start, size_t pages)
{
    struct fixture fx;
    uint32_t seq = 0, got = 0, lap;

    fixture_open(&fx, pages, start);
    for (lap = 0; lap < FIXTURE_LAPS; lap++) {
        while (ring_front_free(&fx.f) > 0)
            assert_int_equal(fixture_send(&fx, seq++), 0);
        assert_int_equal(fixture_send(&fx, seq), -XEN_ENOSPC);
        ring_front_push_requests(&fx.f);
        assert_int_equal(ring_back_poll_requests(&fx.b), (int)fx.f.v.nr);
        assert_int_equal(fixture_serve_all(&fx), (int)fx.f.v.nr);
        ring_back_push_responses(&fx.b);
        while (ring_front_poll_responses(&fx.f) > 0)
            assert_int_equal(fixture_recv(&fx), (int)got++);
    }
    assert_int_equal(got, seq);
    assert_true(fx.f.rsp_cons - start == seq); /* the indices really crossed the wrap */
    fixture_close(&fx);
}

static void test_roundtrip_across_wrap(void **state)
{
    (void)state;
    roundtrips_from(WRAP_M1 - 5, 1);
    roundtrips_from(0, 1);
}

static void test_roundtrip_multi_page(void **state)
{
    (void)state;
    roundtrips_from(WRAP_M1 - 100, 4);
    roundtrips_from(WRAP_M1 - 100, 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idx_dist_wraps),
        cmocka_unit_test(test_need_notify_table),
        cmocka_unit_test(test_check_advance_table),
        cmocka_unit_test(test_nr_ents_table),
        cmocka_unit_test(test_init_rejects_bad_geometry),
        cmocka_unit_test(test_roundtrip_across_wrap),
        cmocka_unit_test(test_roundtrip_multi_page),
    };

    return cmocka_run_group_tests_name("ring_unit", tests, NULL, NULL);
}
