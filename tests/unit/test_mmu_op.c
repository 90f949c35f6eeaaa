/* Host tests of hc_mmu_update (hv/mm/mmu_op.c): one row per request kind and attack class,
 * each checking Xen's error code, that a refused call changed nothing, the flush and M2P
 * hooks, and the audit. Guest arrays live in the fake guest window. */
#include "tests/unit/mm_test.h"
#include "abi/mmu.h"
#include "abi/xen.h"
#include "arch/x86_64/memlayout.h"
#include "hv/mm/mmu_op.h"
#include "hv/mm/ptype.h"
#include "tests/unit/mm_guest.h"

#define GUEST_MFN_TAG 0x1234

static void assert_audit_clean(void)
{
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
}

/* ---- mmu_update, one request per row ---- */

struct update_row {
    const char *name;
    uint64_t ptr, val;
    long rc;
    bool flush;   /* an L2+ entry changed: the TLB must have been flushed */
};

static const struct update_row update_rows[] = {
    { "update/l1_map_own_rw", MA(L1M, 2), MA(A(7), 0) | P | RW, 0, false },
    { "update/l1_unmap", MA(L1M, 0), 0, 0, false },
    { "update/no_translate_is_normal", MA(L1M, 2) | MMU_PT_UPDATE_NO_TRANSLATE,
      MA(A(7), 0) | P, 0, false },
    { "update/l1_writable_map_of_own_l1", MA(L1M, 2), MA(L1M, 0) | P | RW, -XEN_EBUSY, false },
    { "update/l1_writable_map_of_l4", MA(L1M, 2), MA(L4M, 0) | P | RW, -XEN_EBUSY, false },
    { "update/l1_readonly_map_of_l4", MA(L1M, 2), MA(L4M, 0) | P, 0, false },
    { "update/l1_map_foreign", MA(L1M, 2), MA(B0, 0) | P, -XEN_EBUSY, false },
    { "update/l1_map_hypervisor", MA(L1M, 2), MA(FAKE_HV_FIRST, 0) | P, -XEN_EBUSY, false },
    { "update/l1_map_beyond_ram", MA(L1M, 2), MA(FAR_MFN, 0) | P, -XEN_EPERM, false },
    { "update/l1_cache_bits_unpriv", MA(L1M, 2), MA(A(7), 0) | P | _PAGE_PCD, -XEN_EINVAL,
      false },
    { "update/l1_pat_unpriv", MA(L1M, 2), MA(A(7), 0) | P | _PAGE_PAT, -XEN_EINVAL, false },
    { "update/l1_absent_names_ram", MA(L1M, 2), MA(A(7), 0) | RW, -XEN_EINVAL, false },
    { "update/l2_pse_superpage", MA(L2M, 1), MA(A(16), 0) | P | RW | _PAGE_PSE, -XEN_EINVAL,
      false },
    { "update/l3_pse_superpage", MA(L3M, 1), MA(A(16), 0) | P | _PAGE_PSE, -XEN_EINVAL, false },
    { "update/l2_global", MA(L2M, 1), MA(SPARE_L1, 0) | P | _PAGE_GLOBAL, -XEN_EINVAL, false },
    { "update/l4_recursive", MA(L4M, 1), MA(L4M, 0) | P, -XEN_EINVAL, false },
    { "update/l3_recursive", MA(L3M, 1), MA(L3M, 0) | P, -XEN_EINVAL, false },
    { "update/l2_recursive", MA(L2M, 1), MA(L2M, 0) | P, -XEN_EINVAL, false },
    { "update/l2_points_at_l3", MA(L2M, 1), MA(L3M, 0) | P, -XEN_EINVAL, false },
    { "update/l2_points_at_writable", MA(L2M, 1), MA(A(5), 0) | P, -XEN_EINVAL, false },
    { "update/l2_points_at_foreign", MA(L2M, 1), MA(B0, 0) | P, -XEN_EINVAL, false },
    { "update/l1_map_io_unpriv", MA(L1M, 2), MA(FAKE_IO_MFN, 0) | P, -XEN_EPERM, false },
    { "update/l4_hypervisor_slot", MA(L4M, HV_SLOT_FIRST), 0, -XEN_EINVAL, false },
    { "update/l4_last_hypervisor_slot", MA(L4M, HV_SLOT_LAST), MA(L3M, 0) | P, -XEN_EINVAL,
      false },
    { "update/l2_new_l1_validated", MA(L2M, 1), MA(SPARE_L1, 0) | P | RW, 0, true },
    { "update/l2_unmap_flushes", MA(L2M, 0), 0, 0, true },
    { "update/l4_unmap_flushes", MA(L4M, 0), 0, 0, true },
    { "update/target_is_data_frame", MA(A(5), 0), 0, -XEN_EINVAL, false },
    { "update/target_foreign", MA(B0, 0), 0, -XEN_EINVAL, false },
    { "update/target_hypervisor", MA(FAKE_HV_FIRST, 0), 0, -XEN_EINVAL, false },
    { "update/target_beyond_ram", MA(FAR_MFN, 0), 0, -XEN_EINVAL, false },
    { "update/target_huge_address", ~(uint64_t)0 & ~(uint64_t)7, 0, -XEN_EINVAL, false },
    { "update/unknown_cmd_4", MA(L1M, 2) + sizeof(uint32_t), 0, -XEN_ENOSYS, false },
    { "update/unknown_cmd_7", MA(L1M, 2) + sizeof(uint64_t) - 1, 0, -XEN_ENOSYS, false },
    { "update/machphys_own", MA(A(5), 0) | MMU_MACHPHYS_UPDATE, GUEST_MFN_TAG, 0, false },
    { "update/machphys_foreign", MA(B0, 0) | MMU_MACHPHYS_UPDATE, GUEST_MFN_TAG, -XEN_EINVAL,
      false },
    { "update/machphys_hypervisor", MA(FAKE_HV_FIRST, 0) | MMU_MACHPHYS_UPDATE,
      GUEST_MFN_TAG, -XEN_EINVAL, false },
    { "update/machphys_free_frame", MA(FAKE_FREE_FIRST, 0) | MMU_MACHPHYS_UPDATE,
      GUEST_MFN_TAG, -XEN_EINVAL, false },
};

