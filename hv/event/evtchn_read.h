/* Reading EVTCHNOP_send's argument, the one guest word on the event fast path, in a single
 * unrolled walk of the guest's page tables and no copy loop: copy_from_guest's general range
 * handling and byte copy cost about 150 instructions for these 4 bytes, more than the rest of
 * a send. The rules are copy_from_guest's (hv/guest_access.c): the address must be one a guest
 * may name (canonical, outside the hypervisor's slots), and every level of the guest's
 * current page tables must be present and user-accessible, with no large page. A bad pointer
 * yields -EFAULT and never faults in the hypervisor; a straddling value is left to
 * copy_from_guest. */
#ifndef HV_EVENT_EVTCHN_READ_H
#define HV_EVENT_EVTCHN_READ_H

#include "abi/types.h"
#include "hv/env.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"

#define EVTCHN_READ_NEED (_PAGE_PRESENT | _PAGE_USER)

/* The end of the canonical lower half. The upper half begins with the hypervisor's slots
 * (HV_AREA_START is its first address), so what a guest may name is below this or from
 * HV_AREA_END up: one range test covers canonical form and the hypervisor's area. */
#define EVTCHN_READ_LOW_END (1UL << (CANONICAL_BITS - 1))
_Static_assert(HV_AREA_START == (~0UL << (CANONICAL_BITS - 1)), "hypervisor slots open the upper half");

/* One level: the next table (or frame) behind entry pt_index(va, level) of table, or ~0 when
 * the entry does not give the guest read access (large pages refused above level 1). */
static inline paddr_t evtchn_read_step(paddr_t table, vaddr_t va, unsigned level)
{
    pte_t e = ((const pte_t *)maddr_to_virt(table))[pt_index(va, level)];
    pte_t refuse = level > 1 ? _PAGE_PSE : 0;

    if ((e & (EVTCHN_READ_NEED | refuse)) != EVTCHN_READ_NEED)
        return ~0UL;
    return e & PTE_ADDR_MASK;
}

/* evtchn_read_port's answer for a port that straddles two pages (the caller then uses
 * copy_from_guest); never a port number. */
#define EVTCHN_READ_STRADDLES (-1L)

/* The port at guest va (untrusted) of the running vCPU's address space, -XEN_EFAULT when the
 * guest may not read it, or EVTCHN_READ_STRADDLES. Returned by value, so the caller keeps it
 * in a register. */
static inline long evtchn_read_port(vaddr_t va)
{
    paddr_t t = read_cr3() & PTE_ADDR_MASK;

    if (__builtin_expect((va & ~PAGE_MASK) > PAGE_SIZE - sizeof(evtchn_port_t), 0))
        return EVTCHN_READ_STRADDLES;
    if (va >= EVTCHN_READ_LOW_END && va < HV_AREA_END)
        return -XEN_EFAULT;   /* non-canonical, or in the hypervisor's slots */
    if ((t = evtchn_read_step(t, va, 4)) == ~0UL || (t = evtchn_read_step(t, va, 3)) == ~0UL ||
        (t = evtchn_read_step(t, va, 2)) == ~0UL || (t = evtchn_read_step(t, va, 1)) == ~0UL)
        return -XEN_EFAULT;
    return *(const volatile evtchn_port_t *)maddr_to_virt(t | (va & ~PAGE_MASK));
}

#endif
