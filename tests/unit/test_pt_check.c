/* Host tests of hv/mm/pt_check.c: the per-level entry rules (one row per rule and level) and
 * whole-table validation (one row per attack class that applies to validation), each
 * refused case checked to change nothing and every case checked by the audit. */
#include "tests/unit/mm_test.h"
#include "arch/x86_64/memlayout.h"
#include "hv/mm/pt_check.h"
#include "hv/mm/ptype.h"

#define P   _PAGE_PRESENT
#define RW  _PAGE_RW
#define US  _PAGE_USER
#define A0  (FAKE_A_FIRST + 0)
#define A1  (FAKE_A_FIRST + 1)
#define A2  (FAKE_A_FIRST + 2)
#define A3  (FAKE_A_FIRST + 3)
#define A4  (FAKE_A_FIRST + 4)
#define A5  (FAKE_A_FIRST + 5)
#define B0  FAKE_B_FIRST
#define FAR_MFN 1000
#define GUEST_KERNEL_BIT (_PAGE_AVAIL_HIGH & -_PAGE_AVAIL_HIGH)
#define ADDR(m) ((uint64_t)(m) << PAGE_SHIFT)

/* ---- pt_check_entry: one row per rule and level ---- */

struct entry_row {
    const char *name;
    unsigned level, index;
    uint64_t pte;
    bool priv;
    int rc;
};

static const struct entry_row entry_rows[] = {
    { "entry/l1_plain", 1, 0, ADDR(A1) | P | RW | US | _PAGE_ACCESSED | _PAGE_DIRTY, false, 0 },
    { "entry/l1_nx_avail", 1, 0, ADDR(A1) | P | _PAGE_NX | _PAGE_AVAIL | _PAGE_AVAIL_HIGH,
      false, 0 },
    { "entry/l1_global_ok", 1, 0, ADDR(A1) | P | _PAGE_GLOBAL, false, 0 },
    { "entry/l2_global", 2, 0, ADDR(A1) | P | _PAGE_GLOBAL, false, -XEN_EINVAL },
    { "entry/l3_global", 3, 0, ADDR(A1) | P | _PAGE_GLOBAL, false, -XEN_EINVAL },
    { "entry/l4_global", 4, 0, ADDR(A1) | P | _PAGE_GLOBAL, false, -XEN_EINVAL },
    { "entry/l2_pse", 2, 0, ADDR(A1) | P | RW | _PAGE_PSE, false, -XEN_EINVAL },
    { "entry/l3_pse", 3, 0, ADDR(A1) | P | _PAGE_PSE, false, -XEN_EINVAL },
    { "entry/l4_pse", 4, 0, ADDR(A1) | P | _PAGE_PSE, false, -XEN_EINVAL },
    { "entry/l2_pse_priv", 2, 0, ADDR(A1) | P | _PAGE_PSE, true, -XEN_EINVAL },
    { "entry/l1_pat_unpriv", 1, 0, ADDR(A1) | P | _PAGE_PAT, false, -XEN_EINVAL },
    { "entry/l1_pat_priv", 1, 0, ADDR(A1) | P | _PAGE_PAT, true, 0 },
    { "entry/l1_pcd_unpriv", 1, 0, ADDR(A1) | P | _PAGE_PCD, false, -XEN_EINVAL },
    { "entry/l1_pwt_unpriv", 1, 0, ADDR(A1) | P | _PAGE_PWT, false, -XEN_EINVAL },
    { "entry/l2_pcd_unpriv", 2, 0, ADDR(A1) | P | _PAGE_PCD, false, -XEN_EINVAL },
    { "entry/l3_pwt_unpriv", 3, 0, ADDR(A1) | P | _PAGE_PWT, false, -XEN_EINVAL },
    { "entry/l4_pcd_unpriv", 4, 0, ADDR(A1) | P | _PAGE_PCD, false, -XEN_EINVAL },
    { "entry/l1_pcd_priv", 1, 0, ADDR(A1) | P | _PAGE_PCD | _PAGE_PWT, true, 0 },
    { "entry/l4_pcd_priv", 4, 0, ADDR(A1) | P | _PAGE_PCD, true, 0 },
    { "entry/l4_hv_slot_first", 4, HV_SLOT_FIRST, 0, false, -XEN_EINVAL },
    { "entry/l4_hv_slot_last", 4, HV_SLOT_LAST, ADDR(A1) | P, false, -XEN_EINVAL },
    { "entry/l4_below_hv_slots", 4, HV_SLOT_FIRST - 1, ADDR(A1) | P, false, 0 },
    { "entry/l4_above_hv_slots", 4, HV_SLOT_LAST + 1, ADDR(A1) | P, false, 0 },
    { "entry/l3_index_256_is_guest", 3, HV_SLOT_FIRST, ADDR(A1) | P, false, 0 },
    { "entry/absent_empty", 1, 0, 0, false, 0 },
    { "entry/absent_flags_only", 2, 0, RW | US, false, 0 },
    { "entry/absent_names_ram_l1tf", 1, 0, ADDR(A1) | RW, false, -XEN_EINVAL },
    { "entry/absent_beyond_ram", 1, 0, ADDR(FAR_MFN) | RW, false, 0 },
};

