/* Stale-TLB attacks: a writable translation cached before its frame became a page table
 * (XSA-217, 241, 401, 408), an L2 entry switched to another L1 with no flush asked for, and
 * XSA-286's mix of mmu_update and update_va_mapping in one multicall. QEMU's TLB keeps
 * translations until a flush, so a missing flush shows as a write landing or a stale read. */
#include "tests/attacks/atk.h"

#define ATK_MARK_A   xen_mk_ulong(0xa0a0a0a0a0a0a0a0)
#define ATK_MARK_B   xen_mk_ulong(0xb0b0b0b0b0b0b0b0)
#define ATK_MARK_C   xen_mk_ulong(0xc0c0c0c0c0c0c0c0)
#define ATK_EVIL     xen_mk_ulong(0x00000000deadb000)
#define ATK_NP_MARK  xen_mk_ulong(0xe00)    /* software bits only: a valid non-present entry */
#define ATK_L2_FREE  256                    /* a free L2 slot of the kernel's 1 GiB region */
#define ATK_L2_SPAN  (xen_mk_ulong(1) << 21)

/* Map D writable and write through it (the TLB holds the translation), drop the mapping
 * without a flush, pin D as an L1: the pin must flush, so a write through the old VA faults
 * and never reaches the new page table. */
static int stale_tlb_pin(struct test_ctx *t)
{
    struct atk_page d;
    uint64_t va;
    bool wrote;
    int v;

    if (atk_page_get(&d))
        return test_error(t, "setup failed");
    va = (uint64_t)d.va;
    d.va[ATK_ENTRIES - 1] = ATK_NP_MARK;     /* cached: a writable TLB entry now */
    if (atk_uva(va, 0, UVMF_NONE))
        return test_error(t, "unmap without flush failed");
    if (atk_ext1(MMUEXT_PIN_L1_TABLE, d.mfn))
        return test_error(t, "pin of the unmapped frame failed");
    wrote = atk_try_write(va + sizeof(uint64_t), ATK_EVIL | ATK_P | ATK_RW);
    if (wrote)   /* take the planted entry out again, or unpinning would trip over it */
        atk_try_write(va + sizeof(uint64_t), 0);
    if (atk_page_ro(&d))
        v = test_error(t, "read-only mapping of the new L1 refused");
    else if (wrote || d.va[1])
        v = test_fail(t, "a write through a stale writable TLB entry reached the new L1");
    else
        v = test_pass(t);
    atk_table_unpin(&d);
    atk_page_put(&d);
    return v;
}
TEST_CASE(atk_stale_tlb_after_pin);
static int atk_stale_tlb_after_pin(struct test_ctx *t) { return atk_run(t, stale_tlb_pin); }

/* Two L1s (one pinned table each) mapping one data page each at index 0, and the VA of the
 * free L2 slot they take turns in. */
#define TLB_RIG_DATA 3   /* pages A, B, C */
#define TLB_RIG_L1S  2   /* L1 a maps A, L1 b maps B */

struct tlb_rig {
    struct atk_page data[TLB_RIG_DATA], l1[TLB_RIG_L1S];
    uint64_t l2ma, va;
};

static long tlb_rig_get(struct tlb_rig *r, uint64_t flags)
{
    static const uint64_t marks[] = { ATK_MARK_A, ATK_MARK_B, ATK_MARK_C };
    const volatile uint64_t *l2;
    uint64_t val;
    long rc = atk_entry((uint64_t)r, 2, &r->l2ma, &val);

    if (rc)
        return rc;
    l2 = atk_table(r->l2ma >> ATK_PAGE_SHIFT);
    if (!l2 || l2[ATK_L2_FREE])
        return -XEN_EEXIST;
    r->l2ma = atk_ma(r->l2ma >> ATK_PAGE_SHIFT, ATK_L2_FREE);
    r->va = ((uint64_t)r & ~(ATK_L2_SPAN * ATK_ENTRIES - 1)) + ATK_L2_FREE * ATK_L2_SPAN;
    for (unsigned i = 0; i < TLB_RIG_DATA && !rc; i++) {
        rc = atk_page_get(&r->data[i]);
        if (!rc)
            r->data[i].va[0] = marks[i];
    }
    for (unsigned i = 0; i < TLB_RIG_L1S && !rc; i++) {
        rc = atk_page_get(&r->l1[i]);
        if (!rc) {
            r->l1[i].va[0] = (r->data[i].mfn << ATK_PAGE_SHIFT) | flags;
            rc = atk_table_pin(&r->l1[i], 1);
        }
    }
    return rc;
}

static void tlb_rig_put(const struct tlb_rig *r)
{
    atk_mmu1(r->l2ma, 0);
    for (unsigned i = 0; i < TLB_RIG_L1S; i++) {
        atk_table_unpin(&r->l1[i]);
        atk_page_put(&r->l1[i]);
    }
    for (unsigned i = 0; i < TLB_RIG_DATA; i++)
        atk_page_put(&r->data[i]);
}

static uint64_t tlb_l2e(const struct tlb_rig *r, unsigned i)
{
    return (r->l1[i].mfn << ATK_PAGE_SHIFT) | ATK_TABLE;
}

/* Switch the L2 entry from L1 a to L1 b without asking for a flush: the next read must see
 * b's page (Keel flushes on every L2+ change), and after clearing it must fault. */