static void run_update(void **state)
{
    const struct update_row *r = *state;

    mm_guest_setup();
    mm_guest_put_req(0, r->ptr, r->val);
    mm_guest_put_u32(PDONE, DONE_SENTINEL);
    mm_fake_snapshot();
    assert_int_equal(hc_mmu_update(REQS, 1, PDONE, DOMID_SELF), r->rc);
    assert_int_equal(mm_guest_get_u32(PDONE), r->rc ? 0 : 1);
    if (r->rc) {
        assert_true(mm_fake_unchanged());
        assert_int_equal(mm_fake.m2p_sets, 0);
    }
    if (r->flush)
        assert_true(mm_fake.flushes > 0);
    assert_audit_clean();
}

static void test_machphys_sets_m2p(void **state)
{
    (void)state;
    mm_guest_setup();
    mm_guest_put_req(0, MA(A(5), 0) | MMU_MACHPHYS_UPDATE, GUEST_MFN_TAG);
    assert_int_equal(hc_mmu_update(REQS, 1, 0, DOMID_SELF), 0);
    assert_int_equal(mm_fake_m2p[A(5)], GUEST_MFN_TAG);
    assert_int_equal(mm_fake.m2p_sets, 1);
}

static void test_preserve_ad(void **state)
{
    uint64_t ad = _PAGE_ACCESSED | _PAGE_DIRTY;

    (void)state;
    mm_guest_setup();
    mm_fake_pt(L1M)[0] |= ad;   /* the CPU set A and D */
    mm_guest_put_req(0, MA(L1M, 0) | MMU_PT_UPDATE_PRESERVE_AD, MA(A(5), 0) | P | RW);
    assert_int_equal(hc_mmu_update(REQS, 1, 0, DOMID_SELF), 0);
    assert_int_equal(mm_fake_pt(L1M)[0] & ad, ad);
    mm_guest_put_req(0, MA(L1M, 0), MA(A(5), 0) | P | RW);
    assert_int_equal(hc_mmu_update(REQS, 1, 0, DOMID_SELF), 0);
    assert_int_equal(mm_fake_pt(L1M)[0] & ad, 0);
    assert_audit_clean();
}

