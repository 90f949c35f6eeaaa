/* pvguest's view of its own page tables. Every table frame pvguest can see is mapped (read-only)
 * at PVG_VIRT_BASE + pfn * 4 KiB: the builder's tables inside the bootstrap mapping, and, after
 * aspace_switch(), every frame of the domain in the direct map. So a walk reads each table
 * through that mapping (frame -> pfn by the read-only M2P) and changes it only through
 * mmu_update. Tables created here are never freed (a range unmapped keeps its tables). */
#ifndef PVGUEST_PT_H
#define PVGUEST_PT_H

#include <stdbool.h>
#include <stdint.h>

#include "pvguest/mmu.h"

/* The L4 (machine frame) walks start from: the builder's until aspace_switch() sets ours. */
uint64_t pt_root(void);
void pt_set_root(uint64_t l4_mfn);

/* Index of va in a table of `level` (1..4). */
unsigned int pt_index(uint64_t va, unsigned int level);
/* PFN of a machine frame of this domain by the M2P. */
uint64_t pt_mfn_to_pfn(uint64_t mfn);
/* The table in frame mfn, read through the direct/bootstrap mapping; NULL if unmapped. */
const volatile uint64_t *pt_table(uint64_t mfn);

/* Finds the level-`level` entry for va under root: its machine address and value. -ENOENT if
 * a table above it is missing; -EFAULT if a table is not readable (outside every mapping). */
long pt_entry(uint64_t root, uint64_t va, unsigned int level, uint64_t *ma, uint64_t *val);

/* Machine address of va's L1 entry under pt_root(), creating the missing L3/L2/L1 tables (a
 * zeroed frame, made read-only in the direct map, then linked by mmu_update, which validates
 * it). 0, -XEN_ENOMEM, or the hypercall's error. */
long pt_l1_slot(uint64_t va, uint64_t *ma);

/* Maps n pages at va (page aligned) to PFNs first..first+n-1 with PTE flags `flags`, in
 * batched mmu_update calls; replaced entries are flushed from the TLB. */
long pt_map_range(uint64_t va, uint64_t first_pfn, uint64_t n, uint64_t flags);
/* Unmaps n pages at va (absent ones stay absent) and flushes the TLB. */
long pt_unmap_range(uint64_t va, uint64_t n);
/* Makes the direct mapping of pfn writable or read-only (after aspace_switch()). */
long pt_direct_set_rw(uint64_t pfn, bool writable);

#endif
