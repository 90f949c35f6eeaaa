/* Access to guest virtual memory from a hypercall. Every guest pointer is untrusted: the
 * whole range is checked (canonical, no wrap, outside the hypervisor's slots), then the
 * copy goes through the guest's current page tables on the hardware MMU with the guest's
 * rights (present, and writable for writes; a refused access is a fixed-up fault, -EFAULT),
 * all or nothing. copy_from_guest / copy_to_guest are declared in hv/mm/mm_env.h. */
#ifndef HV_GUEST_ACCESS_H
#define HV_GUEST_ACCESS_H

#include "hv/env.h"
#include "hv/mm/mm_env.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/extable.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"

/* The addresses a guest may name are [0, GUEST_LOW_END) and [HV_AREA_END, 2^64): the
 * canonical ones minus the hypervisor's slots. */
#define GUEST_LOW_END (1UL << (CANONICAL_BITS - 1))

/* Whether [va, va + n) is a range a guest may name at all (canonical, no wrap-around, no
 * byte inside the hypervisor's slots 256-271). */
bool guest_range_ok(vaddr_t va, size_t n);

/* Number of pages [va, va + n) touches (0 for n == 0), for any range guest_range_ok accepts,
 * including one that ends at the top of the address space. */
size_t guest_range_pages(vaddr_t va, size_t n);

/* copy_from_guest of one 32-bit value the caller knows lies inside one page, inline for a hot
 * path (the event send): the same rules and mechanism (range test, INVLPG, one load listed
 * in the fixup table). Both ends of the guest ranges are page-aligned, so testing va is
 * testing the whole value. 0 or -XEN_EFAULT. */
static inline int guest_read_u32_in_page(vaddr_t va, uint32_t *out)
{
    uint32_t v;

    if (va >= GUEST_LOW_END && va < HV_AREA_END)
        return -XEN_EFAULT;
    invlpg(va);
    __asm__ goto("1: movl (%1), %0\n\t"
                 EXTABLE_ENTRY("1b", "%l[fault]")
                 : "=r"(v) : "r"(va) : "memory" : fault);
    *out = v;
    return 0;
fault:
    return -XEN_EFAULT;
}

#endif
