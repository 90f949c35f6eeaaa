/* The run queue's policy (hv/runq.c): round robin over alive, unblocked vCPUs, with block
 * and wake, dead domains skipped, and a full queue refused. struct vcpu is opaque to runq.c,
 * so the test defines its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hv/runq.h"

struct vcpu {
    bool alive;
};

static struct vcpu vs[MAX_DOMAINS + 1];

static bool alive(const struct vcpu *v)
{
    return v->alive;
}

static void setup_n(unsigned n)
{
    runq_reset();
    for (unsigned i = 0; i < n; i++) {
        vs[i].alive = true;
        assert_int_equal(runq_add(&vs[i]), 0);
    }
}

static void test_round_robin(void **state)
{
    struct vcpu *cur = NULL;

    (void)state;
    setup_n(3);
    for (unsigned turn = 0; turn < 9; turn++) {
        cur = runq_pick(cur, alive);
        assert_ptr_equal(cur, &vs[turn % 3]);
    }
    assert_int_equal(runq_nr_runnable_except(&vs[0], alive), 2);
}

static void test_block_wake(void **state)
{
    (void)state;
    setup_n(3);
    assert_true(runq_block(&vs[1]));
    assert_false(runq_block(&vs[1]));      /* already blocked */
    assert_true(runq_is_blocked(&vs[1]));
    assert_ptr_equal(runq_pick(&vs[0], alive), &vs[2]);
    assert_ptr_equal(runq_pick(&vs[2], alive), &vs[0]);
    assert_true(runq_wake(&vs[1]));
    assert_false(runq_wake(&vs[1]));       /* already runnable */
    assert_ptr_equal(runq_pick(&vs[0], alive), &vs[1]);
    runq_block(&vs[0]);
    runq_block(&vs[1]);
    runq_block(&vs[2]);
    assert_null(runq_pick(&vs[0], alive));
    assert_int_equal(runq_nr_runnable_except(NULL, alive), 0);
    runq_wake(&vs[0]);
    assert_ptr_equal(runq_pick(&vs[0], alive), &vs[0]);   /* the only one: itself */
}

static void test_dead_skipped(void **state)
{
    (void)state;
    setup_n(3);
    vs[1].alive = false;
    assert_ptr_equal(runq_pick(&vs[0], alive), &vs[2]);
    vs[0].alive = vs[2].alive = false;
    assert_null(runq_pick(NULL, alive));
    assert_false(runq_is_blocked(&vs[MAX_DOMAINS]));   /* never queued */
    assert_false(runq_wake(&vs[MAX_DOMAINS]));
}

static void test_full(void **state)
{
    (void)state;
    setup_n(MAX_DOMAINS);
    assert_int_equal(runq_add(&vs[MAX_DOMAINS]), -XEN_ENOMEM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_robin),
        cmocka_unit_test(test_block_wake),
        cmocka_unit_test(test_dead_skipped),
        cmocka_unit_test(test_full),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
