/* Reading EVTCHNOP_send's argument, the one guest word on the event fast path, in a single
 * unrolled walk of the guest's page tables and no copy loop: copy_from_guest's general range
 * handling and byte copy cost about 150 instructions for these 4 bytes, more than the rest of
 * a send. The rules are copy_from_guest's (hv/guest_access.c): the address must be one a guest
 * may name (canonical, outside the hypervisor's slots), and every level of the guest's
 * current page tables must be present and user-accessible, with no large page. A bad pointer
 * yields -EFAULT and never faults in the hypervisor. */
#ifndef HV_EVENT_EVTCHN_READ_H
#define HV_EVENT_EVTCHN_READ_H

#include "abi/types.h"
#include "hv/env.h"
#include "hv/mm/mm_env.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"

#define EVTCHN_READ_NEED (_PAGE_PRESENT | _PAGE_USER)

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

/* Reads the port at guest va (untrusted) of the running vCPU's address space into *port:
 * 0, or -XEN_EFAULT with nothing read. A value straddling two pages goes to copy_from_guest. */
static inline int __must_check evtchn_read_port(vaddr_t va, evtchn_port_t *port)
{
    paddr_t t = read_cr3() & PTE_ADDR_MASK;

    if (__builtin_expect((va & ~PAGE_MASK) > PAGE_SIZE - sizeof(*port), 0))
        return copy_from_guest(port, va, sizeof(*port));
    if (!va_is_canonical(va) || (va >= HV_AREA_START && va < HV_AREA_END))
        return -XEN_EFAULT;
    if ((t = evtchn_read_step(t, va, 4)) == ~0UL || (t = evtchn_read_step(t, va, 3)) == ~0UL ||
        (t = evtchn_read_step(t, va, 2)) == ~0UL || (t = evtchn_read_step(t, va, 1)) == ~0UL)
        return -XEN_EFAULT;
    *port = *(const volatile evtchn_port_t *)maddr_to_virt(t | (va & ~PAGE_MASK));
    return 0;
}

#endif
