/* Building the direct map. Page-table frames come from the frame allocator and are written
 * through the boot map, so they must lie below 4 GiB: the allocator hands out low frames
 * first, and a frame above is a broken invariant. */
#include "hv/mm/directmap.h"
#include "hv/mm/frame_alloc.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"

#define DM_TABLE_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define DM_LEAF_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_PSE)
#define L4_SLOT_IDENTITY 0

static uint64_t nx_bit;

uint64_t *hv_l4(void)
{
    return maddr_to_virt(read_cr3() & PTE_ADDR_MASK);
}

static uint64_t *table_alloc(mfn_t *out)
{
    mfn_t m = frame_alloc();

    if (!mfn_valid(m))
        return NULL;
    if (mfn_to_paddr(m) >= EARLY_DIRECTMAP_SIZE)
        panic("directmap: page-table frame %lx above the boot map", mfn_x(m));
    memset(maddr_to_virt(mfn_to_paddr(m)), 0, PAGE_SIZE);
    *out = m;
    return maddr_to_virt(mfn_to_paddr(m));
}

/* Maps one GiB-aligned slice [base, base + 1 GiB) with 2 MiB pages into a fresh L2. */
static int map_gib(uint64_t *l3, paddr_t base)
{
    mfn_t m;
    uint64_t *l2 = table_alloc(&m);

    if (!l2)
        return -XEN_ENOMEM;
    for (unsigned i = 0; i < PT_ENTRIES; i++)
        l2[i] = (base + i * L2_PAGE_SIZE) | DM_LEAF_FLAGS | nx_bit;
    l3[pt_index(DIRECTMAP_VIRT_START + base, 3)] = pte_make(m, DM_TABLE_FLAGS);
    return 0;
}

int directmap_init(paddr_t max_paddr)
{
    paddr_t top = max_paddr > EARLY_DIRECTMAP_SIZE ? max_paddr : EARLY_DIRECTMAP_SIZE;
    uint64_t *l4 = hv_l4();
    unsigned slot = pt_index(DIRECTMAP_VIRT_START, 4);
    uint64_t *l3 = NULL;
    mfn_t l3m = INVALID_MFN;

    nx_bit = cpu_has.nx ? _PAGE_NX : 0;
    for (paddr_t base = 0; base < top; base += L3_PAGE_SIZE) {
        unsigned s = pt_index(DIRECTMAP_VIRT_START + base, 4);
        if (s != slot || !l3) {
            if (l3)
                l4[slot] = pte_make(l3m, DM_TABLE_FLAGS);
            slot = s;
            if (!(l3 = table_alloc(&l3m)))
                return -XEN_ENOMEM;
        }
        if (map_gib(l3, base))
            return -XEN_ENOMEM;
    }
    l4[slot] = pte_make(l3m, DM_TABLE_FLAGS);
    flush_tlb_local();
    return 0;
}

void directmap_drop_identity(void)
{
    hv_l4()[L4_SLOT_IDENTITY] = 0;
    flush_tlb_local();
}
