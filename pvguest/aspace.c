/* pvguest's own address space (see aspace.h). The builder's tree stays in use until the new
 * one is complete and pinned, so a failure before the switch leaves pvguest where it was.
 *
 *   L4[511] -> L3[510] -> L2[0..nr_l1) -> L1s: PFN p at PVG_VIRT_BASE + p * 4 KiB
 *
 * PVG_VIRT_BASE is 1 GiB aligned, so PFN p is entry p % 512 of L1 number p / 512, and one L2
 * holds every L1 of a domain of up to MM_MAX_PAGES pages. */
#include "pvguest/aspace.h"

#include "abi/errno.h"
#include "pvguest/layout.h"
#include "pvguest/mm.h"
#include "pvguest/pt.h"
#include "pvguest/pte.h"
#include "pvguest/string.h"

#define ASPACE_GIB_SHIFT (PVG_PAGE_SHIFT + 2 * PT_INDEX_BITS)
#define ASPACE_MAX_L1    (MM_MAX_PAGES / PT_ENTRIES)
#define ASPACE_P2M_INVALID (~xen_mk_ulong(0))

_Static_assert((PVG_VIRT_BASE & ((xen_mk_ulong(1) << ASPACE_GIB_SHIFT) - 1)) == 0,
               "aspace: VIRT_BASE must start an L2's range");
_Static_assert(ASPACE_MAX_L1 <= PT_ENTRIES, "aspace: every L1 fits in one L2");

struct aspace_tree {
    uint64_t l4, l3, l2;               /* PFNs */
    uint64_t l1[ASPACE_MAX_L1];
    uint64_t nr_l1;
};

static struct aspace_tree aspace_new;
static struct mmu_queue aspace_q;
static uint64_t aspace_old_l4, aspace_pt_pfn, aspace_nr_pt, aspace_old_end;
static bool aspace_done;

static uint64_t aspace_va(uint64_t pfn)
{
    return PVG_VIRT_BASE + (pfn << PVG_PAGE_SHIFT);
}

static uint64_t aspace_pte(uint64_t pfn, uint64_t flags)
{
    return (mm_pfn_to_mfn(pfn) << PVG_PAGE_SHIFT) | flags;
}

/* A zeroed frame for a new table, made read-only in the builder's mapping (queued). */
static long aspace_new_table(uint64_t *pfn)
{
    uint64_t ma, old;
    long rc = mm_alloc_page(pfn);

    if (rc)
        return rc;
    if (!mm_pfn_to_va(*pfn))
        return -XEN_ENOMEM;   /* outside the bootstrap mapping: cannot be zeroed */
    memset(mm_pfn_to_va(*pfn), 0, PVG_PAGE_SIZE);
    rc = pt_entry(aspace_old_l4, aspace_va(*pfn), 1, &ma, &old);
    if (!rc)
        mmu_queue_pte(&aspace_q, ma, aspace_pte(*pfn, PTE_DATA_RO));
    return rc;
}

static long aspace_alloc_tree(uint64_t end)
{
    long rc;

    aspace_new.nr_l1 = (end + PT_ENTRIES - 1) / PT_ENTRIES;
    rc = aspace_new_table(&aspace_new.l4);
    if (!rc)
        rc = aspace_new_table(&aspace_new.l3);
    if (!rc)
        rc = aspace_new_table(&aspace_new.l2);
    for (uint64_t i = 0; i < aspace_new.nr_l1 && !rc; i++)
        rc = aspace_new_table(&aspace_new.l1[i]);
    if (!rc)
        rc = mmu_flush(&aspace_q);
    if (!rc)
        rc = mmu_ext(MMUEXT_TLB_FLUSH_LOCAL, 0);
    return rc;
}

/* The new L1 entry of pfn: below the old mapping's end what the builder's tree maps there
 * (its frame and write permission: page tables, ours included, stay read-only; a page
 * remapped since boot, like shared_info, keeps its frame); above, the p2m's frame writable.
 * 0 leaves the entry absent. */
static uint64_t aspace_leaf(uint64_t pfn, uint64_t old_end)
{
    uint64_t ma, old;

    if (pfn >= old_end)
        return mm_pfn_to_mfn(pfn) == ASPACE_P2M_INVALID ? 0 : aspace_pte(pfn, PTE_DATA_RW);
    if (pt_entry(aspace_old_l4, aspace_va(pfn), 1, &ma, &old) || !(old & PTE_P))
        return 0;
    return (old & (PTE_ADDR_MASK | PTE_RW)) | PTE_DATA_RO | ((old & PTE_RW) ? PTE_D : 0);
}

