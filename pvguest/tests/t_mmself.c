/* Tests of pvguest's own address space (aspace.c, pt.c, heap.c) with their real effects: the
 * switch happened (our L4 pinned, the builder's not), every page is mapped, memory reads the
 * same through two mappings, the builder's old tables are writable, a table still in use
 * cannot be written (directly or through a new writable mapping), unmapped pages fault, and
 * the heap takes exactly one fault per page it backs. Same results on Keel and Xen 4.17. */
#include "abi/errno.h"
#include "abi/mmu.h"
#include "pvguest/aspace.h"
#include "pvguest/heap.h"
#include "pvguest/layout.h"
#include "pvguest/mm.h"
#include "pvguest/mmu.h"
#include "pvguest/pt.h"
#include "pvguest/pte.h"
#include "pvguest/test.h"
#include "pvguest/tests/probe.h"
#include "pvguest/traps.h"

#define MMSELF_ALIAS     xen_mk_ulong(0xffffc80000000000) /* L4 slot 400: test mappings */
#define MMSELF_PAGES     8
#define MMSELF_HEAP_PAGES 16
#define MMSELF_SALT      0x6d73000000000000ULL

static uint64_t mmself_va(uint64_t pfn)
{
    return PVG_VIRT_BASE + (pfn << PVG_PAGE_SHIFT);
}

/* A load or store at va through the probe snippets: true if it raised #PF (error in *err). */
static bool mmself_faults(uint64_t va, bool write, uint64_t *err)
{
    struct gprs in = { 0 }, out;
    struct trap_frame f;

    in.r[GPR_RBX] = va;
    in.r[GPR_RDX] = MMSELF_SALT;
    trap_expect(X86_EXC_PF, write ? (uint64_t)probe_op_store_resume :
                                    (uint64_t)probe_op_load_resume);
    probe_regs_call(&in, &out, write ? (uint64_t)probe_op_store : (uint64_t)probe_op_load);
    if (!trap_seen(&f))
        return false;
    *err = f.error_code;
    return true;
}

TEST_CASE(mmself_switched);
static int mmself_switched(struct test_ctx *t)
{
    long pin_ours, unpin_old;

    if (!aspace_switched())
        return test_skip(t, "aspace=builder: still on the builder's tables");
    pin_ours = mmu_ext(MMUEXT_PIN_L4_TABLE, aspace_l4());
    unpin_old = mmu_ext(MMUEXT_UNPIN_TABLE, aspace_builder_l4());
    if (pin_ours != -XEN_EINVAL)
        return test_fail(t, "pin of our (pinned) L4 %lx: rc %ld, want -EINVAL", aspace_l4(),
                         pin_ours);
    if (unpin_old != -XEN_EINVAL)
        return test_fail(t, "unpin of the builder's L4 %lx: rc %ld, want -EINVAL (not pinned)",
                         aspace_builder_l4(), unpin_old);
    if (mm_mapped_end() != mm_end_pfn() || mm_first_pfn() != aspace_builder_pt_pfn())
        return test_fail(t, "mapped end %lx (want %lx), first free pfn %lx (want %lx)",
                         mm_mapped_end(), mm_end_pfn(), mm_first_pfn(),
                         aspace_builder_pt_pfn());
    return test_pass(t);
}

/* pages[0..n) read and write the same through the direct map and the alias at MMSELF_ALIAS. */
static int mmself_check_alias(struct test_ctx *t, const uint64_t *pfns, unsigned int n)
{
    for (unsigned int i = 0; i < n; i++) {
        volatile uint64_t *direct = mm_pfn_to_va(pfns[i]);
        volatile uint64_t *alias = (volatile uint64_t *)(MMSELF_ALIAS + i * PVG_PAGE_SIZE);

        direct[i] = MMSELF_SALT | pfns[i];
        if (alias[i] != (MMSELF_SALT | pfns[i]))
            return test_fail(t, "pfn %lx: alias reads %lx after a direct write", pfns[i],
                             alias[i]);
        alias[i + 1] = ~(MMSELF_SALT | pfns[i]);
        if (direct[i + 1] != ~(MMSELF_SALT | pfns[i]))
            return test_fail(t, "pfn %lx: direct reads %lx after an alias write", pfns[i],
                             direct[i + 1]);
    }
    return test_pass(t);
}