static void run_entry(void **state)
{
    const struct entry_row *r = *state;

    mm_fake_reset();
    assert_int_equal(pt_check_entry(r->level, r->index, r->pte, r->priv), r->rc);
}

static void test_adjust(void **state)
{
    uint64_t kern = ADDR(A1) | P | RW, user = ADDR(A1) | P | US;

    (void)state;
    assert_int_equal(pt_adjust_entry(1, kern), kern | US | GUEST_KERNEL_BIT);
    assert_int_equal(pt_adjust_entry(1, user), user);
    assert_int_equal(pt_adjust_entry(2, kern), kern | US);
    assert_int_equal(pt_adjust_entry(4, kern), kern | US);
    assert_int_equal(pt_adjust_entry(1, ADDR(FAR_MFN)), ADDR(FAR_MFN));
}

/* ---- pt_validate through ptype_get: one row per attack class ---- */

struct table_row {
    const char *name;
    void (*setup)(void);
    unsigned long target;
    unsigned level;
    bool priv;
    int rc;
};

static void pin(unsigned long m, enum frame_type t)
{
    if (ptype_pin(_mfn(m), t, mm_current()))
        fail_msg("setup pin of %lx failed", m);
}

static void l1_own_rw(void) { mm_fake_pt(A0)[7] = mm_fake_pte(A1, P | RW); }
static void l1_own_ro_of_pt(void) { pin(A1, FRAME_TYPE_L1); mm_fake_pt(A0)[0] = mm_fake_pte(A1, P); }
static void l1_rw_of_pt(void) { pin(A1, FRAME_TYPE_L2); mm_fake_pt(A0)[0] = mm_fake_pte(A1, P | RW); }
static void l1_rw_itself(void) { mm_fake_pt(A0)[3] = mm_fake_pte(A0, P | RW); }
static void l1_ro_itself(void) { mm_fake_pt(A0)[3] = mm_fake_pte(A0, P); }
static void l1_foreign(void) { mm_fake_pt(A0)[0] = mm_fake_pte(B0, P); }
static void l1_hv(void) { mm_fake_pt(A0)[0] = mm_fake_pte(FAKE_HV_FIRST, P); }
static void l1_io(void) { mm_fake_pt(A0)[0] = mm_fake_pte(FAKE_IO_MFN, P | RW | _PAGE_PCD); }
static void l1_io_plain(void) { mm_fake_pt(A0)[0] = mm_fake_pte(FAKE_IO_MFN, P | RW); }
static void l1_far(void) { mm_fake_pt(A0)[0] = mm_fake_pte(FAR_MFN, P); }
static void l1_free(void) { mm_fake_pt(A0)[0] = mm_fake_pte(FAKE_FREE_FIRST, P); }
static void l1_shared_rw(void) { mm_fake_pt(A0)[0] = mm_fake_pte(FAKE_SHARED_MFN, P | RW); }
static void l1_second_bad(void)
{
    mm_fake_pt(A0)[0] = mm_fake_pte(A1, P | RW);
    mm_fake_pt(A0)[1] = mm_fake_pte(A2, P);
    mm_fake_pt(A0)[PT_ENTRIES - 1] = mm_fake_pte(A3, P | _PAGE_PSE);
}
static void l2_self(void) { mm_fake_pt(A0)[5] = mm_fake_pte(A0, P); }
static void l3_self(void) { mm_fake_pt(A0)[5] = mm_fake_pte(A0, P | RW); }
static void l4_self(void) { mm_fake_pt(A0)[5] = mm_fake_pte(A0, P | RW); }
static void l4_linear(void) { pin(A1, FRAME_TYPE_L4); mm_fake_pt(A0)[0] = mm_fake_pte(A1, P); }
static void l2_linear(void) { pin(A1, FRAME_TYPE_L2); mm_fake_pt(A0)[0] = mm_fake_pte(A1, P); }
static void l3_linear(void) { pin(A1, FRAME_TYPE_L3); mm_fake_pt(A0)[0] = mm_fake_pte(A1, P); }
static void l2_to_writable(void)
{
    pin(A2, FRAME_TYPE_L1);
    mm_fake_pt(A2)[0] = 0;
    mm_fake_pt(A0)[0] = mm_fake_pte(A1, P);
    /* A1 is mapped writable by pinned L1 A3. */
    mm_fake_pt(A3)[0] = mm_fake_pte(A1, P | RW);
    pin(A3, FRAME_TYPE_L1);
}
static void l2_to_foreign(void) { mm_fake_pt(A0)[0] = mm_fake_pte(B0, P); }
static void l2_to_hv(void) { mm_fake_pt(A0)[0] = mm_fake_pte(FAKE_HV_FIRST, P); }
static void l2_to_shared(void) { mm_fake_pt(A0)[0] = mm_fake_pte(FAKE_SHARED_MFN, P); }
static void tree(void)
{
    mm_fake_pt(A0)[0] = mm_fake_pte(A1, P | RW);
    mm_fake_pt(A1)[0] = mm_fake_pte(A2, P | RW);
    mm_fake_pt(A2)[0] = mm_fake_pte(A3, P | RW);
    mm_fake_pt(A3)[0] = mm_fake_pte(A4, P | RW);
    mm_fake_pt(A3)[1] = mm_fake_pte(A5, P);
}
static void tree_deep_foreign(void) { tree(); mm_fake_pt(A3)[2] = mm_fake_pte(B0, P); }
static void tree_l2_to_ancestor(void) { tree(); mm_fake_pt(A2)[1] = mm_fake_pte(A0, P); }
static void tree_l3_to_ancestor(void) { tree(); mm_fake_pt(A1)[1] = mm_fake_pte(A0, P); }
static void tree_l1_maps_own_l2_rw(void) { tree(); mm_fake_pt(A3)[2] = mm_fake_pte(A2, P | RW); }
static void tree_l1_maps_own_l4_ro(void) { tree(); mm_fake_pt(A3)[2] = mm_fake_pte(A0, P); }
static void tree_hv_slot_garbage(void)
{
    tree();
    mm_fake_pt(A0)[HV_SLOT_FIRST] = mm_fake_pte(B0, P | RW);
}

