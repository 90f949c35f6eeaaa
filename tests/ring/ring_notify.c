/* tests/ring/ring_notify.c: the notify decisions of ring/ring.h driven through its API, in
 * both directions and across the 32-bit wrap: a producer notifies exactly when the consumer
 * armed for an entry in the range it published, and never loses a wakeup in either order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "ring/ring_host.h"
#include "tests/ring/ring_fixture.h"

#define NEAR_WRAP (UINT32_MAX - 2)
#define BATCH 8

static const uint32_t starts[] = { 0, NEAR_WRAP };

/* A fresh ring asks for the first request; once it has been notified, it is not again. */
static void test_first_request_notifies_once(void **state)
{
    struct fixture fx;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
        fixture_open(&fx, 1, starts[i]);
        assert_int_equal(fixture_send(&fx, 0), 0);
        assert_true(ring_front_push_check(&fx.f));
        assert_int_equal(fixture_send(&fx, 1), 0);
        assert_false(ring_front_push_check(&fx.f)); /* consumer has not re-armed */
        assert_false(ring_front_push_check(&fx.f)); /* nothing new at all */
        fixture_close(&fx);
    }
}

/* A consumer that consumes but does not arm (busy polling) gets no notifications. */
static void test_busy_consumer_not_notified(void **state)
{
    struct fixture fx;
    uint64_t seq;

    (void)state;
    fixture_open(&fx, 1, NEAR_WRAP);
    for (seq = 0; seq < 3 * BATCH; seq++) {
        assert_int_equal(fixture_send(&fx, seq), 0);
        bool notify = ring_front_push_check(&fx.f);
        assert_true(notify == (seq == 0));
        assert_int_equal(fixture_serve_all(&fx), 1);
        ring_back_push_responses(&fx.b);
        assert_int_equal(fixture_recv(&fx), (int)seq);
    }
    fixture_close(&fx);
}

/* Arm, then a batch: exactly one notification for the whole batch; re-arm, notified again. */
static void test_armed_consumer_notified_per_batch(void **state)
{
    struct fixture fx;
    int i, round;

    (void)state;
    fixture_open(&fx, 1, NEAR_WRAP);
    assert_int_equal(ring_back_arm(&fx.b), 0);
    for (round = 0; round < 3; round++) {
        for (i = 0; i < BATCH; i++)
            assert_int_equal(fixture_send(&fx, (uint64_t)(round * BATCH + i)), 0);
        assert_true(ring_front_push_check(&fx.f));
        assert_int_equal(fixture_serve_all(&fx), BATCH);
        ring_back_push_responses(&fx.b);
        while (ring_front_poll_responses(&fx.f) > 0)
            assert_true(fixture_recv(&fx) >= 0);
        assert_int_equal(ring_back_arm(&fx.b), 0);
    }
    fixture_close(&fx);
}

/* Several pushes, one check: the check covers all of them and says notify once. */
static void test_deferred_check_covers_all_pushes(void **state)
{
    struct fixture fx;
    uint64_t seq;

    (void)state;
    fixture_open(&fx, 1, NEAR_WRAP);
    assert_int_equal(ring_back_arm(&fx.b), 0);
    for (seq = 0; seq < 3; seq++) {
        assert_int_equal(fixture_send(&fx, seq), 0);
        ring_front_push_requests(&fx.f);
    }
    assert_true(ring_front_check_notify(&fx.f));
    assert_false(ring_front_check_notify(&fx.f));
    fixture_close(&fx);
}

/* Both interleavings of "consumer arms" and "producer publishes": either the producer is told
 * to notify, or the consumer's arm finds the work. Never neither. */
static void test_no_lost_wakeup_either_order(void **state)
{
    struct fixture fx;

    (void)state;
    fixture_open(&fx, 1, NEAR_WRAP);
    assert_int_equal(fixture_send(&fx, 0), 0);
    assert_true(ring_front_push_check(&fx.f));    /* initial arming */
    assert_int_equal(fixture_serve_all(&fx), 1);
    assert_int_equal(ring_back_arm(&fx.b), 0);    /* arm first ... */
    assert_int_equal(fixture_send(&fx, 1), 0);
    assert_true(ring_front_push_check(&fx.f));    /* ... publish second: notify */
    assert_int_equal(fixture_serve_all(&fx), 1);
    assert_int_equal(fixture_send(&fx, 2), 0);
    assert_false(ring_front_push_check(&fx.f));   /* publish first: not armed, no notify */
    assert_int_equal(ring_back_arm(&fx.b), 1);    /* ... arm second: finds the work */
    fixture_close(&fx);
}

/* The response direction obeys the same rule, and answering needs a consumed request. */
static void test_response_direction(void **state)
{
    struct fixture fx;
    struct fixture_rsp rsp = { 0, 0 };
    static uint8_t too_big[RING_PAGE_BYTES];

    (void)state;
    fixture_open(&fx, 1, NEAR_WRAP);
    assert_int_equal(ring_back_put_response(&fx.b, &rsp, sizeof(rsp)), -XEN_ENOSPC);
    assert_int_equal(fixture_send(&fx, 0), 0);
    assert_int_equal(fixture_send(&fx, 1), 0);
    ring_front_push_requests(&fx.f);
    assert_int_equal(ring_front_arm(&fx.f), 0);
    assert_int_equal(fixture_serve_all(&fx), 2);
    assert_int_equal(ring_back_put_response(&fx.b, too_big, sizeof(too_big)), -XEN_EINVAL);
    assert_true(ring_back_push_check(&fx.b));
    assert_false(ring_back_push_check(&fx.b));
    assert_int_equal(ring_front_arm(&fx.f), 2);   /* ready, so not safe to sleep */
    fixture_close(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_request_notifies_once),
        cmocka_unit_test(test_busy_consumer_not_notified),
        cmocka_unit_test(test_armed_consumer_notified_per_batch),
        cmocka_unit_test(test_deferred_check_covers_all_pushes),
        cmocka_unit_test(test_no_lost_wakeup_either_order),
        cmocka_unit_test(test_response_direction),
    };

    return cmocka_run_group_tests_name("ring_notify", tests, NULL, NULL);
}
