/* Page-table hypercalls of the PV ABI: mmu_update requests, mmuext_op commands and the
 * update_va_mapping flags, with Xen 4.17's numbers and layouts (<xen/xen.h>). Every request
 * is validated by the hypervisor before anything changes (hcall.h lists the errors). */
#ifndef ABI_MMU_H
#define ABI_MMU_H

#include "abi/types.h"

/*
 * mmu_update request: ptr = machine address of the target, with the command in the low bits
 * (entries are 8-byte aligned, so bits 0-2 are free; Xen's commands use 0-3).
 *
 *   63                                    3 2   0
 *  +---------------------------------------+-----+
 *  | machine address of the 8-byte entry   | cmd |
 *  +---------------------------------------+-----+
 */
#define MMU_NORMAL_PT_UPDATE       0 /* checked *ptr = val; ptr is the MA of a PTE */
#define MMU_MACHPHYS_UPDATE        1 /* M2P[ptr >> XEN_PAGE_SHIFT] = val (ptr: MA in the frame) */
#define MMU_PT_UPDATE_PRESERVE_AD  2 /* as NORMAL, keeping the entry's current A and D bits */
#define MMU_PT_UPDATE_NO_TRANSLATE 3 /* as NORMAL; val never translated (same for PV) */
#define MMU_UPDATE_CMD_MASK        7 /* Keel's name: ptr bits below the entry alignment;
                                     * like Xen, 4-7 are unknown commands (-ENOSYS) */

/* mmuext_op commands; arg1/arg2 say which field of the unions each one reads. */
#define MMUEXT_PIN_L1_TABLE       0  /* arg1.mfn: take and hold type L1 */
#define MMUEXT_PIN_L2_TABLE       1  /* arg1.mfn */
#define MMUEXT_PIN_L3_TABLE       2  /* arg1.mfn */
#define MMUEXT_PIN_L4_TABLE       3  /* arg1.mfn */
#define MMUEXT_UNPIN_TABLE        4  /* arg1.mfn: drop the pin's type reference */
#define MMUEXT_NEW_BASEPTR        5  /* arg1.mfn: new kernel L4 */
#define MMUEXT_TLB_FLUSH_LOCAL    6
#define MMUEXT_INVLPG_LOCAL       7  /* arg1.linear_addr */
#define MMUEXT_TLB_FLUSH_MULTI    8  /* arg2.vcpumask */
#define MMUEXT_INVLPG_MULTI       9  /* arg1.linear_addr, arg2.vcpumask */
#define MMUEXT_TLB_FLUSH_ALL      10
#define MMUEXT_INVLPG_ALL         11 /* arg1.linear_addr */
#define MMUEXT_FLUSH_CACHE        12
#define MMUEXT_SET_LDT            13 /* arg1.linear_addr, arg2.nr_ents */
#define MMUEXT_NEW_USER_BASEPTR   15 /* arg1.mfn: new user L4, 0 for none */
#define MMUEXT_CLEAR_PAGE         16 /* arg1.mfn */
#define MMUEXT_COPY_PAGE          17 /* arg1.mfn (dest), arg2.src_mfn */
#define MMUEXT_FLUSH_CACHE_GLOBAL 18
#define MMUEXT_MARK_SUPER         19 /* arg1.mfn */
#define MMUEXT_UNMARK_SUPER       20 /* arg1.mfn */

/* update_va_mapping flags: a flush type in bits 0-1, then the scope. UVMF_MULTI also carries
 * a VA of a vCPU bitmap in the upper bits; UVMF_LOCAL is UVMF_MULTI with no bitmap. */
#define UVMF_NONE           xen_mk_ulong(0) /* no flush */
#define UVMF_TLB_FLUSH      xen_mk_ulong(1) /* flush the whole TLB */
#define UVMF_INVLPG         xen_mk_ulong(2) /* flush the one VA */
#define UVMF_FLUSHTYPE_MASK xen_mk_ulong(3)
#define UVMF_MULTI          xen_mk_ulong(0)
#define UVMF_LOCAL          xen_mk_ulong(0)
#define UVMF_ALL            xen_mk_ulong(4) /* on every vCPU of the domain */

#ifndef __ASSEMBLY__

struct mmu_update {
    uint64_t ptr; /* machine address | MMU_* command */
    uint64_t val; /* new entry (or, for MACHPHYS_UPDATE, the guest frame number) */
};
typedef struct mmu_update mmu_update_t;
_Static_assert(sizeof(struct mmu_update) == 16, "mmu_update size");
_Static_assert(offsetof(struct mmu_update, val) == 8, "mmu_update.val");

struct mmuext_op {
    uint32_t cmd; /* MMUEXT_* */
    union {
        xen_pfn_t mfn;
        uint64_t  linear_addr;
    } arg1;
    union {
        uint32_t           nr_ents;
        xen_guest_handle_t vcpumask; /* VA of a vCPU bitmap */
        xen_pfn_t          src_mfn;
    } arg2;
};
typedef struct mmuext_op mmuext_op_t;
_Static_assert(sizeof(struct mmuext_op) == 24, "mmuext_op size");
_Static_assert(offsetof(struct mmuext_op, arg1) == 8, "mmuext_op.arg1");
_Static_assert(offsetof(struct mmuext_op, arg2) == 16, "mmuext_op.arg2");

#endif /* !__ASSEMBLY__ */

#endif
