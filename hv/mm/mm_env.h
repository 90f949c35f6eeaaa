/* The seam between the PV MMU (hv/mm/frame, ptype, pt_check, mmu_op, audit) and the rest of
 * the hypervisor: everything the MMU needs from outside, and nothing more. The hypervisor
 * implements it; host tests implement it over fake frame memory (tests/unit/mm_env_fake.c). */
#ifndef HV_MM_MM_ENV_H
#define HV_MM_MM_ENV_H

#include "abi/types.h"
#include "hv/env.h"

/* The MMU view of one vCPU. Owned by the vCPU code; mmu_op.c changes the base pointers.
 * guest_table and guest_table_user are INVALID_MFN or an L4 on which the vCPU holds one
 * general and one type reference. */
struct mm_vcpu {
    domid_t domid;          /* the domain the vCPU belongs to */
    bool privileged;        /* may use cache attributes and map I/O frames */
    mfn_t guest_table;      /* kernel-mode L4 (what CR3 holds in guest kernel mode) */
    mfn_t guest_table_user; /* user-mode L4, INVALID_MFN if the guest never set one */
};

/* The vCPU on whose behalf the current hypercall runs. */
struct mm_vcpu *mm_current(void);

/* Whether d names a domain that exists (running, or ended but not yet gone), or DOMID_IO or
 * DOMID_XEN: what a foreigndom argument may name. */
bool mm_domain_exists(domid_t d);

/* A hypervisor pointer to the contents of frame m (the direct map). m is below
 * frame_nr_frames(); the pointer is valid for PAGE_SIZE bytes until the hypercall returns. */
void *mm_map_frame(mfn_t m);

/* Copy from/to the current guest's virtual memory, checking the whole range first (guest
 * addresses below the hypervisor's slots, no wrap-around, mapped with the right access).
 * Return 0, or -XEN_EFAULT with nothing (from) or an unknown prefix (to) copied. */
int copy_from_guest(void *dst, vaddr_t src, size_t n) __must_check;
int copy_to_guest(vaddr_t dst, const void *src, size_t n) __must_check;

/* TLB maintenance on the current CPU for the current address space. */
void mm_flush_tlb_local(void);
void mm_invlpg(vaddr_t va);

/* Loads m (a validated L4 with the hypervisor slots in place) into CR3. */
void mm_write_cr3(mfn_t m);

/* Stores gfn as the machine-to-physical entry of m (the read-only M2P guests read). */
void m2p_set(mfn_t m, gfn_t gfn);

/* The hypervisor's L4: PT_ENTRIES entries, of which HV_SLOT_FIRST..HV_SLOT_LAST are copied
 * into every guest L4 when it is validated. */
const uint64_t *mm_hv_l4_template(void);

#endif