/* Fills the pinned, empty L4: the links top-down (each validates the empty table below on
 * demand), then every L1 entry, in batches. */
static long aspace_fill(uint64_t old_end, uint64_t end)
{
    uint64_t base = PVG_VIRT_BASE;
    struct aspace_tree *t = &aspace_new;

    mmu_queue_pte(&aspace_q, mmu_entry_ma(mm_pfn_to_mfn(t->l4), pt_index(base, PT_L4)),
                  aspace_pte(t->l3, PTE_TABLE));
    mmu_queue_pte(&aspace_q, mmu_entry_ma(mm_pfn_to_mfn(t->l3), pt_index(base, PT_L3)),
                  aspace_pte(t->l2, PTE_TABLE));
    for (uint64_t i = 0; i < t->nr_l1; i++)
        mmu_queue_pte(&aspace_q, mmu_entry_ma(mm_pfn_to_mfn(t->l2), (unsigned int)i),
                      aspace_pte(t->l1[i], PTE_TABLE));
    for (uint64_t pfn = 0; pfn < end; pfn++) {
        uint64_t val = aspace_leaf(pfn, old_end);

        if (val)
            mmu_queue_pte(&aspace_q, mmu_entry_ma(mm_pfn_to_mfn(t->l1[pfn / PT_ENTRIES]),
                                                  (unsigned int)(pfn % PT_ENTRIES)), val);
    }
    return mmu_flush(&aspace_q);
}

/* After the switch: the builder's tables lost their types; map them (and its boot stack)
 * writable and give them to the allocator. */
static long aspace_reuse_builder(void)
{
    uint64_t first = aspace_pt_pfn, end = mm_first_pfn();
    long rc;

    for (uint64_t pfn = first; pfn < end; pfn++)
        mmu_queue_pte(&aspace_q, mmu_entry_ma(mm_pfn_to_mfn(aspace_new.l1[pfn / PT_ENTRIES]),
                                              (unsigned int)(pfn % PT_ENTRIES)),
                      aspace_pte(pfn, PTE_DATA_RW));
    rc = mmu_flush(&aspace_q);
    return rc ? rc : mm_release_boot(first);
}

void aspace_keep_builder(const struct start_info *si)
{
    aspace_pt_pfn = (si->pt_base - PVG_VIRT_BASE) >> PVG_PAGE_SHIFT;
    aspace_nr_pt = si->nr_pt_frames;
    aspace_old_l4 = mm_pfn_to_mfn(aspace_pt_pfn);
    pt_set_root(aspace_old_l4);
}

long aspace_switch(const struct start_info *si)
{
    uint64_t old_end = mm_mapped_end(), end = mm_end_pfn(), l4_mfn;
    long rc;

    aspace_keep_builder(si);
    aspace_old_end = old_end;
    rc = aspace_alloc_tree(end);
    l4_mfn = mm_pfn_to_mfn(aspace_new.l4);
    if (!rc)
        rc = mmu_ext(MMUEXT_PIN_L4_TABLE, l4_mfn);
    if (!rc)
        rc = aspace_fill(old_end, end);
    if (!rc)
        rc = mmu_ext(MMUEXT_NEW_BASEPTR, l4_mfn);
    if (rc)
        return rc;
    pt_set_root(l4_mfn);
    mm_set_mapped_end(end);
    rc = mmu_ext(MMUEXT_UNPIN_TABLE, aspace_old_l4);
    if (!rc)
        rc = aspace_reuse_builder();
    aspace_done = rc == 0;
    return rc;
}

bool aspace_switched(void)
{
    return aspace_done;
}

uint64_t aspace_builder_l4(void)
{
    return aspace_old_l4;
}

uint64_t aspace_builder_pt_pfn(void)
{
    return aspace_pt_pfn;
}

uint64_t aspace_builder_pt_frames(void)
{
    return aspace_nr_pt;
}

uint64_t aspace_builder_mapped_end(void)
{
    return aspace_old_end;
}

uint64_t aspace_l4(void)
{
    return mm_pfn_to_mfn(aspace_new.l4);
}