static const struct table_row table_rows[] = {
    { "validate/l1_maps_own_rw", l1_own_rw, A0, 1, false, 0 },
    { "validate/l1_maps_pagetable_ro", l1_own_ro_of_pt, A0, 1, false, 0 },
    { "validate/l1_maps_pagetable_rw", l1_rw_of_pt, A0, 1, false, -XEN_EBUSY },
    { "validate/l1_maps_itself_rw", l1_rw_itself, A0, 1, false, -XEN_EBUSY },
    { "validate/l1_maps_itself_ro", l1_ro_itself, A0, 1, false, 0 },
    { "validate/l1_maps_foreign", l1_foreign, A0, 1, false, -XEN_EBUSY },
    { "validate/l1_maps_hypervisor", l1_hv, A0, 1, false, -XEN_EBUSY },
    { "validate/l1_maps_io_unpriv", l1_io, A0, 1, false, -XEN_EINVAL },
    { "validate/l1_maps_io_priv", l1_io, A0, 1, true, 0 },
    { "validate/l1_maps_io_plain_unpriv", l1_io_plain, A0, 1, false, -XEN_EPERM },
    { "validate/l1_maps_beyond_ram_priv", l1_far, A0, 1, true, -XEN_EPERM },
    { "validate/l1_maps_beyond_ram", l1_far, A0, 1, false, -XEN_EPERM },
    { "validate/l1_maps_free_frame", l1_free, A0, 1, false, -XEN_EBUSY },
    { "validate/l1_maps_shared_rw", l1_shared_rw, A0, 1, false, 0 },
    { "validate/l1_last_entry_bad", l1_second_bad, A0, 1, false, -XEN_EINVAL },
    { "validate/l2_recursive_self", l2_self, A0, 2, false, -XEN_EINVAL },
    { "validate/l3_recursive_self", l3_self, A0, 3, false, -XEN_EINVAL },
    { "validate/l4_recursive_self", l4_self, A0, 4, false, -XEN_EINVAL },
    { "validate/l4_linear_other_l4", l4_linear, A0, 4, false, -XEN_EINVAL },
    { "validate/l3_linear_other_l3", l3_linear, A0, 3, false, -XEN_EINVAL },
    { "validate/l2_linear_other_l2", l2_linear, A0, 2, false, -XEN_EINVAL },
    { "validate/l2_to_writable_frame", l2_to_writable, A0, 2, false, -XEN_EINVAL },
    { "validate/l2_to_foreign", l2_to_foreign, A0, 2, false, -XEN_EINVAL },
    { "validate/l2_to_hypervisor", l2_to_hv, A0, 2, false, -XEN_EINVAL },
    { "validate/l2_to_shared_frame", l2_to_shared, A0, 2, false, -XEN_EINVAL },
    { "validate/l4_tree", tree, A0, 4, false, 0 },
    { "validate/l4_tree_deep_foreign", tree_deep_foreign, A0, 4, false, -XEN_EINVAL },
    { "validate/l4_tree_l2_to_ancestor", tree_l2_to_ancestor, A0, 4, false, -XEN_EINVAL },
    { "validate/l4_tree_l3_to_ancestor", tree_l3_to_ancestor, A0, 4, false, -XEN_EINVAL },
    { "validate/l4_tree_l1_maps_l2_rw", tree_l1_maps_own_l2_rw, A0, 4, false, -XEN_EINVAL },
    { "validate/l4_tree_l1_maps_l4_ro", tree_l1_maps_own_l4_ro, A0, 4, false, 0 },
    { "validate/l4_hv_slot_forced", tree_hv_slot_garbage, A0, 4, false, 0 },
};

