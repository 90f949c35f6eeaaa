/* The frame table: one struct frame_info per machine frame, saying who owns the frame, how
 * many references point at it and which type it has. Invariant: a frame with references is
 * owned, and ownership changes only while the frame has no references at all. */
#ifndef HV_MM_FRAME_H
#define HV_MM_FRAME_H

#include "abi/types.h"
#include "abi/xen.h"
#include "hv/env.h"

/* Owners that are not domains: Xen's reserved domain ids. */
#define FRAME_OWNER_FREE DOMID_INVALID /* not assigned to anyone */
#define FRAME_OWNER_HV   DOMID_XEN     /* the hypervisor's own memory */
#define FRAME_OWNER_IO   DOMID_IO      /* device memory, mappable by privileged domains */

/* A frame's type. WRITABLE is Xen's "none/writable": every writable mapping holds a
 * reference to it, so a page table (L1..L4) can never be mapped writable. The numeric
 * values of L1..L4 are the page-table levels. */
enum frame_type {
    FRAME_TYPE_WRITABLE = 0,
    FRAME_TYPE_L1 = 1,
    FRAME_TYPE_L2 = 2,
    FRAME_TYPE_L3 = 3,
    FRAME_TYPE_L4 = 4,
    FRAME_TYPE_SEG_DESC = 5,
};

/* frame_info.flags */
#define FRAME_F_PINNED    (1u << 0) /* a pin holds one type and one general reference */
#define FRAME_F_VALIDATED (1u << 1) /* a page-table type whose entries all passed pt_check */
#define FRAME_F_SHARED    (1u << 2) /* shared by the hypervisor with its owner (shared_info) */
#define FRAME_F_WR_STALE  (1u << 3) /* the last writable mapping went; a TLB may still hold it */

/* Reference counts stop here instead of wrapping (an attempt past it fails). */
#define FRAME_COUNT_MAX   UINT32_MAX
#define FRAME_TYPE_COUNT_MAX UINT32_MAX

/* Written by frame.c (owner, count, flags SHARED) and ptype.c (type, type_count, the other
 * flags) only; everyone else reads it through frame_lookup(). */
struct frame_info {
    uint32_t count;      /* general references: mappings, pins, base pointers, ... */
    uint32_t type_count; /* references that also hold the current type */
    domid_t owner;       /* a domain id or one of FRAME_OWNER_* */
    uint8_t type;        /* enum frame_type */
    uint8_t flags;       /* FRAME_F_* */
};
_Static_assert(sizeof(struct frame_info) == 12, "frame_info stays small");

/* Adopts storage (nr_frames zeroed entries, one per machine frame from mfn 0) as the frame
 * table and marks every frame free. Called once at boot. */
void frame_table_init(struct frame_info *storage, uint64_t nr_frames);

uint64_t frame_nr_frames(void);

/* The table itself, for the inline lookups below (set once by frame_table_init). These are
 * the hypercalls' hottest operations, so they are inline; they are still frame.c's own. */
extern struct frame_info *frame_table;
extern uint64_t frame_table_size;

/* Writable access to m's entry, for ptype.c's type transitions only; NULL outside. */
static inline struct frame_info *frame_entry(mfn_t m)
{
    return mfn_x(m) < frame_table_size ? &frame_table[mfn_x(m)] : NULL;
}

/* The entry of m, or NULL when m lies outside the frame table. */
static inline const struct frame_info *frame_lookup(mfn_t m)
{
    return frame_entry(m);
}

/* m's owner; FRAME_OWNER_FREE for a frame outside the table. */
static inline domid_t frame_owner(mfn_t m)
{
    const struct frame_info *fi = frame_lookup(m);

    return fi ? fi->owner : FRAME_OWNER_FREE;
}

/* Gives a free frame to d (a domain, FRAME_OWNER_HV or FRAME_OWNER_IO) with no type and no
 * references (a new owner never inherits a type: XSA-214). -EINVAL: m outside the table or
 * d is FRAME_OWNER_FREE; -EBUSY: m is not free. */
int frame_assign(mfn_t m, domid_t d) __must_check;

/* As frame_assign, and marks the frame shared by the hypervisor with d: d may map it
 * writable, it never takes a page-table type and the guest cannot free it. */
int frame_assign_shared(mfn_t m, domid_t d) __must_check;

/* Returns m to the free state. -EINVAL: outside the table or already free; -EBUSY: some
 * reference (mapping, type, pin) still exists. */
int frame_release(mfn_t m) __must_check;

/* Whether guest d may give m back (decrease_reservation): d owns it, it is not shared by
 * the hypervisor and nothing references it. */
bool frame_guest_may_free(mfn_t m, domid_t d);

/* Takes one general reference on m on behalf of owner. -EPERM: m is outside the table or
 * not owned by owner; -EINVAL: the count would overflow. */
static inline __must_check int frame_get(mfn_t m, domid_t owner)
{
    struct frame_info *fi = frame_entry(m);

    if (!fi || fi->owner != owner || owner == FRAME_OWNER_FREE)
        return -XEN_EPERM;
    if (fi->count == FRAME_COUNT_MAX)
        return -XEN_EINVAL;
    fi->count++;
    return 0;
}

/* Drops a general reference; dropping one that was never taken panics. */
static inline void frame_put(mfn_t m)
{
    struct frame_info *fi = frame_entry(m);

    if (!fi || fi->count == 0)
        panic("frame_put: mfn %lx has no reference to drop", mfn_x(m));
    fi->count--;
}

#endif
