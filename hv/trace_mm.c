/* Trace records of MMU batch entries: the request as the guest gave it, its result, and the
 * page-table level of the frame it wrote to when the frame table knows one. Invariant: reads
 * hypervisor state only, never guest memory (the caller copied the request once). */
#include "hv/trace_mm.h"
#include "hv/mm/frame.h"
#include "hv/mm/ptype.h"

/* The level (1-4) of the validated page table ptr points into, else 0 (machphys updates,
 * frames that are not page tables, frames outside the table). Read after the request ran:
 * a request never changes the type of the table it writes to. */
static unsigned int trace_mm_level(uint64_t ptr)
{
    const struct frame_info *fi;

    if ((ptr & MMU_UPDATE_CMD_MASK) == MMU_MACHPHYS_UPDATE)
        return 0;
    fi = frame_lookup(paddr_to_mfn(ptr & ~(uint64_t)MMU_UPDATE_CMD_MASK));
    if (!fi || !ptype_is_pagetable((enum frame_type)fi->type) ||
        !(fi->flags & FRAME_F_VALIDATED))
        return 0;
    return fi->type;
}

void trace_mm_update_rec(uint32_t index, const struct mmu_update *req, int rc)
{
    trace_mmu_update(trace_current_dom(), trace_current_vcpu(), index, req->ptr, req->val,
                     trace_mm_level(req->ptr), rc);
}

void trace_mm_ext_rec(uint32_t index, const struct mmuext_op *op, int rc)
{
    trace_mmuext_op(trace_current_dom(), trace_current_vcpu(), index, op->cmd, op->arg1.mfn,
                    op->arg2.src_mfn, rc);
}
