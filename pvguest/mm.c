/* pvguest's page allocator: one bit per PFN (set = in use), next-fit from a moving hint.
 * Invariant: every PFN below mm_first is marked in use, so bootstrap data is never handed out,
 * and mm_nr_free equals the number of clear bits in [mm_first, mm_end). mm_first moves down
 * once, when aspace_switch() gives back the builder's page tables and boot stack. */
#include "pvguest/mm.h"

#include <stdbool.h>

#include "abi/errno.h"
#include "pvguest/layout.h"

#define MM_WORD_BITS (8 * sizeof(uint64_t))

static uint64_t mm_bitmap[MM_MAX_PAGES / MM_WORD_BITS];
static const xen_pfn_t *mm_p2m;
static uint64_t mm_first, mm_mapped, mm_end, mm_hint, mm_nr_free;

static bool mm_test(uint64_t pfn)
{
    return mm_bitmap[pfn / MM_WORD_BITS] & (1UL << (pfn % MM_WORD_BITS));
}

static void mm_flip(uint64_t pfn)
{
    mm_bitmap[pfn / MM_WORD_BITS] ^= 1UL << (pfn % MM_WORD_BITS);
}

static uint64_t mm_round_up(uint64_t v, uint64_t align)
{
    return (v + align - 1) & ~(align - 1);
}

/* Xen's start-of-day layout: page tables at pt_base, then one boot-stack page; the mapping
 * ends on a 4 MiB boundary at least 512 KiB further. */
long mm_init(const struct start_info *si)
{
    uint64_t stack_end = si->pt_base + (si->nr_pt_frames + 1) * PVG_PAGE_SIZE;
    uint64_t map_end = mm_round_up(stack_end, PVG_BOOTSTRAP_ALIGN);

    if (map_end - stack_end < PVG_BOOTSTRAP_PADDING)
        map_end += PVG_BOOTSTRAP_ALIGN;
    mm_p2m = (const xen_pfn_t *)si->mfn_list;
    mm_end = si->nr_pages < MM_MAX_PAGES ? si->nr_pages : MM_MAX_PAGES;
    mm_first = (stack_end - PVG_VIRT_BASE) >> PVG_PAGE_SHIFT;
    mm_mapped = (map_end - PVG_VIRT_BASE) >> PVG_PAGE_SHIFT;
    if (si->pt_base < PVG_VIRT_BASE || mm_first > mm_end)
        return -XEN_EINVAL;
    if (mm_mapped > mm_end)
        mm_mapped = mm_end;
    for (uint64_t pfn = 0; pfn < mm_first; pfn++)
        mm_flip(pfn);
    mm_hint = mm_first;
    mm_nr_free = mm_end - mm_first;
    return 0;
}

long mm_alloc_page(uint64_t *pfn)
{
    uint64_t p = mm_hint;

    if (!mm_nr_free)
        return -XEN_ENOMEM;
    while (mm_test(p))
        p = p + 1 < mm_end ? p + 1 : mm_first;
    mm_flip(p);
    mm_nr_free--;
    mm_hint = p + 1 < mm_end ? p + 1 : mm_first;
    *pfn = p;
    return 0;
}

long mm_free_page(uint64_t pfn)
{
    if (pfn < mm_first || pfn >= mm_end || !mm_test(pfn))
        return -XEN_EINVAL;
    mm_flip(pfn);
    mm_nr_free++;
    return 0;
}

long mm_release_boot(uint64_t first)
{
    if (first > mm_first)
        return -XEN_EINVAL;
    for (uint64_t pfn = first; pfn < mm_first; pfn++)
        mm_flip(pfn);
    mm_nr_free += mm_first - first;
    mm_first = first;
    return 0;
}

void mm_set_mapped_end(uint64_t end)
{
    mm_mapped = end < mm_end ? end : mm_end;
}

uint64_t mm_pfn_to_mfn(uint64_t pfn)
{
    return mm_p2m[pfn];
}

void *mm_pfn_to_va(uint64_t pfn)
{
    return pfn < mm_mapped ? (void *)(PVG_VIRT_BASE + (pfn << PVG_PAGE_SHIFT)) : 0;
}

uint64_t mm_free_pages(void)
{
    return mm_nr_free;
}

uint64_t mm_first_pfn(void)
{
    return mm_first;
}

uint64_t mm_mapped_end(void)
{
    return mm_mapped;
}

uint64_t mm_end_pfn(void)
{
    return mm_end;
}
