/* The M2P table: pages from the frame allocator, mapped at M2P_VIRT_START by 4 KiB L1
 * entries (present, user, not writable). Which M2P page holds frame m is kept in a
 * hypervisor-only index so writes never go through the guest-visible mapping. */
#include "hv/mm/m2p.h"
#include "hv/mm/directmap.h"
#include "hv/mm/frame_alloc.h"
#include "hv/mm/mm_env.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"

#define M2P_PER_PAGE (PAGE_SIZE / sizeof(uint64_t))
#define M2P_TABLE_FLAGS (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define M2P_LEAF_FLAGS (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PT_LEVELS 4

static mfn_t *m2p_pages;      /* M2P page for each M2P_PER_PAGE machine frames */
static uint64_t m2p_nr_frames;

static mfn_t zeroed_frame(void)
{
    mfn_t m = frame_alloc();

    if (mfn_valid(m))
        memset(maddr_to_virt(mfn_to_paddr(m)), 0, PAGE_SIZE);
    return m;
}

/* Returns the L1 entry slot for va under the hypervisor's L4, creating tables. */
static pte_t *m2p_slot(vaddr_t va)
{
    pte_t *t = hv_l4();

    for (unsigned level = PT_LEVELS; level > 1; level--) {
        pte_t *e = &t[pt_index(va, level)];
        if (!pte_present(*e)) {
            mfn_t m = zeroed_frame();
            if (!mfn_valid(m))
                return NULL;
            *e = pte_make(m, M2P_TABLE_FLAGS);
        }
        t = maddr_to_virt(*e & PTE_ADDR_MASK);
    }
    return &t[pt_index(va, 1)];
}

int m2p_init(uint64_t nr_frames)
{
    uint64_t pages = (nr_frames + M2P_PER_PAGE - 1) / M2P_PER_PAGE;
    uint64_t idx_frames = (pages * sizeof(mfn_t) + PAGE_SIZE - 1) / PAGE_SIZE;
    mfn_t idx = frame_alloc_contig(idx_frames, 1);

    if (!mfn_valid(idx) || pages * PAGE_SIZE > M2P_VIRT_END - M2P_VIRT_START)
        return -XEN_ENOMEM;
    m2p_pages = maddr_to_virt(mfn_to_paddr(idx));
    for (uint64_t i = 0; i < pages; i++) {
        mfn_t m = frame_alloc();
        pte_t *slot = m2p_slot(M2P_VIRT_START + i * PAGE_SIZE);
        if (!mfn_valid(m) || !slot)
            return -XEN_ENOMEM;
        memset(maddr_to_virt(mfn_to_paddr(m)), 0xff, PAGE_SIZE);
        m2p_pages[i] = m;
        *slot = pte_make(m, M2P_LEAF_FLAGS);
    }
    m2p_nr_frames = nr_frames;
    return 0;
}

void m2p_set(mfn_t m, gfn_t g)
{
    uint64_t *page;

    if (mfn_x(m) >= m2p_nr_frames)
        return;
    page = maddr_to_virt(mfn_to_paddr(m2p_pages[mfn_x(m) / M2P_PER_PAGE]));
    page[mfn_x(m) % M2P_PER_PAGE] = gfn_x(g);
}

uint64_t m2p_get(mfn_t m)
{
    const uint64_t *page;

    if (mfn_x(m) >= m2p_nr_frames)
        return M2P_INVALID;
    page = maddr_to_virt(mfn_to_paddr(m2p_pages[mfn_x(m) / M2P_PER_PAGE]));
    return page[mfn_x(m) % M2P_PER_PAGE];
}