/* Takes MMSELF_PAGES pages, the first of them beyond the builder's mapping (pages below it
 * are given back at once; next-fit moves on), so the alias also checks the new direct map. */
static long mmself_alloc(uint64_t *pfns)
{
    long rc = 0;

    for (uint64_t tries = 0; !rc; tries++) {
        rc = tries < mm_end_pfn() ? mm_alloc_page(&pfns[0]) : -XEN_ENOMEM;
        if (rc || pfns[0] >= aspace_builder_mapped_end())
            break;
        mm_free_page(pfns[0]);
    }
    for (unsigned int i = 1; !rc && i < MMSELF_PAGES; i++)
        if ((rc = mm_alloc_page(&pfns[i])))
            while (i--)
                mm_free_page(pfns[i]);
    return rc;
}

/* Maps the pages at the alias (one batched mmu_update), checks both mappings, unmaps, and
 * checks that the alias then faults as not present. */
TEST_CASE(mmself_map_unmap);
static int mmself_map_unmap(struct test_ctx *t)
{
    uint64_t pfns[MMSELF_PAGES], err = 0;
    int v = TEST_SUCCESS;
    long rc;

    if (!aspace_switched())
        return test_skip(t, "aspace=builder");
    rc = mmself_alloc(pfns);
    if (rc)
        return test_error(t, "no page beyond pfn %lx: rc %ld", aspace_builder_mapped_end(), rc);
    for (unsigned int i = 0; !rc && i < MMSELF_PAGES; i++)
        rc = pt_map_range(MMSELF_ALIAS + i * PVG_PAGE_SIZE, pfns[i], 1, PTE_DATA_RW);
    if (rc)
        v = test_fail(t, "mapping %u pages: rc %ld", MMSELF_PAGES, rc);
    else
        v = mmself_check_alias(t, pfns, MMSELF_PAGES);
    rc = pt_unmap_range(MMSELF_ALIAS, MMSELF_PAGES);
    if (v == TEST_SUCCESS && rc)
        v = test_fail(t, "unmap: rc %ld", rc);
    if (v == TEST_SUCCESS && !mmself_faults(MMSELF_ALIAS, false, &err))
        v = test_fail(t, "alias still readable after unmap");
    if (v == TEST_SUCCESS && (err & PFEC_PRESENT))
        v = test_fail(t, "unmapped alias: error code %lx has P set", err);
    for (unsigned int i = 0; i < MMSELF_PAGES; i++)
        mm_free_page(pfns[i]);
    return v;
}

/* The builder's page-table frames and boot stack, read-only tables before, are now ordinary
 * writable pages handed to the allocator. */
TEST_CASE(mmself_builder_tables_writable);
static int mmself_builder_tables_writable(struct test_ctx *t)
{
    uint64_t first = aspace_builder_pt_pfn(), nr = aspace_builder_pt_frames();

    if (!aspace_switched())
        return test_skip(t, "aspace=builder");
    for (uint64_t pfn = first; pfn < first + nr; pfn++) {
        volatile uint64_t *p = mm_pfn_to_va(pfn);
        uint64_t keep = p[0], err;

        if (mmself_faults(mmself_va(pfn), true, &err))
            return test_fail(t, "old table pfn %lx: write faults (error %lx)", pfn, err);
        p[0] = MMSELF_SALT ^ pfn;
        if (p[0] != (MMSELF_SALT ^ pfn))
            return test_fail(t, "old table pfn %lx does not hold a write", pfn);
        p[0] = keep;
    }
    return test_pass(t);
}

/* Tables in use stay read-only: a direct write to our pinned L4 or to the L2 mapping the
 * image faults, and an mmu_update mapping the L4 writable is refused, entry unchanged. (Not
 * an L1: Xen emulates a kernel's write to an L1 as a validated update, Keel refuses it.) */
