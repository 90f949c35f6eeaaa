/* pvguest's physical page allocator over its p2m (start_info.mfn_list, nr_pages). Pages below
 * the end of the builder's bootstrap data (image, p2m, start_info, page tables, boot stack) are
 * never handed out. Pages inside the bootstrap mapping have a VA (mm_pfn_to_va); later pages
 * are owned but unmapped until someone maps them. */
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
uint64_t mm_pfn_to_mfn(uint64_t pfn);
/* VA of a page inside the bootstrap mapping, or NULL outside it. */
void *mm_pfn_to_va(uint64_t pfn);
uint64_t mm_free_pages(void);
/* First allocatable PFN, one past the last mapped PFN, one past the last PFN. */
uint64_t mm_first_pfn(void);
uint64_t mm_mapped_end(void);
uint64_t mm_end_pfn(void);

#endif
