/* The hypervisor's virtual memory layout. Keel owns L4 slots 256-271 of every address space
 * (Xen's reserved range) and places its pieces where Xen does, so guests that know Xen's
 * layout (the read-only M2P at 0xffff800000000000) find what they expect.
 *
 *   0xffff800000000000 +------------------------------+ slot 256
 *                      | read-only M2P table (256 GiB)|  guests may read it
 *   0xffff804000000000 +------------------------------+
 *                      |  (unused)                    |
 *   0xffff82d080000000 +------------------------------+ slot 261
 *                      | hypervisor image: machine    |  1 GiB window onto machine
 *                      | 0..1 GiB; image at +2 MiB    |  0..1 GiB, 2 MiB pages
 *   0xffff82d0c0000000 +------------------------------+
 *                      |  (unused)                    |
 *   0xffff82e000000000 +------------------------------+
 *                      | frame table (128 GiB)        |
 *   0xffff830000000000 +------------------------------+ slot 262
 *                      | direct map of all machine    |  supervisor-only, NX,
 *                      | memory (5 TiB)               |  2 MiB pages
 *   0xffff880000000000 +------------------------------+ slot 272: guest kernels above
 *
 * Every mapping in these slots is supervisor-only, so guests (ring 3) cannot touch them
 * except the M2P, which is mapped user-readable.
 */
#ifndef ARCH_X86_64_MEMLAYOUT_H
#define ARCH_X86_64_MEMLAYOUT_H

#define HV_SLOT_FIRST 256
#define HV_SLOT_LAST 271
#define HV_AREA_START 0xffff800000000000UL
#define HV_AREA_END 0xffff880000000000UL

#define M2P_VIRT_START 0xffff800000000000UL
#define M2P_VIRT_END 0xffff804000000000UL

#define HV_VIRT_BASE 0xffff82d080000000UL
#define HV_LOAD_PHYS 0x200000UL
#define HV_IMAGE_WINDOW (1UL << 30)

#define FRAMETABLE_VIRT_START 0xffff82e000000000UL
#define FRAMETABLE_VIRT_END 0xffff830000000000UL

#define DIRECTMAP_VIRT_START 0xffff830000000000UL
#define DIRECTMAP_VIRT_END 0xffff880000000000UL

/* The boot page tables map this much of machine memory into the direct map. */
#define EARLY_DIRECTMAP_SIZE (4UL << 30)

#ifndef __ASSEMBLY__
#include "arch/x86_64/types.h"

static inline void *maddr_to_virt(paddr_t pa)
{
    return (void *)(DIRECTMAP_VIRT_START + pa);
}

static inline paddr_t virt_to_maddr(const void *va)
{
    vaddr_t v = (vaddr_t)va;
    if (v >= HV_VIRT_BASE && v < HV_VIRT_BASE + HV_IMAGE_WINDOW)
        return v - HV_VIRT_BASE;
    return v - DIRECTMAP_VIRT_START;
}
#endif

#endif
