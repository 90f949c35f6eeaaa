/* pvguest's demand-faulted heap: heap_alloc() hands out addresses in a reserved region that
 * nothing maps yet; the first touch of each page faults, and the #PF handler allocates a
 * zeroed frame and maps it there with update_va_mapping. */
#ifndef PVGUEST_HEAP_H
#define PVGUEST_HEAP_H

#include <stddef.h>
#include <stdint.h>

#include "abi/types.h"

/* The heap's region: L4 slot 384, far from the image (slot 511) and the hypervisor's 256-271. */
#define HEAP_BASE      xen_mk_ulong(0xffffc00000000000)
#define HEAP_MAX_BYTES (xen_mk_ulong(1) << 30)

/* Installs the #PF handler; 0 or -XEN_EINVAL before aspace_switch() (no direct map). */
long heap_init(void);
/* n bytes (16-byte aligned, page aligned from a page up), not yet backed by memory; NULL
 * when the region is used up. */
void *heap_alloc(size_t n);
/* Page faults the heap has served (each mapped one page). */
uint64_t heap_faults(void);

#endif
