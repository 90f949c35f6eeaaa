/* pvguest's physical page allocator over its p2m (start_info.mfn_list, nr_pages). Pages below
 * the end of the builder's bootstrap data (image, p2m, start_info, page tables, boot stack) are
 * never handed out, until aspace_switch() gives back the builder's page tables and stack.
 * Pages below mm_mapped_end() have a VA (mm_pfn_to_va): the bootstrap mapping at first, every
 * page once aspace_switch() has built the direct map. */
#ifndef PVGUEST_MM_H
#define PVGUEST_MM_H

#include <stdint.h>

#include "abi/start_info.h"

/* Pages the allocator can track; a larger domain uses only the first MM_MAX_PAGES. */
#define MM_MAX_PAGES (1UL << 18)

long mm_init(const struct start_info *si);
/* Allocates one page: 0 and *pfn, or -XEN_ENOMEM. */
long mm_alloc_page(uint64_t *pfn);
/* Frees a page from mm_alloc_page: 0, or -XEN_EINVAL if it was not allocated. */
long mm_free_page(uint64_t pfn);
/* Hands the bootstrap pages [first, mm_first_pfn()) to the allocator (they must be unused
 * and mapped writable by then); 0 or -XEN_EINVAL if first is above mm_first_pfn(). */
long mm_release_boot(uint64_t first);
/* Records that PFNs below end are now mapped at PVG_VIRT_BASE + pfn * 4 KiB. */
void mm_set_mapped_end(uint64_t end);
uint64_t mm_pfn_to_mfn(uint64_t pfn);
/* VA of a page inside the bootstrap mapping, or NULL outside it. */
void *mm_pfn_to_va(uint64_t pfn);
uint64_t mm_free_pages(void);
/* First allocatable PFN, one past the last mapped PFN, one past the last PFN. */
uint64_t mm_first_pfn(void);
uint64_t mm_mapped_end(void);
uint64_t mm_end_pfn(void);

#endif
