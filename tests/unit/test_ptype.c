/* Host tests of hv/mm/ptype.c: the type state machine as scripts of get/put/pin/unpin steps,
 * each checking the result, the frame's state afterwards, that a refused step changed
 * nothing, and that the audit accounts for every reference. */
#include "tests/unit/mm_test.h"
#include "hv/mm/ptype.h"

#define A0 (FAKE_A_FIRST + 0)
#define A1 (FAKE_A_FIRST + 1)
#define A2 (FAKE_A_FIRST + 2)
#define A3 (FAKE_A_FIRST + 3)
#define A4 (FAKE_A_FIRST + 4)
#define B0 FAKE_B_FIRST
#define FAR_MFN 1000
#define MAX_STEPS 8
#define MAX_HELD 16

enum step_op { OP_END, OP_GET, OP_PUT, OP_PIN, OP_UNPIN };

struct step {
    enum step_op op;
    unsigned long mfn;
    enum frame_type type;   /* GET and PIN */
    int rc;
    enum frame_type type_after;
    uint32_t tcount_after, count_after;
};

struct script {
    const char *name;
    struct step steps[MAX_STEPS];
};

#define W  FRAME_TYPE_WRITABLE
#define L1 FRAME_TYPE_L1
#define L2 FRAME_TYPE_L2
#define L4 FRAME_TYPE_L4
#define SD FRAME_TYPE_SEG_DESC

static const struct script scripts[] = {
    { "type/writable_blocks_l1", { { OP_GET, A0, W, 0, W, 1, 1 },
                                   { OP_GET, A0, L1, -XEN_EBUSY, W, 1, 1 },
                                   { OP_PUT, A0, W, 0, W, 0, 0 },
                                   { OP_GET, A0, L1, 0, L1, 1, 1 } } },
    { "type/l1_blocks_writable", { { OP_GET, A0, L1, 0, L1, 1, 1 },
                                   { OP_GET, A0, W, -XEN_EBUSY, L1, 1, 1 },
                                   { OP_GET, A0, L1, 0, L1, 2, 2 },
                                   { OP_PUT, A0, W, 0, L1, 1, 1 },
                                   { OP_PUT, A0, W, 0, W, 0, 0 },
                                   { OP_GET, A0, W, 0, W, 1, 1 } } },
    { "type/pin_l1_as_l2", { { OP_GET, A0, L1, 0, L1, 1, 1 },
                             { OP_PIN, A0, L2, -XEN_EBUSY, L1, 1, 1 } } },
    { "type/double_pin", { { OP_PIN, A0, L2, 0, L2, 1, 1 },
                           { OP_PIN, A0, L2, -XEN_EBUSY, L2, 1, 1 },
                           { OP_UNPIN, A0, W, 0, W, 0, 0 } } },
    { "type/unpin_not_pinned", { { OP_GET, A0, L1, 0, L1, 1, 1 },
                                 { OP_UNPIN, A0, W, -XEN_EINVAL, L1, 1, 1 } } },
    { "type/unpin_while_in_use", { { OP_PIN, A0, L4, 0, L4, 1, 1 },
                                   { OP_GET, A0, L4, 0, L4, 2, 2 },
                                   { OP_UNPIN, A0, W, 0, L4, 1, 1 },
                                   { OP_GET, A0, W, -XEN_EBUSY, L4, 1, 1 },
                                   { OP_PUT, A0, W, 0, W, 0, 0 } } },
    { "type/pin_non_pagetable", { { OP_PIN, A0, W, -XEN_EINVAL, W, 0, 0 },
                                  { OP_PIN, A0, SD, -XEN_EINVAL, W, 0, 0 } } },
    { "type/seg_desc", { { OP_GET, A0, SD, 0, SD, 1, 1 },
                         { OP_GET, A0, W, -XEN_EBUSY, SD, 1, 1 },
                         { OP_PUT, A0, W, 0, W, 0, 0 } } },
    { "owner/foreign_frame", { { OP_GET, B0, W, -XEN_EPERM, W, 0, 0 },
                               { OP_PIN, B0, L1, -XEN_EPERM, W, 0, 0 },
                               { OP_UNPIN, B0, W, -XEN_EPERM, W, 0, 0 } } },
    { "owner/hypervisor_frame", { { OP_GET, FAKE_HV_FIRST, L1, -XEN_EPERM, W, 0, 0 },
                                  { OP_PIN, FAKE_HV_FIRST, L4, -XEN_EPERM, W, 0, 0 } } },
    { "owner/out_of_range", { { OP_GET, FAR_MFN, W, -XEN_EPERM, W, 0, 0 },
                              { OP_PIN, FAR_MFN, L1, -XEN_EPERM, W, 0, 0 },
                              { OP_UNPIN, FAR_MFN, W, -XEN_EPERM, W, 0, 0 } } },
    { "owner/free_frame", { { OP_GET, FAKE_FREE_FIRST, W, -XEN_EPERM, W, 0, 0 } } },
    { "shared/never_pagetable", { { OP_GET, FAKE_SHARED_MFN, L1, -XEN_EPERM, W, 0, 0 },
                                  { OP_PIN, FAKE_SHARED_MFN, L4, -XEN_EPERM, W, 0, 0 },
                                  { OP_GET, FAKE_SHARED_MFN, W, 0, W, 1, 1 } } },
};

