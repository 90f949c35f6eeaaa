/* Access to guest virtual memory from a hypercall. Every guest pointer is untrusted: the
 * whole range is checked (canonical, no wrap, outside the hypervisor's slots), then the
 * copy goes through the guest's current page tables on the hardware MMU with the guest's
 * rights (present, and writable for writes; a refused access is a fixed-up fault, -EFAULT),
 * all or nothing. copy_from_guest / copy_to_guest are declared in hv/mm/mm_env.h. */
#ifndef HV_GUEST_ACCESS_H
#define HV_GUEST_ACCESS_H

#include "hv/env.h"
#include "hv/mm/mm_env.h"

/* Whether [va, va + n) is a range a guest may name at all (canonical, no wrap-around, no
 * byte inside the hypervisor's slots 256-271). */
bool guest_range_ok(vaddr_t va, size_t n);

/* Number of pages [va, va + n) touches (0 for n == 0), for any range guest_range_ok accepts,
 * including one that ends at the top of the address space. */
size_t guest_range_pages(vaddr_t va, size_t n);

#endif
