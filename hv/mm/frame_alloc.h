/* The machine frame allocator: a bitmap over all usable RAM (below and above 4 GiB). Only
 * frames inside the usable ranges handed to frame_alloc_init are ever returned; freeing a
 * frame that is not allocated is a hypervisor bug and panics. */
#ifndef HV_MM_FRAME_ALLOC_H
#define HV_MM_FRAME_ALLOC_H

#include "hv/env.h"
#include "hv/mb2.h"

/* p2v turns a machine address into a pointer the allocator may write (the direct map; a
 * fake arena in host tests). The bitmap is carved out of the usable ranges themselves, from
 * memory below bitmap_limit (what p2v can reach yet). usable must be sorted and disjoint.
 * Returns 0, -ENOMEM (no frames, no room for the bitmap, too many ranges) or -EINVAL. */
int frame_alloc_init(const struct mem_range *usable, unsigned nr, void *(*p2v)(paddr_t),
                     paddr_t bitmap_limit) __must_check;

/* One frame, or INVALID_MFN when memory is exhausted. Contents are not cleared. */
mfn_t frame_alloc(void);

/* n contiguous frames whose first is a multiple of align (a power of two, in frames), or
 * INVALID_MFN. */
mfn_t frame_alloc_contig(uint64_t n, uint64_t align);

void frame_free(mfn_t m);
void frame_free_contig(mfn_t first, uint64_t n);

uint64_t frame_alloc_free_count(void);
uint64_t frame_alloc_total_count(void);   /* frames under management (excl. the bitmap) */
bool frame_alloc_is_free(mfn_t m);

#endif