static int stale_tlb_l2(struct test_ctx *t)
{
    static struct tlb_rig r;
    uint64_t got = 0, after = 0;
    int v;

    if (tlb_rig_get(&r, ATK_DATA_RO))
        return test_error(t, "setup failed");
    if (atk_mmu1(r.l2ma, tlb_l2e(&r, 0)) || !atk_try_read(r.va, &got) || got != ATK_MARK_A)
        v = test_error(t, "the first L1 does not map page A (read %lx)", got);
    else if (atk_mmu1(r.l2ma, tlb_l2e(&r, 1)) || !atk_try_read(r.va, &got))
        v = test_fail(t, "switching the L2 entry to the second L1 failed");
    else if (got != ATK_MARK_B)
        v = test_fail(t, "read %lx through a stale translation, want page B's %lx", got,
                      ATK_MARK_B);
    else if (atk_mmu1(r.l2ma, 0) || atk_try_read(r.va, &after))
        v = test_fail(t, "still readable (%lx) after the L2 entry was cleared", after);
    else
        v = test_pass(t);
    tlb_rig_put(&r);
    return v;
}
TEST_CASE(atk_stale_tlb_l2_switch);
static int atk_stale_tlb_l2_switch(struct test_ctx *t) { return atk_run(t, stale_tlb_l2); }

/* XSA-286: one multicall switches the L2 entry to L1 b, then update_va_mapping at that VA.
 * The update must land in b (the current tree), never in a (the stale one). */
static int xsa286(struct test_ctx *t)
{
    static struct tlb_rig r;
    static struct mmu_update req;
    static struct multicall_entry mc[2];
    uint64_t want;
    long rc;
    int v;

    if (tlb_rig_get(&r, ATK_DATA_RO) || atk_mmu1(r.l2ma, tlb_l2e(&r, 0)))
        return test_error(t, "setup failed");
    req = (struct mmu_update){ r.l2ma, tlb_l2e(&r, 1) };
    want = (r.data[2].mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO;
    mc[0] = (struct multicall_entry){ .op = __HYPERVISOR_mmu_update,
                                      .args = { (uint64_t)&req, 1, 0, DOMID_SELF } };
    mc[1] = (struct multicall_entry){ .op = __HYPERVISOR_update_va_mapping,
                                      .args = { r.va, want, UVMF_NONE } };
    rc = atk_multicall(mc, 2);
    if (rc || mc[0].result || mc[1].result)
        v = test_fail(t, "multicall %ld, results %ld %ld", rc, (long)mc[0].result,
                      (long)mc[1].result);
    else if ((r.l1[0].va[0] & ATK_ADDR) != (r.data[0].mfn << ATK_PAGE_SHIFT))
        v = test_fail(t, "the stale L1 was written (%lx)", r.l1[0].va[0]);
    else if ((r.l1[1].va[0] & ATK_ADDR) != (want & ATK_ADDR))
        v = test_fail(t, "the current L1 was not written (%lx)", r.l1[1].va[0]);
    else
        v = test_pass(t);
    tlb_rig_put(&r);
    return v;
}
TEST_CASE(atk_xsa286_multicall_mix);
static int atk_xsa286_multicall_mix(struct test_ctx *t) { return atk_run(t, xsa286); }

/* The hypervisor's own accesses to guest memory (here: writing `done`) must follow every
 * change of the guest's tables, however it caches translations: after the L2 entry moves to
 * another L1 the write lands in page B, not A; after that L1 entry turns read-only it is
 * refused (-EFAULT) and B is untouched. */
#define ATK_DONE_SLOT 1                      /* done is written at word 1 of the page */
#define ATK_DONE_UNTOUCHED xen_mk_ulong(0x7777777777777777)

static long xlat_write_done(const struct tlb_rig *r)
{
    return atk_mmu_update(0, 0, (void *)(r->va + ATK_DONE_SLOT * sizeof(uint64_t)), DOMID_SELF);
}

static int stale_xlat(struct test_ctx *t)
{
    static struct tlb_rig r;
    volatile uint64_t *a, *b;
    long rc;
    int v;

    if (tlb_rig_get(&r, ATK_DATA_RW) || atk_mmu1(r.l2ma, tlb_l2e(&r, 0)))
        return test_error(t, "setup failed");
    a = &r.data[0].va[ATK_DONE_SLOT];
    b = &r.data[1].va[ATK_DONE_SLOT];
    *a = *b = ATK_DONE_UNTOUCHED;
    if (xlat_write_done(&r) || *a == ATK_DONE_UNTOUCHED) {
        v = test_error(t, "done not written through the first L1 (%lx)", *a);
        goto out;
    }
    *a = ATK_DONE_UNTOUCHED;
    if (atk_mmu1(r.l2ma, tlb_l2e(&r, 1)) || xlat_write_done(&r)) {
        v = test_fail(t, "switching the L2 entry or writing done through it failed");
        goto out;
    }
    if (*a != ATK_DONE_UNTOUCHED || *b == ATK_DONE_UNTOUCHED) {
        v = test_fail(t, "done went to the old page (A %lx, B %lx)", *a, *b);
        goto out;
    }
    *b = ATK_DONE_UNTOUCHED;
    if (atk_mmu1(atk_ma(r.l1[1].mfn, 0), (r.data[1].mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO))
        v = test_error(t, "making the mapping read-only failed");
    else if ((rc = xlat_write_done(&r)) != -XEN_EFAULT || *b != ATK_DONE_UNTOUCHED)
        v = test_fail(t, "done through a read-only mapping: rc %ld, B %lx", rc, *b);
    else
        v = test_pass(t);
out:
    tlb_rig_put(&r);
    return v;
}
TEST_CASE(atk_guest_access_stale_translation);
static int atk_guest_access_stale_translation(struct test_ctx *t) { return atk_run(t, stale_xlat); }
