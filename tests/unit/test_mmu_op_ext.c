/* Host tests of hc_mmuext_op and hc_update_va_mapping (hv/mm/mmu_op.c): one row per command
 * and attack class, each checking Xen's error code, that a refused op changed nothing, the
 * TLB/CR3 hooks, and the audit. */
#include "tests/unit/mm_test.h"
#include "abi/mmu.h"
#include "abi/xen.h"
#include "arch/x86_64/memlayout.h"
#include "hv/mm/mmu_op.h"
#include "hv/mm/ptype.h"
#include "tests/unit/mm_guest.h"

#define VA_A5    0x0UL          /* mapped by L1M[0] */
#define VA_FREE  0x2000UL       /* L1M[2], empty */
#define VA_NO_L3 (1UL << 39)    /* L4 slot 1: empty */
#define VA_HV    HV_AREA_START
#define VA_NONCANON 0x0000800000000000UL
#define NO_ARG   0

/* ---- mmuext_op ---- */

static void no_setup(void) {}
static void pin_spare_l1(void)
{
    if (ptype_pin(_mfn(SPARE_L1), FRAME_TYPE_L1, mm_current()))
        fail_msg("pin_spare_l1");
}
static void spare_l4_bad(void) { mm_fake_pt(SPARE_L4)[0] = mm_fake_pte(B0, P); }
static void spare_l4_shares_l3(void) { mm_fake_pt(SPARE_L4)[0] = mm_fake_pte(L3M, P | RW); }

struct ext_row {
    const char *name;
    void (*setup)(void);
    uint32_t cmd;
    uint64_t arg1, arg2;
    long rc;
    void (*check)(void);
};

static void check_spare_l1_pinned(void)
{
    assert_true(mm_fake_table[SPARE_L1].flags & FRAME_F_PINNED);
    assert_int_equal(mm_fake_table[SPARE_L1].type, FRAME_TYPE_L1);
}
static void check_flushed(void) { assert_int_equal(mm_fake.flushes, 1); }
static void check_invlpg(void)
{
    assert_int_equal(mm_fake.invlpgs, 1);
    assert_int_equal(mm_fake.last_invlpg, VA_FREE);
}
static void check_no_invlpg(void) { assert_int_equal(mm_fake.invlpgs, 0); }
static void check_unpinned_in_use(void)
{
    assert_false(mm_fake_table[L4M].flags & FRAME_F_PINNED);
    assert_int_equal(mm_fake_table[L4M].type, FRAME_TYPE_L4);   /* CR3 still holds it */
    assert_int_equal(mm_fake_table[L4M].type_count, 1);
}
static void check_new_base(void)
{
    assert_int_equal(mm_fake.cr3_writes, 1);
    assert_int_equal(mfn_x(mm_fake.last_cr3), SPARE_L4);
    assert_int_equal(mfn_x(mm_current()->guest_table), SPARE_L4);
    assert_int_equal(mm_fake_table[L3M].type_count, 2);   /* shared by both L4s */
}
static void check_user_base(void)
{
    assert_int_equal(mfn_x(mm_current()->guest_table_user), L4M);
    assert_int_equal(mm_fake.cr3_writes, 0);
}