TEST_CASE(mmself_pinned_table_write_refused);
static int mmself_pinned_table_write_refused(struct test_ctx *t)
{
    uint64_t l4_pfn = pt_mfn_to_pfn(aspace_l4()), ma, before, after, err = 0, l2ma, l2;
    struct mmu_update req;
    long rc;

    if (!aspace_switched())
        return test_skip(t, "aspace=builder");
    if (!mmself_faults(mmself_va(l4_pfn), true, &err) || (err & PFEC_PRESENT) == 0)
        return test_fail(t, "write to the pinned L4 (pfn %lx) did not fault as present", l4_pfn);
    if (pt_entry(pt_root(), PVG_VIRT_BASE, PT_L3, &l2ma, &l2) ||
        !mmself_faults(mmself_va(pt_mfn_to_pfn(pte_mfn(l2))), true, &err))
        return test_fail(t, "write to the image's L2 (mfn %lx) did not fault", pte_mfn(l2));
    rc = pt_l1_slot(MMSELF_ALIAS, &ma);
    if (rc)
        return test_error(t, "no L1 for the alias: rc %ld", rc);
    before = pt_table(ma >> PVG_PAGE_SHIFT)[pt_index(MMSELF_ALIAS, 1)];
    req = (struct mmu_update){ ma | MMU_NORMAL_PT_UPDATE,
                               (aspace_l4() << PVG_PAGE_SHIFT) | PTE_DATA_RW };
    rc = mmu_update(&req, 1);
    after = pt_table(ma >> PVG_PAGE_SHIFT)[pt_index(MMSELF_ALIAS, 1)];
    if (rc != -XEN_EBUSY || after != before)
        return test_fail(t, "writable mapping of the pinned L4: rc %ld (want -EBUSY), entry "
                         "%lx -> %lx", rc, before, after);
    return test_pass(t);
}

/* Touching MMSELF_HEAP_PAGES fresh heap pages twice takes exactly one fault per page; the
 * data stays, each page has its own frame, and a page past the heap's end is not served. */
TEST_CASE(mmself_heap_demand);
static int mmself_heap_demand(struct test_ctx *t)
{
    volatile uint64_t *h = heap_alloc(MMSELF_HEAP_PAGES * PVG_PAGE_SIZE);
    uint64_t before = heap_faults(), free_before = mm_free_pages(), err = 0;
    uint64_t words = PVG_PAGE_SIZE / sizeof(uint64_t);

    if (!aspace_switched() || !h)
        return test_skip(t, "no heap (aspace=builder or region used up)");
    for (unsigned int round = 0; round < 2; round++)
        for (uint64_t i = 0; i < MMSELF_HEAP_PAGES; i++)
            h[i * words + round] = MMSELF_SALT | (i << 8) | round;
    if (heap_faults() - before != MMSELF_HEAP_PAGES)
        return test_fail(t, "%lu faults for %u pages touched twice", heap_faults() - before,
                         MMSELF_HEAP_PAGES);
    if (free_before - mm_free_pages() < MMSELF_HEAP_PAGES)
        return test_fail(t, "only %lu pages allocated", free_before - mm_free_pages());
    for (uint64_t i = 0; i < MMSELF_HEAP_PAGES; i++) {
        uint64_t ma, pte, ma2, pte2;

        if (h[i * words] != (MMSELF_SALT | (i << 8)) || h[i * words + 1] != h[i * words] + 1)
            return test_fail(t, "heap page %lu lost its data", i);
        if (pt_entry(pt_root(), (uint64_t)&h[i * words], 1, &ma, &pte) || !(pte & PTE_P) ||
            (i && (pt_entry(pt_root(), (uint64_t)&h[(i - 1) * words], 1, &ma2, &pte2) ||
                   pte_mfn(pte2) == pte_mfn(pte))))
            return test_fail(t, "heap page %lu: frame missing or shared", i);
    }
    if (!mmself_faults((uint64_t)&h[MMSELF_HEAP_PAGES * words], false, &err) ||
        heap_faults() - before != MMSELF_HEAP_PAGES)
        return test_fail(t, "a page past the heap's end was served");
    return test_pass(t);
}
