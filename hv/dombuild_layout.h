/* The start-of-day virtual layout of a PV domain (Xen's "start-of-day memory layout"):
 *
 *   virt_base  +-------------------------+  pfn 0
 *              | kernel (ELF segments)   |
 *              | initrd (if mapped)      |
 *              | p2m list (8 B per pfn)  |
 *              | start_info              |
 *              | xenstore page           |
 *              | console page            |
 *              | page tables: L4,L3,L2,L1|  mapped read-only
 *              | boot stack (1 page)     |  rsp = its top
 *              | padding (>= 512 KiB)    |
 *   v_end      +-------------------------+  4 MiB aligned; all of it mapped
 */
#ifndef HV_DOMBUILD_LAYOUT_H
#define HV_DOMBUILD_LAYOUT_H

#include "hv/env.h"

struct dom_layout {
    uint64_t v_start, v_kend;
    uint64_t v_initrd, initrd_len;
    uint64_t v_p2m, v_si, v_store, v_cons, v_pt, v_stack, v_end;
    uint64_t nr_pt;              /* page-table frames in [v_pt, v_stack) */
    uint64_t nr_l3, nr_l2, nr_l1;
};

/* Computes the layout for a kernel spanning [v_start, v_kend) with nr_pages of memory.
 * Returns 0, or -XEN_ENOMEM when nr_pages cannot hold it. Pure arithmetic. */
int dom_layout_compute(struct dom_layout *l, uint64_t v_start, uint64_t v_kend,
                       uint64_t initrd_len, uint64_t nr_pages) __must_check;

#endif