/* XSA-182: no fast path may turn a read-only mapping of a page table writable. */
static void test_flip_rw_on_pagetable_mapping(void **state)
{
    (void)state;
    mm_guest_setup();
    mm_guest_put_req(0, MA(L1M, 2), MA(L2M, 0) | P);
    assert_int_equal(hc_mmu_update(REQS, 1, 0, DOMID_SELF), 0);
    mm_fake_snapshot();
    mm_guest_put_req(0, MA(L1M, 2), MA(L2M, 0) | P | RW);
    assert_int_equal(hc_mmu_update(REQS, 1, 0, DOMID_SELF), -XEN_EBUSY);
    mm_guest_put_req(0, MA(L1M, 2) | MMU_PT_UPDATE_PRESERVE_AD, MA(L2M, 0) | P | RW);
    assert_int_equal(hc_mmu_update(REQS, 1, 0, DOMID_SELF), -XEN_EBUSY);
    assert_int_equal(hc_update_va_mapping(2 * PAGE_SIZE, MA(L2M, 0) | P | RW, 0, 0),
                     -XEN_EBUSY);
    assert_true(mm_fake_unchanged());
    /* Flipping A and D alone is the fast path and takes no reference. */
    mm_guest_put_req(0, MA(L1M, 2), MA(L2M, 0) | P | _PAGE_ACCESSED | _PAGE_DIRTY);
    assert_int_equal(hc_mmu_update(REQS, 1, 0, DOMID_SELF), 0);
    assert_int_equal(mm_fake_audit(NULL, 0), 0);
}

static void test_batch_stops_at_failure(void **state)
{
    (void)state;
    mm_guest_setup();
    mm_guest_put_req(0, MA(L1M, 2), MA(A(7), 0) | P);
    mm_guest_put_req(1, MA(L1M, 3), MA(B0, 0) | P);
    mm_guest_put_req(2, MA(L1M, 4), MA(A(8), 0) | P);
    assert_int_equal(hc_mmu_update(REQS, 3, PDONE, DOMID_SELF), -XEN_EBUSY);
    assert_int_equal(mm_guest_get_u32(PDONE), 1);
    assert_true(pte_present(mm_fake_pt(L1M)[2]));
    assert_false(pte_present(mm_fake_pt(L1M)[4]));
    assert_audit_clean();
}

static void test_batch_limit(void **state)
{
    (void)state;
    mm_guest_setup();
    for (unsigned i = 0; i < MMU_UPDATE_BATCH_MAX; i++)
        mm_guest_put_req(i, MA(L1M, 2), MA(A(7 + i % 2), 0) | P | RW);
    mm_guest_put_u32(PDONE, DONE_SENTINEL);
    mm_fake_snapshot();
    assert_int_equal(hc_mmu_update(REQS, MMU_UPDATE_BATCH_MAX + 1, PDONE, DOMID_SELF),
                     -XEN_EINVAL);
    assert_true(mm_fake_unchanged());
    assert_int_equal(hc_mmu_update(REQS, (uint64_t)1 << 32 | 1, PDONE, DOMID_SELF),
                     -XEN_EINVAL);
    assert_int_equal(mm_guest_get_u32(PDONE), DONE_SENTINEL);
    assert_int_equal(hc_mmu_update(REQS, MMU_UPDATE_BATCH_MAX, PDONE, DOMID_SELF), 0);
    assert_int_equal(mm_guest_get_u32(PDONE), MMU_UPDATE_BATCH_MAX);
    assert_int_equal(pte_mfn(mm_fake_pt(L1M)[2]).m, A(8));
    assert_audit_clean();
}

