/* The page-table hypercalls of the PV ABI: mmu_update, mmuext_op and update_va_mapping, with
 * Xen's numbers, structs and semantics (abi/mmu.h; errors as abi/hcall.h lists them). Each
 * handler decodes its registers, copies every guest element once, validates it, then commits;
 * batched calls report how many elements completed. */
#ifndef HV_MM_MMU_OP_H
#define HV_MM_MMU_OP_H

#include "hv/mm/mm_env.h"

/* Per-call limits: a longer batch is refused with -EINVAL before anything is done. The work
 * of one element is bounded by the domain's own page tables (docs/mm.md), so these bound
 * the work of a call. */
#define MMU_UPDATE_BATCH_MAX 2048
#define MMUEXT_OP_BATCH_MAX  2048

/* Handlers take the guest's argument registers (rdi, rsi, rdx, r10) and return rax. All
 * arguments are untrusted; guest memory is reached only through copy_{from,to}_guest. They
 * act for mm_current() and must not run concurrently with another MMU call of the domain
 * (single CPU for now).
 *
 * hc_mmu_update(reqs, count, pdone, foreigndom): applies struct mmu_update reqs[0..count).
 * hc_mmuext_op(ops, count, pdone, foreigndom): applies struct mmuext_op ops[0..count).
 *   Both stop at the first failing element and return its error; *pdone (if pdone is not 0)
 *   receives the number done. A pdone that cannot be written is refused (-EFAULT) before
 *   any element runs.
 * hc_update_va_mapping(va, val, flags, unused): sets the L1 entry that maps va in the
 *   current kernel L4 to val, then flushes as flags (UVMF_*) ask. */
long hc_mmu_update(uint64_t reqs, uint64_t count, uint64_t pdone, uint64_t foreigndom);
long hc_mmuext_op(uint64_t ops, uint64_t count, uint64_t pdone, uint64_t foreigndom);
long hc_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags, uint64_t unused);

/* Installs the L4 m as v's kernel (user: user-mode) base pointer, taking an L4 type
 * reference (validating m if needed) and dropping the old one; loads CR3 when v is the
 * current vCPU and the kernel table changes. For user, mfn 0 removes the user table.
 * Used by MMUEXT_NEW_(USER_)BASEPTR and by the domain builder. -EINVAL: m is not v's or
 * fails validation as an L4. */
int mmu_set_baseptr(struct mm_vcpu *v, mfn_t m, bool user) __must_check;

/* vCPU teardown: drops the base pointers' references. */
void mmu_vcpu_release(struct mm_vcpu *v);

#endif