struct held {
    struct audit_ref refs[MAX_HELD];
    unsigned n;
};

static void held_drop(struct held *h, unsigned long mfn)
{
    for (unsigned i = 0; i < h->n; i++) {
        if (mfn_x(h->refs[i].mfn) == mfn) {
            h->refs[i] = h->refs[--h->n];
            return;
        }
    }
    fail_msg("put of mfn %lx the script never got", mfn);
}

static int run_step(const struct step *s, struct held *h)
{
    struct mm_vcpu *v = mm_current();
    mfn_t m = _mfn(s->mfn);
    int rc = 0;

    switch (s->op) {
    case OP_GET:
        rc = ptype_get(m, s->type, v);
        if (!rc)
            h->refs[h->n++] = (struct audit_ref){ m, s->type, true };
        break;
    case OP_PUT:
        held_drop(h, s->mfn);
        ptype_put(m);
        break;
    case OP_PIN:
        rc = ptype_pin(m, s->type, v);
        break;
    case OP_UNPIN:
        rc = ptype_unpin(m, v->domid);
        break;
    case OP_END:
        break;
    }
    return rc;
}

static void check_state(unsigned long mfn, const struct step *s)
{
    const struct frame_info *fi = frame_lookup(_mfn(mfn));

    if (!fi)
        return;
    assert_int_equal(fi->type, s->type_after);
    assert_int_equal(fi->type_count, s->tcount_after);
    assert_int_equal(fi->count, s->count_after);
}

static void run_script(void **state)
{
    const struct script *sc = *state;
    struct held h = { .n = 0 };

    mm_fake_reset();
    for (unsigned i = 0; i < MAX_STEPS && sc->steps[i].op != OP_END; i++) {
        const struct step *s = &sc->steps[i];
        mm_fake_snapshot();
        assert_int_equal(run_step(s, &h), s->rc);
        if (s->rc)
            assert_true(mm_fake_unchanged());
        check_state(s->mfn, s);
        assert_int_equal(mm_fake_audit(h.refs, h.n), 0);
    }
}

/* L4 A0 -> L3 A1 -> L2 A2 -> L1 A3 -> data A4 (writable). */
static void build_tree(void)
{
    mm_fake_pt(A0)[0] = mm_fake_pte(A1, _PAGE_PRESENT | _PAGE_RW);
    mm_fake_pt(A1)[0] = mm_fake_pte(A2, _PAGE_PRESENT | _PAGE_RW);
    mm_fake_pt(A2)[0] = mm_fake_pte(A3, _PAGE_PRESENT | _PAGE_RW);
    mm_fake_pt(A3)[0] = mm_fake_pte(A4, _PAGE_PRESENT | _PAGE_RW);
    mm_fake_pt(A3)[1] = mm_fake_pte(A4, _PAGE_PRESENT);
}

