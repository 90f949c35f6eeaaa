/* Attacks on what an L1 entry may name: a writable mapping of a page table (mmu_update,
 * update_va_mapping, an RW flip of an existing read-only mapping, PRESERVE_AD), the
 * hypervisor's frames, another domain's, frames beyond RAM, the shared_info page as a table,
 * and a non-present entry naming RAM (L1TF). pv-attacks.md: XSA-148, 182, 248, 273, 401. */
#include "tests/attacks/atk.h"

#include "pvguest/boot.h"

/* Writable mapping of a pinned L1 through mmu_update: -EBUSY (Xen: get_page_type fails). A
 * read-only mapping of it is fine, and it stays a pinned L1. */
static int pt_writable_mmu(struct test_ctx *t)
{
    struct atk_page tbl;
    struct atk_slot s;
    int v;

    if (atk_page_get(&tbl) || atk_table_pin(&tbl, 1) || atk_slot_get(&s))
        return test_error(t, "setup failed");
    v = atk_slot_refused(t, "rw map of an L1", &s,
                         atk_mmu1(s.ma, (tbl.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RW), -XEN_EBUSY);
    if (v == TEST_SUCCESS && atk_mmu1(s.ma, (tbl.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO))
        v = test_fail(t, "read-only mapping of the L1 refused afterwards");
    if (v == TEST_SUCCESS && atk_mmu1(s.ma, 0))
        v = test_fail(t, "unmapping the slot failed");
    if (atk_table_unpin(&tbl) && v == TEST_SUCCESS)
        v = test_fail(t, "the L1 is no longer pinned");
    atk_slot_put(&s);
    atk_page_put(&tbl);
    return v;
}
TEST_CASE(atk_pt_writable_mmu);
static int atk_pt_writable_mmu(struct test_ctx *t) { return atk_run(t, pt_writable_mmu); }

/* The same through update_va_mapping, on a pinned L2. */
static int pt_writable_uva(struct test_ctx *t)
{
    struct atk_page tbl;
    struct atk_slot s;
    int v;

    if (atk_page_get(&tbl) || atk_table_pin(&tbl, 2) || atk_slot_get(&s))
        return test_error(t, "setup failed");
    v = atk_slot_refused(t, "uva rw map of an L2", &s,
                         atk_uva(s.va, (tbl.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RW, UVMF_INVLPG),
                         -XEN_EBUSY);
    if (atk_table_unpin(&tbl) && v == TEST_SUCCESS)
        v = test_fail(t, "the L2 is no longer pinned");
    atk_slot_put(&s);
    atk_page_put(&tbl);
    return v;
}
TEST_CASE(atk_pt_writable_uva);
static int atk_pt_writable_uva(struct test_ctx *t) { return atk_run(t, pt_writable_uva); }

/* A writable mapping of the L4 the CPU is running on. */
static int pt_writable_live_l4(struct test_ctx *t)
{
    struct atk_slot s;
    int v;

    if (atk_slot_get(&s))
        return test_error(t, "setup failed");
    v = atk_slot_refused(t, "rw map of the live L4", &s,
                         atk_mmu1(s.ma, (atk_root() << ATK_PAGE_SHIFT) | ATK_DATA_RW),
                         -XEN_EBUSY);
    atk_slot_put(&s);
    return v;
}
TEST_CASE(atk_pt_writable_live_l4);
static int atk_pt_writable_live_l4(struct test_ctx *t) { return atk_run(t, pt_writable_live_l4); }

/* XSA-182 at L1: the kernel maps its own page tables read-only; flipping RW alone on that
 * entry (no other bit changes, the shape of a fast path) must still be validated. cmd is
 * MMU_NORMAL_PT_UPDATE or MMU_PT_UPDATE_PRESERVE_AD. */
static int pt_rw_flip(struct test_ctx *t, unsigned cmd)
{
    uint64_t l4va = (uint64_t)atk_table(atk_root()), ma, old, now;

    if (atk_entry(l4va, 1, &ma, &old) || !(old & ATK_P) || (old & ATK_RW))
        return test_error(t, "the L4's own mapping is not a read-only entry (%lx)", old);
    if (atk_mmu1(ma | cmd, old | ATK_RW) != -XEN_EBUSY)
        return test_fail(t, "RW flip on the L4's mapping not refused with -EBUSY");
    if (atk_entry(l4va, 1, &ma, &now) || now != old)
        return test_fail(t, "entry changed from %lx to %lx", old, now);
    if (atk_try_write(l4va + sizeof(uint64_t), 0))
        return test_fail(t, "the L4 is writable through its mapping");
    return test_pass(t);
}

static int pt_rw_flip_normal(struct test_ctx *t) { return pt_rw_flip(t, MMU_NORMAL_PT_UPDATE); }
TEST_CASE(atk_pt_rw_flip);
static int atk_pt_rw_flip(struct test_ctx *t) { return atk_run(t, pt_rw_flip_normal); }

static int pt_rw_flip_ad(struct test_ctx *t) { return pt_rw_flip(t, MMU_PT_UPDATE_PRESERVE_AD); }
TEST_CASE(atk_pt_rw_flip_preserve_ad);
static int atk_pt_rw_flip_preserve_ad(struct test_ctx *t) { return atk_run(t, pt_rw_flip_ad); }

/* Mapping a frame that is not the attacker's: the hypervisor's (-EBUSY: Xen's could_not_pin),
 * another domain's (-EBUSY), beyond RAM (-EPERM: MMIO without the I/O capability). Both the
 * read-only and the writable mapping are tried. */
static int pte_names(struct test_ctx *t, const char *what, uint64_t mfn, long want)
{
    static const uint64_t flags[] = { ATK_DATA_RO, ATK_DATA_RW };
    struct atk_slot s;
    int v = TEST_SUCCESS;

    if (!mfn)
        return test_error(t, "no %s frame found", what);
    if (atk_slot_get(&s))
        return test_error(t, "setup failed");
    for (unsigned i = 0; i < sizeof(flags) / sizeof(flags[0]) && v == TEST_SUCCESS; i++)
        v = atk_slot_refused(t, what, &s, atk_mmu1(s.ma, (mfn << ATK_PAGE_SHIFT) | flags[i]),
                             want);
    if (v == TEST_SUCCESS)
        v = atk_slot_refused(t, what, &s,
                             atk_uva(s.va, (mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO, UVMF_INVLPG),
                             want);
    atk_slot_put(&s);
    return v;
}

static int pte_hv(struct test_ctx *t) { return pte_names(t, "hypervisor", atk_hv_mfn(), -XEN_EBUSY); }
TEST_CASE(atk_pte_hypervisor_frame);
static int atk_pte_hypervisor_frame(struct test_ctx *t) { return atk_run(t, pte_hv); }

static int pte_foreign(struct test_ctx *t)
{
    return pte_names(t, "other domain's", atk_foreign_mfn(), -XEN_EBUSY);
}
TEST_CASE(atk_pte_foreign_frame);
static int atk_pte_foreign_frame(struct test_ctx *t) { return atk_run(t, pte_foreign); }

static int pte_beyond(struct test_ctx *t)
{
    return pte_names(t, "beyond-RAM", ATK_MFN_BEYOND_RAM, -XEN_EPERM);
}
TEST_CASE(atk_pte_beyond_ram);
static int atk_pte_beyond_ram(struct test_ctx *t) { return atk_run(t, pte_beyond); }

/* shared_info is the hypervisor's page shared writable with the guest: never a page table
 * (pin -EINVAL, Xen: the type conflicts). */
static int shared_info_as_table(struct test_ctx *t)
{
    uint64_t mfn = boot_start_info()->shared_info >> ATK_PAGE_SHIFT;

    for (unsigned level = 1; level <= ATK_LEVELS; level++) {
        long rc = atk_ext1(MMUEXT_PIN_L1_TABLE + level - 1, mfn);
        if (rc != -XEN_EINVAL)
            return test_fail(t, "pin shared_info as L%u: got %ld, want %d", level, rc,
                             -XEN_EINVAL);
    }
    return test_pass(t);
}
TEST_CASE(atk_shared_info_as_table);
static int atk_shared_info_as_table(struct test_ctx *t) { return atk_run(t, shared_info_as_table); }

/* L1TF (XSA-273): a non-present entry whose address names RAM is refused (Keel's rule: only
 * 0 or an address beyond RAM); one naming nothing is accepted. */
static int l1tf_absent(struct test_ctx *t)
{
    struct atk_slot s;
    int v;

    if (atk_slot_get(&s))
        return test_error(t, "setup failed");
    v = atk_slot_refused(t, "non-present entry naming RAM", &s,
                         atk_mmu1(s.ma, s.page.mfn << ATK_PAGE_SHIFT), -XEN_EINVAL);
    atk_slot_put(&s);
    return v;
}
TEST_CASE(atk_l1tf_absent_names_ram);
static int atk_l1tf_absent_names_ram(struct test_ctx *t) { return atk_run(t, l1tf_absent); }