static void run_table(void **state)
{
    const struct table_row *r = *state;
    struct mm_vcpu *v = mm_current();
    struct audit_ref held = { _mfn(r->target), (enum frame_type)r->level, true };

    mm_fake_reset();
    v->privileged = r->priv;
    r->setup();
    mm_fake_snapshot();
    assert_int_equal(ptype_get(_mfn(r->target), (enum frame_type)r->level, v), r->rc);
    if (r->rc) {
        assert_true(mm_fake_unchanged());
        assert_int_equal(mm_fake_audit(NULL, 0), 0);
        return;
    }
    assert_int_equal(mm_fake_audit(&held, 1), 0);
    ptype_put(_mfn(r->target));
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
}

static void test_l4_slots_forced_then_cleared(void **state)
{
    uint64_t *l4 = mm_fake_pt(A0);

    (void)state;
    mm_fake_reset();
    tree_hv_slot_garbage();
    pin(A0, FRAME_TYPE_L4);
    for (unsigned i = HV_SLOT_FIRST; i <= HV_SLOT_LAST; i++)
        assert_int_equal(l4[i], mm_fake_template(i));
    assert_int_equal(mm_fake_table[B0].count, 0);
    assert_int_equal(ptype_unpin(_mfn(A0), FAKE_DOM_A), 0);
    for (unsigned i = HV_SLOT_FIRST; i <= HV_SLOT_LAST; i++)
        assert_int_equal(l4[i], 0);
}

static void test_entries_adjusted(void **state)
{
    (void)state;
    mm_fake_reset();
    tree();
    pin(A0, FRAME_TYPE_L4);
    assert_int_equal(mm_fake_pt(A0)[0], mm_fake_pte(A1, P | RW | US));
    assert_int_equal(mm_fake_pt(A3)[1], mm_fake_pte(A5, P | US) | GUEST_KERNEL_BIT);
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
}

int main(void)
{
    struct CMUnitTest tests[ARRAY_SIZE(entry_rows) + ARRAY_SIZE(table_rows) + 3];
    size_t n = ARRAY_SIZE(entry_rows);

    MM_TEST_ROWS(tests, entry_rows, run_entry);
    MM_TEST_ROWS(tests + n, table_rows, run_table);
    n += ARRAY_SIZE(table_rows);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_adjust);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_l4_slots_forced_then_cleared);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_entries_adjusted);
    return _cmocka_run_group_tests("mm_pt_check", tests, n, NULL, NULL);
}