static void test_pin_tree_and_unpin(void **state)
{
    (void)state;
    mm_fake_reset();
    build_tree();
    assert_int_equal(ptype_pin(_mfn(A0), L4, mm_current()), 0);
    assert_int_equal(mm_fake_table[A3].type, L1);
    assert_int_equal(mm_fake_table[A4].type, W);
    assert_int_equal(mm_fake_table[A4].count, 2);
    assert_int_equal(mm_fake_table[A4].type_count, 1);
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
    assert_int_equal(ptype_unpin(_mfn(A0), FAKE_DOM_A), 0);
    for (unsigned long m = A0; m <= A4; m++) {
        assert_int_equal(mm_fake_table[m].count, 0);
        assert_int_equal(mm_fake_table[m].type, W);
    }
    /* Losing the page-table types needs one flush, done when asked for. */
    assert_int_equal(mm_fake.flushes, 0);
    ptype_flush_if_due();
    assert_int_equal(mm_fake.flushes, 1);
    ptype_flush_if_due();
    assert_int_equal(mm_fake.flushes, 1);
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
}

static void test_failed_validation_releases(void **state)
{
    (void)state;
    mm_fake_reset();
    build_tree();
    mm_fake_pt(A3)[2] = mm_fake_pte(B0, _PAGE_PRESENT);   /* deep down: a foreign frame */
    mm_fake_snapshot();
    assert_int_equal(ptype_pin(_mfn(A0), L4, mm_current()), -XEN_EINVAL);
    assert_true(mm_fake_unchanged());
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
}

static void test_stale_writable_flushed_before_pagetable(void **state)
{
    struct mm_vcpu *v;

    (void)state;
    mm_fake_reset();
    v = mm_current();
    assert_int_equal(ptype_get(_mfn(A0), W, v), 0);
    ptype_put(_mfn(A0));
    assert_int_equal(mm_fake.flushes, 0);
    assert_int_equal(ptype_get(_mfn(A0), L1, v), 0);   /* flushed before validation */
    assert_int_equal(mm_fake.flushes, 1);
    ptype_put(_mfn(A0));
    assert_int_equal(ptype_get(_mfn(A0), L1, v), 0);   /* no writable mapping since */
    assert_int_equal(mm_fake.flushes, 1);
    ptype_put(_mfn(A0));
}

static void test_type_count_overflow(void **state)
{
    (void)state;
    mm_fake_reset();
    assert_int_equal(ptype_get(_mfn(A0), L1, mm_current()), 0);
    mm_fake_table[A0].type_count = FRAME_TYPE_COUNT_MAX;
    mm_fake_snapshot();
    assert_int_equal(ptype_get(_mfn(A0), L1, mm_current()), -XEN_EINVAL);
    assert_true(mm_fake_unchanged());
}

static void test_unpin_all(void **state)
{
    (void)state;
    mm_fake_reset();
    build_tree();
    assert_int_equal(ptype_pin(_mfn(A0), L4, mm_current()), 0);
    assert_int_equal(ptype_pin(_mfn(A3), L1, mm_current()), 0);
    assert_int_equal(ptype_pin(_mfn(A0 + 10), L2, mm_current()), 0);
    ptype_unpin_all(FAKE_DOM_A);
    for (unsigned long m = FAKE_A_FIRST; m < FAKE_A_END; m++) {
        assert_int_equal(mm_fake_table[m].count, 0);
        assert_int_equal(mm_fake_table[m].type_count, 0);
        assert_int_equal(frame_release(_mfn(m)), 0);   /* teardown returns every frame */
    }
}

static void put_untyped(void *arg)
{
    (void)arg;
    ptype_put(_mfn(A0));
}

static void test_put_untyped_panics(void **state)
{
    (void)state;
    mm_fake_reset();
    assert_true(env_host_panics(put_untyped, NULL));
}

int main(void)
{
    struct CMUnitTest tests[ARRAY_SIZE(scripts) + 6];
    size_t n = ARRAY_SIZE(scripts);

    MM_TEST_ROWS(tests, scripts, run_script);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_pin_tree_and_unpin);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_failed_validation_releases);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_stale_writable_flushed_before_pagetable);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_type_count_overflow);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_unpin_all);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_put_untyped_panics);
    return _cmocka_run_group_tests("mm_ptype", tests, n, NULL, NULL);
}
