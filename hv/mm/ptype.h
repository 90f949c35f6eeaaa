/* The page-type state machine: taking and dropping type references, pinning. A frame's type
 * changes only when its type count is zero; taking a page-table type validates the frame
 * (pt_validate), losing it invalidates it (the entries' references are dropped). */
#ifndef HV_MM_PTYPE_H
#define HV_MM_PTYPE_H

#include "hv/mm/frame.h"
#include "hv/mm/mm_env.h"

static inline bool ptype_is_pagetable(enum frame_type t)
{
    return t >= FRAME_TYPE_L1 && t <= FRAME_TYPE_L4;
}

/* Takes one general and one type-t reference on m for v's domain, which must own m. When
 * the type count was zero the type becomes t; for a page-table type the frame is then
 * validated, recursively taking references for every entry (depth at most four levels).
 * Errors, with nothing taken: -EPERM (m outside the table or not v's; a shared frame as a
 * page table), -EBUSY (m holds another type, or is being validated), -EINVAL (a count would
 * overflow), or the error of the first entry that fails validation. Frames held writable
 * until now are flushed from the TLB before they are validated (XSA-401). */
int ptype_get(mfn_t m, enum frame_type t, const struct mm_vcpu *v) __must_check;

/* Drops one type and one general reference. The last type reference of a page table
 * invalidates it (dropping its entries' references, recursively) and schedules a TLB flush;
 * the last writable one marks the frame WR_STALE. */
void ptype_put(mfn_t m);

/* ptype_get/ptype_put for the commonest case, inline: a frame that already holds type t (a
 * validated one, for a page-table type) with other references, so no type changes, nothing
 * is validated or invalidated and no flush is due. Anything else takes the full path; the
 * contract is ptype_get's and ptype_put's. */
static inline __must_check int ptype_get_fast(mfn_t m, enum frame_type t,
                                             const struct mm_vcpu *v)
{
    struct frame_info *fi = frame_entry(m);

    if (fi && fi->owner == v->domid && fi->type == t && fi->type_count != 0 &&
        fi->type_count != FRAME_TYPE_COUNT_MAX && fi->count != FRAME_COUNT_MAX &&
        (t == FRAME_TYPE_WRITABLE || (fi->flags & FRAME_F_VALIDATED))) {
        fi->type_count++;
        fi->count++;
        return 0;
    }
    return ptype_get(m, t, v);
}

static inline void ptype_put_fast(mfn_t m)
{
    struct frame_info *fi = frame_entry(m);

    if (fi && fi->type_count > 1 && fi->count > 1) {
        fi->type_count--;
        fi->count--;
        return;
    }
    ptype_put(m);
}

/* Pins m as page-table type t: one type reference held until ptype_unpin. -EPERM: not v's
 * frame; -EBUSY: already pinned; -EINVAL: t is not a page-table type; ptype_get's errors. */
int ptype_pin(mfn_t m, enum frame_type t, const struct mm_vcpu *v) __must_check;

/* Drops d's pin on m. -EPERM: m is not d's; -EINVAL: m is not pinned. */
int ptype_unpin(mfn_t m, domid_t d) __must_check;

/* Domain teardown: drops every pin of d's frames. */
void ptype_unpin_all(domid_t d);

/* A counter that moves whenever a guest translation path may have changed: a frame lost a
 * page-table type, or an L2-L4 entry changed (mmu_op.c reports it: ptype_note_upper_change).
 * A translation the hypervisor caches (hv/guest_access.c) is reused only while it stays the
 * same and the L1 entry it went through still holds the same value. */
extern uint64_t ptype_paths_gen;

static inline void ptype_note_upper_change(void)
{
    ptype_paths_gen++;
}

/* Performs the TLB flush that type losses since the last call require, if any. Every
 * hypercall that can drop type references calls it before touching guest memory again. */
void ptype_flush_if_due(void);

#endif
