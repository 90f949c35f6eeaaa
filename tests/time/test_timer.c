/* The timer queue (hv/time/timer.c) with a fake hardware timer: expiry in deadline order,
 * only what is due, re-arming replaces a deadline, stop removes, callbacks may re-arm, and
 * the hardware is always programmed for the earliest armed deadline (0 when none). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hv/time/time.h"
#include "hv/time/timer.h"

#define NR_TIMERS 64
#define MAX_FIRED (4 * NR_TIMERS)

static uint64_t hw_deadline;   /* what time_arm last programmed */
static unsigned hw_arms;
static struct timer *fired[MAX_FIRED];
static unsigned nr_fired;
static uint64_t rng_state = 88172645463325252ULL;

void time_arm(uint64_t deadline_ns)
{
    hw_deadline = deadline_ns;
    hw_arms++;
}

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void record(struct timer *t)
{
    if (nr_fired < MAX_FIRED)
        fired[nr_fired++] = t;
}

static void reset(void)
{
    nr_fired = 0;
    hw_arms = 0;
}

static void test_fires_in_order(void **state)
{
    static struct timer t[NR_TIMERS];

    (void)state;
    reset();
    for (int i = 0; i < NR_TIMERS; i++) {
        timer_init(&t[i], record, NULL);
        timer_set(&t[i], 1 + rng() % 1000000);
        assert_int_equal(hw_deadline, timer_next_deadline());
    }
    timer_run_expired(500000);
    for (unsigned i = 0; i < nr_fired; i++) {
        assert_true(fired[i]->deadline_ns <= 500000);
        assert_false(timer_is_armed(fired[i]));
        if (i)
            assert_true(fired[i - 1]->deadline_ns <= fired[i]->deadline_ns);
    }
    for (int i = 0; i < NR_TIMERS; i++)
        assert_true(timer_is_armed(&t[i]) == (t[i].deadline_ns > 500000));
    assert_true(hw_deadline > 500000);
    timer_run_expired(UINT64_MAX);
    assert_int_equal(nr_fired, NR_TIMERS);
    assert_int_equal(hw_deadline, 0);
    assert_int_equal(timer_next_deadline(), 0);
}

static void test_rearm_and_stop(void **state)
{
    struct timer a, b;

    (void)state;
    reset();
    timer_init(&a, record, NULL);
    timer_init(&b, record, NULL);
    timer_stop(&a);                 /* not armed: no-op */
    assert_int_equal(hw_arms, 0);
    timer_set(&a, 100);
    timer_set(&b, 200);
    assert_int_equal(hw_deadline, 100);
    timer_set(&a, 300);             /* replaces, b is now first */
    assert_int_equal(hw_deadline, 200);
    timer_stop(&b);
    assert_int_equal(hw_deadline, 300);
    timer_run_expired(299);
    assert_int_equal(nr_fired, 0);
    timer_run_expired(300);
    assert_int_equal(nr_fired, 1);
    assert_ptr_equal(fired[0], &a);
    assert_int_equal(hw_deadline, 0);
}

static void test_equal_deadlines_fifo(void **state)
{
    struct timer t[3];

    (void)state;
    reset();
    for (int i = 0; i < 3; i++) {
        timer_init(&t[i], record, NULL);
        timer_set(&t[i], 50);
    }
    timer_run_expired(50);
    assert_int_equal(nr_fired, 3);
    for (int i = 0; i < 3; i++)
        assert_ptr_equal(fired[i], &t[i]);
}

/* A periodic callback re-arms itself; one already past runs again in the same pass. */
static void periodic(struct timer *t)
{
    record(t);
    if (nr_fired < 5)
        timer_set(t, t->deadline_ns + 10);
}

static void test_callback_rearms(void **state)
{
    struct timer p;

    (void)state;
    reset();
    timer_init(&p, periodic, NULL);
    timer_set(&p, 10);
    timer_run_expired(25);
    assert_int_equal(nr_fired, 2);
    assert_int_equal(hw_deadline, 30);
    timer_run_expired(1000);
    assert_int_equal(nr_fired, 5);
    assert_false(timer_is_armed(&p));
    assert_int_equal(hw_deadline, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fires_in_order),
        cmocka_unit_test(test_rearm_and_stop),
        cmocka_unit_test(test_equal_deadlines_fifo),
        cmocka_unit_test(test_callback_rearms),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