static const struct ext_row ext_rows[] = {
    { "ext/pin_l1", no_setup, MMUEXT_PIN_L1_TABLE, SPARE_L1, NO_ARG, 0, check_spare_l1_pinned },
    { "ext/pin_twice", pin_spare_l1, MMUEXT_PIN_L1_TABLE, SPARE_L1, NO_ARG, -XEN_EINVAL, NULL },
    { "ext/pin_l1_as_l2", no_setup, MMUEXT_PIN_L2_TABLE, L1M, NO_ARG, -XEN_EINVAL, NULL },
    { "ext/pin_l4_as_l3", no_setup, MMUEXT_PIN_L3_TABLE, L4M, NO_ARG, -XEN_EINVAL, NULL },
    { "ext/pin_writable_frame", no_setup, MMUEXT_PIN_L1_TABLE, A(5), NO_ARG, -XEN_EINVAL,
      NULL },
    { "ext/pin_foreign", no_setup, MMUEXT_PIN_L1_TABLE, B0, NO_ARG, -XEN_EINVAL, NULL },
    { "ext/pin_hypervisor", no_setup, MMUEXT_PIN_L4_TABLE, FAKE_HV_FIRST, NO_ARG,
      -XEN_EINVAL, NULL },
    { "ext/pin_shared_info", no_setup, MMUEXT_PIN_L1_TABLE, FAKE_SHARED_MFN, NO_ARG,
      -XEN_EINVAL, NULL },
    { "ext/pin_beyond_ram", no_setup, MMUEXT_PIN_L1_TABLE, FAR_MFN, NO_ARG, -XEN_EINVAL,
      NULL },
    { "ext/pin_l4_failing_validation", spare_l4_bad, MMUEXT_PIN_L4_TABLE, SPARE_L4, NO_ARG,
      -XEN_EINVAL, NULL },
    { "ext/unpin_not_pinned", no_setup, MMUEXT_UNPIN_TABLE, L1M, NO_ARG, -XEN_EINVAL, NULL },
    { "ext/unpin_foreign", no_setup, MMUEXT_UNPIN_TABLE, B0, NO_ARG, -XEN_EINVAL, NULL },
    { "ext/unpin_while_in_use", no_setup, MMUEXT_UNPIN_TABLE, L4M, NO_ARG, 0,
      check_unpinned_in_use },
    { "ext/new_baseptr", spare_l4_shares_l3, MMUEXT_NEW_BASEPTR, SPARE_L4, NO_ARG, 0,
      check_new_base },
    { "ext/new_baseptr_to_l1", no_setup, MMUEXT_NEW_BASEPTR, L1M, NO_ARG, -XEN_EINVAL, NULL },
    { "ext/new_baseptr_to_data", no_setup, MMUEXT_NEW_BASEPTR, A(5), NO_ARG, -XEN_EINVAL,
      NULL },
    { "ext/new_baseptr_invalid_l4", spare_l4_bad, MMUEXT_NEW_BASEPTR, SPARE_L4, NO_ARG,
      -XEN_EINVAL, NULL },
    { "ext/new_baseptr_foreign", no_setup, MMUEXT_NEW_BASEPTR, B0, NO_ARG, -XEN_EINVAL, NULL },
    { "ext/new_user_baseptr", no_setup, MMUEXT_NEW_USER_BASEPTR, L4M, NO_ARG, 0,
      check_user_base },
    { "ext/new_user_baseptr_to_l2", no_setup, MMUEXT_NEW_USER_BASEPTR, L2M, NO_ARG,
      -XEN_EINVAL, NULL },
    { "ext/tlb_flush_local", no_setup, MMUEXT_TLB_FLUSH_LOCAL, NO_ARG, NO_ARG, 0,
      check_flushed },
    { "ext/tlb_flush_all", no_setup, MMUEXT_TLB_FLUSH_ALL, NO_ARG, NO_ARG, 0, check_flushed },
    { "ext/invlpg_local", no_setup, MMUEXT_INVLPG_LOCAL, VA_FREE, NO_ARG, 0, check_invlpg },
    { "ext/invlpg_all", no_setup, MMUEXT_INVLPG_ALL, VA_FREE, NO_ARG, 0, check_invlpg },
    { "ext/invlpg_hypervisor_va_ignored", no_setup, MMUEXT_INVLPG_LOCAL, VA_HV, NO_ARG, 0,
      check_no_invlpg },
    { "ext/invlpg_noncanonical_ignored", no_setup, MMUEXT_INVLPG_LOCAL, VA_NONCANON, NO_ARG, 0,
      check_no_invlpg },
    { "ext/tlb_flush_multi", no_setup, MMUEXT_TLB_FLUSH_MULTI, NO_ARG, REQS, 0,
      check_flushed },
    { "ext/tlb_flush_multi_bad_mask", no_setup, MMUEXT_TLB_FLUSH_MULTI, NO_ARG, BAD_VA,
      -XEN_EINVAL, NULL },
    { "ext/set_ldt_unimplemented", no_setup, MMUEXT_SET_LDT, VA_FREE, NO_ARG, -XEN_ENOSYS,
      NULL },
    { "ext/mark_super_unsupported", no_setup, MMUEXT_MARK_SUPER, A(16), NO_ARG,
      -XEN_EOPNOTSUPP, NULL },
    { "ext/unmark_super_unsupported", no_setup, MMUEXT_UNMARK_SUPER, A(16), NO_ARG,
      -XEN_EOPNOTSUPP, NULL },
    { "ext/unknown_cmd", no_setup, ~(uint32_t)0, NO_ARG, NO_ARG, -XEN_ENOSYS, NULL },
};

