/* pvguest's own address space. At boot pvguest leaves the builder's page tables for a tree
 * it builds itself: every page of the domain mapped at PVG_VIRT_BASE + pfn * 4 KiB (the
 * "direct map"), writable except page-table frames, which stay read-only. */
#ifndef PVGUEST_ASPACE_H
#define PVGUEST_ASPACE_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/start_info.h"

/* Builds the tree in fresh zeroed frames with batched MMU_NORMAL_PT_UPDATE requests, pins its
 * L4 (MMUEXT_PIN_L4_TABLE), switches to it (MMUEXT_NEW_BASEPTR), unpins the builder's L4 and
 * gives the builder's page-table frames and boot stack, now writable, to the allocator.
 * Call after mm_init(); 0 or the first failing hypercall's error (-XEN_ENOMEM if the tables
 * do not fit in the bootstrap mapping's free pages). */
long aspace_switch(const struct start_info *si);

/* Stays on the builder's tables: only records them, so pt.c walks the builder's tree. */
void aspace_keep_builder(const struct start_info *si);

/* Whether aspace_switch() ran; the builder's L4 (machine frame), its first page-table PFN
 * and count, the end of its mapping (PFN), and our L4 (machine frame), for tests. */
bool aspace_switched(void);
uint64_t aspace_builder_l4(void);
uint64_t aspace_builder_pt_pfn(void);
uint64_t aspace_builder_pt_frames(void);
uint64_t aspace_builder_mapped_end(void);
uint64_t aspace_l4(void);

#endif
