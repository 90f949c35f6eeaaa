/* Trace records for the entries of the MMU batches (mmu_update, mmuext_op), made from inside
 * hv/mm/mmu_op.c with one call each. Invariant: with the mm class off each call costs one
 * load and one predictable branch, and returns rc unchanged either way. */
#ifndef HV_TRACE_MM_H
#define HV_TRACE_MM_H

#include "abi/mmu.h"
#include "hv/trace.h"

/* Out of line, class on only: look up what the hypervisor knows and emit the record. */
void trace_mm_update_rec(uint32_t index, const struct mmu_update *req, int rc);
void trace_mm_ext_rec(uint32_t index, const struct mmuext_op *op, int rc);

/* Request index of an mmu_update batch, as the guest gave it (req, copied once by the
 * caller), and its result rc. Returns rc, so it wraps the call that produced it. */
static inline int trace_mm_update(uint32_t index, const struct mmu_update *req, int rc)
{
    if (trace_on(KEEL_TRC_MM))
        trace_mm_update_rec(index, req, rc);
    return rc;
}

/* Operation index of an mmuext_op batch (op, copied once by the caller) and its result. */
static inline int trace_mm_ext(uint32_t index, const struct mmuext_op *op, int rc)
{
    if (trace_on(KEEL_TRC_MM))
        trace_mm_ext_rec(index, op, rc);
    return rc;
}

#endif
