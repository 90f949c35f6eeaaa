/* The direct map: every machine address below the top of RAM (and at least the first
 * 4 GiB, for MMIO and firmware tables) at DIRECTMAP_VIRT_START + address, supervisor-only,
 * non-executable, in 2 MiB pages. Replaces the boot tables' 4 GiB alias. */
#ifndef HV_MM_DIRECTMAP_H
#define HV_MM_DIRECTMAP_H

#include "hv/env.h"

/* Builds the map up to max_paddr with frames from the frame allocator and switches L4 slot
 * 262 of the running page table to it. Returns 0 or -XEN_ENOMEM. */
int directmap_init(paddr_t max_paddr) __must_check;

/* Removes the boot identity map of the low 4 GiB (L4 slot 0). */
void directmap_drop_identity(void);

/* The hypervisor's L4 (the one CR3 holds outside guests); slots 256-271 are what every
 * guest L4 receives. */
uint64_t *hv_l4(void);

#endif
