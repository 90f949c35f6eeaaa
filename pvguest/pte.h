/* x86_64 page-table entry bits pvguest uses when it asks the hypervisor to map a frame
 * (hardware constants; the hypervisor validates every entry). */
#ifndef PVGUEST_PTE_H
#define PVGUEST_PTE_H

#include "abi/types.h"

#define PTE_P  xen_mk_ulong(0x001) /* present */
#define PTE_RW xen_mk_ulong(0x002) /* writable */
#define PTE_US xen_mk_ulong(0x004) /* user (the hypervisor forces it for a ring-3 kernel) */
#define PTE_A  xen_mk_ulong(0x020) /* accessed */
#define PTE_D  xen_mk_ulong(0x040) /* dirty */

#endif