static void run_ext(void **state)
{
    const struct ext_row *r = *state;
    /* The op goes past the first page, which holds a vCPU mask at REQS. */
    const unsigned slot = (unsigned)(PAGE_SIZE / sizeof(struct mmuext_op)) + 1;
    const vaddr_t ops = REQS + slot * sizeof(struct mmuext_op);

    mm_guest_setup();
    r->setup();
    mm_fake = (struct mm_fake_stats){ 0 };
    mm_guest_put_op(slot, r->cmd, r->arg1, r->arg2);
    mm_guest_put_u32(PDONE, DONE_SENTINEL);
    mm_fake_snapshot();
    assert_int_equal(hc_mmuext_op(ops, 1, PDONE, DOMID_SELF), r->rc);
    assert_int_equal(mm_guest_get_u32(PDONE), r->rc ? 0 : 1);
    if (r->rc) {
        assert_true(mm_fake_unchanged());
        assert_int_equal(mm_fake.cr3_writes, 0);
    }
    if (r->check)
        r->check();
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
}

/* XSA-241/401: a frame that was mapped writable becomes a page table only after a flush. */
static void test_stale_tlb_after_type_change(void **state)
{
    (void)state;
    mm_guest_setup();
    mm_guest_put_req(0, MA(L1M, 2), MA(SPARE_L1, 0) | P | RW);
    mm_guest_put_req(1, MA(L1M, 2), 0);
    assert_int_equal(hc_mmu_update(REQS, 2, 0, DOMID_SELF), 0);
    assert_int_equal(mm_fake.flushes, 0);   /* L1 changes alone: the guest flushes */
    mm_guest_put_op(0, MMUEXT_PIN_L1_TABLE, SPARE_L1, NO_ARG);
    assert_int_equal(hc_mmuext_op(REQS, 1, 0, DOMID_SELF), 0);
    assert_int_equal(mm_fake.flushes, 1);
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
}

/* Losing a page-table type flushes: the old kernel L4 after NEW_BASEPTR, once unpinned. */
static void test_flush_when_type_lost(void **state)
{
    (void)state;
    mm_guest_setup();
    spare_l4_shares_l3();
    mm_guest_put_op(0, MMUEXT_UNPIN_TABLE, L4M, NO_ARG);
    mm_guest_put_op(1, MMUEXT_NEW_BASEPTR, SPARE_L4, NO_ARG);
    assert_int_equal(hc_mmuext_op(REQS, 2, PDONE, DOMID_SELF), 0);
    assert_int_equal(mm_guest_get_u32(PDONE), 2);
    assert_int_equal(mm_fake_table[L4M].type, FRAME_TYPE_WRITABLE);
    assert_int_equal(mm_fake.flushes, 1);
    /* The old L4 is plain memory again: the guest may map it writable. */
    mm_guest_put_req(0, MA(L1M, 2), MA(L4M, 0) | P | RW);
    assert_int_equal(hc_mmu_update(REQS, 1, 0, DOMID_SELF), 0);
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
}

static void test_ext_batch_and_pointers(void **state)
{
    (void)state;
    mm_guest_setup();
    mm_guest_put_op(0, MMUEXT_PIN_L1_TABLE, SPARE_L1, NO_ARG);
    mm_guest_put_op(1, MMUEXT_PIN_L2_TABLE, SPARE_L1, NO_ARG);
    mm_guest_put_op(2, MMUEXT_TLB_FLUSH_LOCAL, NO_ARG, NO_ARG);
    assert_int_equal(hc_mmuext_op(REQS, 3, PDONE, DOMID_SELF), -XEN_EINVAL);
    assert_int_equal(mm_guest_get_u32(PDONE), 1);
    assert_int_equal(mm_fake.flushes, 0);
    mm_fake_snapshot();
    assert_int_equal(hc_mmuext_op(REQS, 1, BAD_VA, DOMID_SELF), -XEN_EFAULT);
    assert_int_equal(hc_mmuext_op(BAD_VA, 1, PDONE, DOMID_SELF), -XEN_EFAULT);
    assert_int_equal(hc_mmuext_op(REQS, MMUEXT_OP_BATCH_MAX + 1, PDONE, DOMID_SELF),
                     -XEN_EINVAL);
    assert_true(mm_fake_unchanged());
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
}

/* ---- update_va_mapping ---- */

