/* pvguest's address-space constants, shared by C, assembly and the link script (keep
 * VIRT_BASE equal to the one in pvguest.ld). PFN n of the bootstrap region is at
 * PVG_VIRT_BASE + n * PVG_PAGE_SIZE, because the image is linked with PADDR_OFFSET 0. */
#ifndef PVGUEST_LAYOUT_H
#define PVGUEST_LAYOUT_H

#include "abi/types.h"

/*
 *  0xffffffff80000000  VIRT_BASE: PFN 0, .text.entry, hypercall page (PFN 1), .text, .rodata,
 *                      .note.Xen, symbol table, .data, .bss (boot stack inside)
 *  pvg_image_end       then what the domain builder places: p2m list, start_info, (xenstore,
 *                      console pages on Keel/domU), page tables (read-only), builder's stack
 *  round up to 4 MiB   end of the bootstrap mapping (at least 512 KiB of padding)
 */
#define PVG_VIRT_BASE     xen_mk_ulong(0xffffffff80000000)
#define PVG_PAGE_SHIFT    12
#define PVG_PAGE_SIZE     (xen_mk_ulong(1) << PVG_PAGE_SHIFT)
#define PVG_STACK_SIZE    (4 * PVG_PAGE_SIZE)

/* Xen's rule for the end of the bootstrap mapping (dom0_build.c, xg_dom_x86.c): the region
 * ends on a 4 MiB boundary with at least 512 KiB free after the boot stack page. */
#define PVG_BOOTSTRAP_ALIGN   (xen_mk_ulong(4) << 20)
#define PVG_BOOTSTRAP_PADDING (xen_mk_ulong(512) << 10)

#endif
