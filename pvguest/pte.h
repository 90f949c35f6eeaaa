/* x86_64 page-table entry bits and geometry pvguest uses when it asks the hypervisor to map a
 * frame (hardware constants; the hypervisor validates every entry).
 *
 *   63  62..52   51 ........ 12  11..9  8  7   6  5  4   3   2  1  0
 *   NX  avail    machine frame   avail  G  PS  D  A  PCD PWT US RW P
 */
#ifndef PVGUEST_PTE_H
#define PVGUEST_PTE_H

#include "abi/types.h"
#include "pvguest/layout.h"

#define PTE_P  xen_mk_ulong(0x001) /* present */
#define PTE_RW xen_mk_ulong(0x002) /* writable */
#define PTE_US xen_mk_ulong(0x004) /* user (the hypervisor forces it for a ring-3 kernel) */
#define PTE_A  xen_mk_ulong(0x020) /* accessed */
#define PTE_D  xen_mk_ulong(0x040) /* dirty */
#define PTE_ADDR_MASK xen_mk_ulong(0x000ffffffffff000) /* bits 51:12, the frame's address */

/* Four levels of 512 entries; level 1 maps 4 KiB pages. */
#define PT_LEVELS      4
#define PT_L1          1   /* levels, as pt_index() and pt_entry() take them */
#define PT_L2          2
#define PT_L3          3
#define PT_L4          PT_LEVELS
#define PT_ENTRIES     512
#define PT_INDEX_BITS  9
#define PT_ENTRY_BYTES 8

/* The flags pvguest gives its own entries: data pages kernel-only, tables like the builder's. */
#define PTE_DATA_RW  (PTE_P | PTE_RW | PTE_A | PTE_D)
#define PTE_DATA_RO  (PTE_P | PTE_A)
#define PTE_TABLE    (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)

static inline uint64_t pte_mfn(uint64_t pte)
{
    return (pte & PTE_ADDR_MASK) >> PVG_PAGE_SHIFT;
}

#endif
