/* The page-type state machine (Xen's type induction, without partial validation). Every
 * function here leaves the frame table as it found it when it fails.
 *
 * Recursion bound: ptype_get(L4) -> pt_validate(L4) -> ptype_get(L3) -> ... -> pt_validate(L1)
 * -> frame_get / ptype_get(WRITABLE), which never validates. An entry of level n only ever
 * takes type n-1 (pt_check.c refuses linear and recursive entries), so at most four
 * validations nest, and likewise four invalidations in ptype_put. */
#include "hv/mm/ptype.h"
#include "hv/mm/pt_check.h"

/* A frame lost a page-table type since the last ptype_flush_if_due(). */
static bool ptype_flush_due;
uint64_t ptype_paths_gen;

void ptype_flush_if_due(void)
{
    if (!ptype_flush_due)
        return;
    ptype_flush_due = false;
    mm_flush_tlb_local();
}

/* Type reference on a frame whose type count is zero: the type may change. */
static int ptype_take_new(struct frame_info *fi, mfn_t m, enum frame_type t,
                          const struct mm_vcpu *v)
{
    int rc;

    if (t != FRAME_TYPE_WRITABLE && (fi->flags & FRAME_F_SHARED))
        return -XEN_EPERM;
    if (t != FRAME_TYPE_WRITABLE && (fi->flags & FRAME_F_WR_STALE)) {
        /* A TLB may still hold a writable translation of m: flush before anyone relies
         * on the frame being read-only (XSA-241, XSA-401). */
        mm_flush_tlb_local();
        fi->flags &= (uint8_t)~FRAME_F_WR_STALE;
    }
    fi->type = (uint8_t)t;
    fi->type_count = 1;
    if (!ptype_is_pagetable(t))
        return 0;
    rc = pt_validate(m, (unsigned)t, v);
    if (rc) {
        fi->type_count = 0;
        fi->type = FRAME_TYPE_WRITABLE;
        return rc;
    }
    fi->flags |= FRAME_F_VALIDATED;
    return 0;
}

/* Type reference on a frame that already holds type references. */
static int ptype_take_more(struct frame_info *fi, enum frame_type t)
{
    if (fi->type != t)
        return -XEN_EBUSY;
    if (ptype_is_pagetable(t) && !(fi->flags & FRAME_F_VALIDATED))
        return -XEN_EBUSY;   /* still being validated: only a cycle could get here */
    if (fi->type_count == FRAME_TYPE_COUNT_MAX)
        return -XEN_EINVAL;
    fi->type_count++;
    return 0;
}

int ptype_get(mfn_t m, enum frame_type t, const struct mm_vcpu *v)
{
    struct frame_info *fi;
    int rc = frame_get(m, v->domid);

    if (rc)
        return rc;
    fi = frame_entry(m);
    if (fi->type_count == 0)
        rc = ptype_take_new(fi, m, t, v);
    else
        rc = ptype_take_more(fi, t);
    if (rc)
        frame_put(m);
    return rc;
}

void ptype_put(mfn_t m)
{
    struct frame_info *fi = frame_entry(m);

    if (!fi || fi->type_count == 0)
        panic("ptype_put: mfn %lx has no type reference", mfn_x(m));
    if (--fi->type_count == 0) {
        if (ptype_is_pagetable(fi->type)) {
            pt_invalidate(m, fi->type);
            fi->flags &= (uint8_t)~FRAME_F_VALIDATED;
            ptype_flush_due = true;
            ptype_note_upper_change();
        } else if (fi->type == FRAME_TYPE_WRITABLE) {
            fi->flags |= FRAME_F_WR_STALE;
        }
        fi->type = FRAME_TYPE_WRITABLE;
    }
    frame_put(m);
}

int ptype_pin(mfn_t m, enum frame_type t, const struct mm_vcpu *v)
{
    struct frame_info *fi = frame_entry(m);
    int rc;

    if (!fi || fi->owner != v->domid)
        return -XEN_EPERM;
    if (fi->flags & FRAME_F_PINNED)
        return -XEN_EBUSY;
    if (!ptype_is_pagetable(t))
        return -XEN_EINVAL;
    rc = ptype_get(m, t, v);
    if (rc)
        return rc;
    fi->flags |= FRAME_F_PINNED;
    return 0;
}

int ptype_unpin(mfn_t m, domid_t d)
{
    struct frame_info *fi = frame_entry(m);

    if (!fi || fi->owner != d)
        return -XEN_EPERM;
    if (!(fi->flags & FRAME_F_PINNED))
        return -XEN_EINVAL;
    fi->flags &= (uint8_t)~FRAME_F_PINNED;
    ptype_put(m);
    return 0;
}

void ptype_unpin_all(domid_t d)
{
    uint64_t n = frame_nr_frames();

    for (uint64_t i = 0; i < n; i++) {
        const struct frame_info *fi = frame_lookup(_mfn(i));
        if (fi->owner == d && (fi->flags & FRAME_F_PINNED) && ptype_unpin(_mfn(i), d))
            panic("ptype_unpin_all: mfn %lx refused", (unsigned long)i);
    }
}