static void test_bad_pointers(void **state)
{
    (void)state;
    mm_guest_setup();
    mm_guest_put_req(0, MA(L1M, 2), MA(A(7), 0) | P);
    mm_fake_snapshot();
    /* A done pointer that cannot be written: refused before anything happens. */
    assert_int_equal(hc_mmu_update(REQS, 1, BAD_VA, DOMID_SELF), -XEN_EFAULT);
    assert_int_equal(hc_mmu_update(REQS, 1, HV_AREA_START, DOMID_SELF), -XEN_EFAULT);
    assert_true(mm_fake_unchanged());
    /* Request arrays outside guest memory, wrapping around, or running off its end. */
    assert_int_equal(hc_mmu_update(BAD_VA, 1, PDONE, DOMID_SELF), -XEN_EFAULT);
    assert_int_equal(mm_guest_get_u32(PDONE), 0);
    assert_int_equal(hc_mmu_update(~(uint64_t)0 - sizeof(struct mmu_update), 2, PDONE,
                                   DOMID_SELF), -XEN_EFAULT);
    assert_true(mm_fake_unchanged());
    memcpy(mm_fake_guest + FAKE_GUEST_SIZE - sizeof(struct mmu_update), mm_fake_guest,
           sizeof(struct mmu_update));
    assert_int_equal(hc_mmu_update(FAKE_GUEST_VA + FAKE_GUEST_SIZE -
                                   sizeof(struct mmu_update), 2, 0, DOMID_SELF),
                     -XEN_EFAULT);
    assert_true(pte_present(mm_fake_pt(L1M)[2]));   /* the first, in bounds, was done */
    assert_audit_clean();
}

#define FAKE_NO_DOM 7   /* a domain id the fake knows nothing of */

struct foreign_row {
    const char *name;
    uint64_t fd;
    long rc;
};

static const struct foreign_row foreign_rows[] = {
    { "foreigndom/self", DOMID_SELF, 0 },
    { "foreigndom/own_id_refused", FAKE_DOM_A, -XEN_ESRCH },
    { "foreigndom/pfd_own_id_is_self", (uint64_t)(FAKE_DOM_A + 1) << 16 | DOMID_SELF, 0 },
    { "foreigndom/other_domain_eperm", FAKE_DOM_B, -XEN_EPERM },
    { "foreigndom/dom_io_eperm", DOMID_IO, -XEN_EPERM },
    { "foreigndom/dom_xen_eperm", DOMID_XEN, -XEN_EPERM },
    { "foreigndom/no_such_domain", FAKE_NO_DOM, -XEN_ESRCH },
    { "foreigndom/pfd_other_eperm", (uint64_t)(FAKE_DOM_B + 1) << 16 | DOMID_SELF, -XEN_EPERM },
    { "foreigndom/pfd_no_such_domain", (uint64_t)(FAKE_NO_DOM + 1) << 16 | DOMID_SELF,
      -XEN_ESRCH },
    { "foreigndom/pfd_other_no_such_fd", (uint64_t)(FAKE_DOM_B + 1) << 16 | FAKE_NO_DOM,
      -XEN_ESRCH },
};

static void run_foreign(void **state)
{
    const struct foreign_row *r = *state;

    mm_guest_setup();
    mm_guest_put_req(0, MA(L1M, 2), MA(A(7), 0) | P);
    assert_int_equal(hc_mmu_update(REQS, 1, 0, r->fd), r->rc);
    mm_guest_put_op(0, MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    if (r->fd >> 16 == 0)
        assert_int_equal(hc_mmuext_op(REQS, 1, 0, r->fd), r->rc);
    assert_audit_clean();
}

int main(void)
{
    struct CMUnitTest tests[ARRAY_SIZE(update_rows) + ARRAY_SIZE(foreign_rows) + 6];
    size_t n = 0;

    MM_TEST_ROWS(tests, update_rows, run_update);
    n += ARRAY_SIZE(update_rows);
    MM_TEST_ROWS(tests + n, foreign_rows, run_foreign);
    n += ARRAY_SIZE(foreign_rows);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_machphys_sets_m2p);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_preserve_ad);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_flip_rw_on_pagetable_mapping);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_batch_stops_at_failure);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_batch_limit);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_bad_pointers);
    return _cmocka_run_group_tests("mm_mmu_op", tests, n, NULL, NULL);
}