struct uva_row {
    const char *name;
    uint64_t va, val, flags;
    long rc;
    unsigned flushes, invlpgs;
};

static const struct uva_row uva_rows[] = {
    { "uva/map_invlpg", VA_FREE, MA(A(7), 0) | P | RW, UVMF_INVLPG, 0, 0, 1 },
    { "uva/map_tlb_flush", VA_FREE, MA(A(7), 0) | P, UVMF_TLB_FLUSH | UVMF_ALL, 0, 1, 0 },
    { "uva/map_no_flush", VA_FREE, MA(A(7), 0) | P, UVMF_NONE, 0, 0, 0 },
    { "uva/unmap", VA_A5, 0, UVMF_INVLPG | UVMF_ALL, 0, 0, 1 },
    { "uva/multi_mask", VA_FREE, MA(A(7), 0) | P, UVMF_INVLPG | REQS, 0, 0, 1 },
    { "uva/multi_bad_mask", VA_FREE, MA(A(7), 0) | P, UVMF_INVLPG | (BAD_VA & ~7UL),
      -XEN_EINVAL, 0, 0 },
    { "uva/bad_flush_type", VA_FREE, MA(A(7), 0) | P, UVMF_FLUSHTYPE_MASK, -XEN_EINVAL, 0, 0 },
    { "uva/writable_map_of_pt", VA_FREE, MA(L2M, 0) | P | RW, UVMF_INVLPG, -XEN_EBUSY, 0, 0 },
    { "uva/map_foreign", VA_FREE, MA(B0, 0) | P, UVMF_INVLPG, -XEN_EBUSY, 0, 0 },
    { "uva/map_hypervisor", VA_FREE, MA(FAKE_HV_FIRST, 0) | P, UVMF_NONE, -XEN_EBUSY, 0, 0 },
    { "uva/map_io_unpriv", VA_FREE, MA(FAKE_IO_MFN, 0) | P, UVMF_NONE, -XEN_EPERM, 0, 0 },
    { "uva/global_ok_in_l1", VA_FREE, MA(A(7), 0) | P | _PAGE_GLOBAL, UVMF_NONE, 0, 0, 0 },
    { "uva/cache_bits_unpriv", VA_FREE, MA(A(7), 0) | P | _PAGE_PWT, UVMF_NONE, -XEN_EINVAL,
      0, 0 },
    { "uva/va_without_l3", VA_NO_L3, MA(A(7), 0) | P, UVMF_NONE, -XEN_EINVAL, 0, 0 },
    { "uva/va_in_hypervisor", VA_HV, MA(A(7), 0) | P, UVMF_NONE, -XEN_EINVAL, 0, 0 },
    { "uva/va_noncanonical", VA_NONCANON, MA(A(7), 0) | P, UVMF_NONE, -XEN_EINVAL, 0, 0 },
};

static void run_uva(void **state)
{
    const struct uva_row *r = *state;

    mm_guest_setup();
    mm_fake_snapshot();
    assert_int_equal(hc_update_va_mapping(r->va, r->val, r->flags, 0), r->rc);
    if (r->rc)
        assert_true(mm_fake_unchanged());
    else
        assert_int_equal(pte_mfn(mm_fake_pt(L1M)[pt_index(r->va, 1)]).m, pte_mfn(r->val).m);
    assert_int_equal(mm_fake.flushes, r->flushes);
    assert_int_equal(mm_fake.invlpgs, r->invlpgs);
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
}

static void test_uva_without_baseptr(void **state)
{
    (void)state;
    mm_guest_setup();
    mmu_vcpu_release(mm_current());
    assert_int_equal(hc_update_va_mapping(VA_FREE, MA(A(7), 0) | P, UVMF_NONE, 0),
                     -XEN_EINVAL);
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
}

int main(void)
{
    struct CMUnitTest tests[ARRAY_SIZE(ext_rows) + ARRAY_SIZE(uva_rows) + 4];
    size_t n = 0;

    MM_TEST_ROWS(tests, ext_rows, run_ext);
    n += ARRAY_SIZE(ext_rows);
    MM_TEST_ROWS(tests + n, uva_rows, run_uva);
    n += ARRAY_SIZE(uva_rows);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_stale_tlb_after_type_change);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_flush_when_type_lost);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_ext_batch_and_pointers);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_uva_without_baseptr);
    return _cmocka_run_group_tests("mm_mmu_op_ext", tests, n, NULL, NULL);
}
