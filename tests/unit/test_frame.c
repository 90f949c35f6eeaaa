/* Host tests of hv/mm/frame.c: ownership changes, general references and their limits. */
#include "tests/unit/mm_test.h"
#include "hv/mm/frame.h"

#define FAR_MFN 1000   /* beyond the fake frame table */

static void test_init_marks_free(void **state)
{
    (void)state;
    mm_fake_reset();
    assert_int_equal(frame_nr_frames(), FAKE_NR_FRAMES);
    assert_int_equal(frame_owner(_mfn(FAKE_FREE_FIRST)), FRAME_OWNER_FREE);
    assert_int_equal(frame_owner(_mfn(FAKE_A_FIRST)), FAKE_DOM_A);
    assert_int_equal(frame_owner(_mfn(FAKE_HV_FIRST)), FRAME_OWNER_HV);
    assert_int_equal(frame_owner(_mfn(FAKE_IO_MFN)), FRAME_OWNER_IO);
    assert_null(frame_lookup(_mfn(FAKE_NR_FRAMES)));
    assert_int_equal(frame_owner(_mfn(FAR_MFN)), FRAME_OWNER_FREE);
}

struct assign_row {
    const char *name;
    unsigned long mfn;
    domid_t owner;
    int rc;
};

static const struct assign_row assign_rows[] = {
    { "assign/free_to_domain", FAKE_FREE_FIRST, FAKE_DOM_B, 0 },
    { "assign/free_to_hv", FAKE_FREE_FIRST, FRAME_OWNER_HV, 0 },
    { "assign/owned_frame", FAKE_A_FIRST, FAKE_DOM_B, -XEN_EBUSY },
    { "assign/hv_frame", FAKE_HV_FIRST, FAKE_DOM_A, -XEN_EBUSY },
    { "assign/out_of_range", FAKE_NR_FRAMES, FAKE_DOM_A, -XEN_EINVAL },
    { "assign/to_free_owner", FAKE_FREE_FIRST, FRAME_OWNER_FREE, -XEN_EINVAL },
};

static void run_assign(void **state)
{
    const struct assign_row *r = *state;

    mm_fake_reset();
    mm_fake_snapshot();
    assert_int_equal(frame_assign(_mfn(r->mfn), r->owner), r->rc);
    if (r->rc) {
        assert_true(mm_fake_unchanged());
        return;
    }
    assert_int_equal(frame_owner(_mfn(r->mfn)), r->owner);
    assert_int_equal(frame_lookup(_mfn(r->mfn))->count, 0);
}

static void test_get_put(void **state)
{
    mfn_t m = _mfn(FAKE_A_FIRST);

    (void)state;
    mm_fake_reset();
    assert_int_equal(frame_get(m, FAKE_DOM_A), 0);
    assert_int_equal(frame_get(m, FAKE_DOM_A), 0);
    assert_int_equal(frame_lookup(m)->count, 2);
    assert_int_equal(frame_get(m, FAKE_DOM_B), -XEN_EPERM);
    assert_int_equal(frame_get(_mfn(FAR_MFN), FAKE_DOM_A), -XEN_EPERM);
    assert_int_equal(frame_get(_mfn(FAKE_FREE_FIRST), FRAME_OWNER_FREE), -XEN_EPERM);
    assert_int_equal(frame_release(m), -XEN_EBUSY);
    frame_put(m);
    frame_put(m);
    assert_int_equal(frame_lookup(m)->count, 0);
    assert_int_equal(frame_release(m), 0);
    assert_int_equal(frame_owner(m), FRAME_OWNER_FREE);
    assert_int_equal(frame_release(m), -XEN_EINVAL);
}

static void test_count_overflow(void **state)
{
    mfn_t m = _mfn(FAKE_A_FIRST);

    (void)state;
    mm_fake_reset();
    mm_fake_table[FAKE_A_FIRST].count = FRAME_COUNT_MAX - 1;
    assert_int_equal(frame_get(m, FAKE_DOM_A), 0);
    assert_int_equal(frame_get(m, FAKE_DOM_A), -XEN_EINVAL);
    assert_int_equal(frame_lookup(m)->count, FRAME_COUNT_MAX);
}

static void put_unreferenced(void *arg)
{
    (void)arg;
    frame_put(_mfn(FAKE_A_FIRST));
}

static void test_put_unreferenced_panics(void **state)
{
    (void)state;
    mm_fake_reset();
    assert_true(env_host_panics(put_unreferenced, NULL));
}

static void test_shared_and_may_free(void **state)
{
    mfn_t shared = _mfn(FAKE_SHARED_MFN), plain = _mfn(FAKE_A_FIRST);

    (void)state;
    mm_fake_reset();
    assert_true(frame_lookup(shared)->flags & FRAME_F_SHARED);
    assert_false(frame_guest_may_free(shared, FAKE_DOM_A));
    assert_true(frame_guest_may_free(plain, FAKE_DOM_A));
    assert_false(frame_guest_may_free(plain, FAKE_DOM_B));
    assert_false(frame_guest_may_free(_mfn(FAR_MFN), FAKE_DOM_A));
    assert_int_equal(frame_get(plain, FAKE_DOM_A), 0);
    assert_false(frame_guest_may_free(plain, FAKE_DOM_A));
    frame_put(plain);
    /* The hypervisor can still take its shared frame back. */
    assert_int_equal(frame_release(shared), 0);
    assert_false(frame_lookup(shared)->flags & FRAME_F_SHARED);
}

static void test_new_owner_gets_clean_state(void **state)
{
    mfn_t m = _mfn(FAKE_A_FIRST);
    struct frame_info *fi = &mm_fake_table[FAKE_A_FIRST];

    (void)state;
    mm_fake_reset();
    fi->type = FRAME_TYPE_L1;       /* a stale type left by a bug must not survive */
    fi->flags = FRAME_F_VALIDATED | FRAME_F_WR_STALE;
    assert_int_equal(frame_release(m), 0);
    assert_int_equal(frame_assign(m, FAKE_DOM_B), 0);
    assert_int_equal(fi->type, FRAME_TYPE_WRITABLE);
    /* XSA-214/217: no type crosses owners, but the pending TLB flush does. */
    assert_int_equal(fi->flags, FRAME_F_WR_STALE);
}

int main(void)
{
    struct CMUnitTest tests[ARRAY_SIZE(assign_rows) + 6];
    size_t n = ARRAY_SIZE(assign_rows);

    MM_TEST_ROWS(tests, assign_rows, run_assign);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_init_marks_free);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_get_put);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_count_overflow);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_put_unreferenced_panics);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_shared_and_may_free);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_new_owner_gets_clean_state);
    return _cmocka_run_group_tests("mm_frame", tests, n, NULL, NULL);
}
