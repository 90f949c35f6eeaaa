/* Walking and editing pvguest's own page tables (see pt.h). Reads go through the direct map,
 * writes through batched mmu_update; the hypervisor validates each one. */
#include "pvguest/pt.h"

#include "abi/arch_x86.h"
#include "abi/errno.h"
#include "pvguest/layout.h"
#include "pvguest/mm.h"
#include "pvguest/pte.h"
#include "pvguest/string.h"

#define PT_INDEX_MASK (PT_ENTRIES - 1)

static const volatile uint64_t *const pt_m2p = (const volatile uint64_t *)MACH2PHYS_VIRT_START;
static uint64_t pt_root_mfn;

uint64_t pt_root(void)
{
    return pt_root_mfn;
}

void pt_set_root(uint64_t l4_mfn)
{
    pt_root_mfn = l4_mfn;
}

unsigned int pt_index(uint64_t va, unsigned int level)
{
    unsigned int shift = PVG_PAGE_SHIFT + (level - 1) * PT_INDEX_BITS;

    return (unsigned int)(va >> shift) & PT_INDEX_MASK;
}

uint64_t pt_mfn_to_pfn(uint64_t mfn)
{
    return pt_m2p[mfn];
}

const volatile uint64_t *pt_table(uint64_t mfn)
{
    uint64_t pfn = pt_mfn_to_pfn(mfn);

    if (pfn >= mm_end_pfn() || mm_pfn_to_mfn(pfn) != mfn)
        return 0;
    return mm_pfn_to_va(pfn);
}

long pt_entry(uint64_t root, uint64_t va, unsigned int level, uint64_t *ma, uint64_t *val)
{
    uint64_t mfn = root;

    for (unsigned int l = PT_LEVELS; ; l--) {
        const volatile uint64_t *t = pt_table(mfn);
        unsigned int i = pt_index(va, l);

        if (!t)
            return -XEN_EFAULT;
        if (l == level) {
            *ma = mmu_entry_ma(mfn, i);
            *val = t[i];
            return 0;
        }
        if (!(t[i] & PTE_P))
            return -XEN_ENOENT;
        mfn = pte_mfn(t[i]);
    }
}

long pt_direct_set_rw(uint64_t pfn, bool writable)
{
    uint64_t va = PVG_VIRT_BASE + (pfn << PVG_PAGE_SHIFT), ma, old;
    uint64_t flags = writable ? PTE_DATA_RW : PTE_DATA_RO;
    long rc = pt_entry(pt_root_mfn, va, 1, &ma, &old);
    struct mmu_update req = { ma | MMU_NORMAL_PT_UPDATE,
                              (mm_pfn_to_mfn(pfn) << PVG_PAGE_SHIFT) | flags };

    if (rc)
        return rc;
    rc = mmu_update(&req, 1);
    if (!rc && !writable)
        rc = mmu_ext(MMUEXT_INVLPG_LOCAL, va);
    return rc;
}

/* Links a fresh zeroed table at the entry parent_ma: one batch turns the frame's direct
 * mapping read-only and then installs it (the hypervisor validates it as the level below). */
static long pt_new_table(uint64_t parent_ma)
{
    uint64_t pfn, ma, old, va;
    struct mmu_update req[2];
    long rc = mm_alloc_page(&pfn);

    if (rc)
        return rc;
    va = PVG_VIRT_BASE + (pfn << PVG_PAGE_SHIFT);
    memset(mm_pfn_to_va(pfn), 0, PVG_PAGE_SIZE);
    rc = pt_entry(pt_root_mfn, va, 1, &ma, &old);
    if (rc)
        return rc;
    req[0] = (struct mmu_update){ ma | MMU_NORMAL_PT_UPDATE,
                                  (mm_pfn_to_mfn(pfn) << PVG_PAGE_SHIFT) | PTE_DATA_RO };
    req[1] = (struct mmu_update){ parent_ma | MMU_NORMAL_PT_UPDATE,
                                  (mm_pfn_to_mfn(pfn) << PVG_PAGE_SHIFT) | PTE_TABLE };
    rc = mmu_update(req, 2);
    if (!rc)
        rc = mmu_ext(MMUEXT_INVLPG_LOCAL, va);
    return rc;
}

long pt_l1_slot(uint64_t va, uint64_t *ma)
{
    uint64_t val;

    for (unsigned int level = PT_LEVELS; level > 1; level--) {
        uint64_t pma;
        long rc = pt_entry(pt_root_mfn, va, level, &pma, &val);

        if (!rc && !(val & PTE_P))
            rc = pt_new_table(pma);
        if (rc)
            return rc;
    }
    return pt_entry(pt_root_mfn, va, 1, ma, &val);
}

/* Queues "entry for va := val"; notes whether a present entry is being replaced. */
static long pt_queue_va(struct mmu_queue *q, uint64_t va, uint64_t val, bool *replaced)
{
    uint64_t ma, old;
    long rc = pt_entry(pt_root_mfn, va, 1, &ma, &old);

    if (rc == -XEN_ENOENT && !(val & PTE_P))
        return 0;   /* no table, nothing mapped: already absent */
    if (rc == -XEN_ENOENT)
        rc = pt_l1_slot(va, &ma);
    if (rc)
        return rc;
    *replaced |= (old & PTE_P) != 0;
    mmu_queue_pte(q, ma, val);
    return 0;
}

static long pt_set_range(uint64_t va, uint64_t first_pfn, uint64_t n, uint64_t flags)
{
    static struct mmu_queue q;
    bool replaced = false;
    long rc = 0;

    q.rc = 0;
    q.n = 0;
    for (uint64_t i = 0; i < n && !rc; i++) {
        uint64_t val = flags ? (mm_pfn_to_mfn(first_pfn + i) << PVG_PAGE_SHIFT) | flags : 0;

        rc = pt_queue_va(&q, va + (i << PVG_PAGE_SHIFT), val, &replaced);
    }
    if (!rc)
        rc = mmu_flush(&q);
    if (!rc && replaced)
        rc = mmu_ext(MMUEXT_TLB_FLUSH_LOCAL, 0);
    return rc;
}

long pt_map_range(uint64_t va, uint64_t first_pfn, uint64_t n, uint64_t flags)
{
    if ((va | first_pfn << PVG_PAGE_SHIFT) & (PVG_PAGE_SIZE - 1) || !(flags & PTE_P) ||
        first_pfn + n > mm_end_pfn() || first_pfn + n < first_pfn)
        return -XEN_EINVAL;
    return pt_set_range(va, first_pfn, n, flags);
}

long pt_unmap_range(uint64_t va, uint64_t n)
{
    if (va & (PVG_PAGE_SIZE - 1))
        return -XEN_EINVAL;
    return pt_set_range(va, 0, n, 0);
}
