/* The frame table and the operations that change a frame's owner and general reference
 * count. Invariant: owner changes only when count, type_count and pins are all zero. */
#include "hv/mm/frame.h"

struct frame_info *frame_table;
uint64_t frame_table_size;

void frame_table_init(struct frame_info *storage, uint64_t nr_frames)
{
    frame_table = storage;
    frame_table_size = nr_frames;
    for (uint64_t i = 0; i < nr_frames; i++)
        storage[i].owner = FRAME_OWNER_FREE;
}

uint64_t frame_nr_frames(void)
{
    return frame_table_size;
}

static bool frame_is_unreferenced(const struct frame_info *fi)
{
    return fi->count == 0 && fi->type_count == 0 && !(fi->flags & FRAME_F_PINNED);
}

static int frame_assign_flags(mfn_t m, domid_t d, uint8_t flags)
{
    struct frame_info *fi = frame_entry(m);

    if (!fi || d == FRAME_OWNER_FREE)
        return -XEN_EINVAL;
    if (fi->owner != FRAME_OWNER_FREE)
        return -XEN_EBUSY;
    if (!frame_is_unreferenced(fi))
        panic("frame_assign: free mfn %lx has references", mfn_x(m));
    fi->owner = d;
    fi->type = FRAME_TYPE_WRITABLE;
    /* A stale writable TLB entry of the previous owner must still force a flush before the
     * frame becomes a page table (XSA-217), so WR_STALE survives the change of owner. */
    fi->flags = (uint8_t)(flags | (fi->flags & FRAME_F_WR_STALE));
    return 0;
}

int frame_assign(mfn_t m, domid_t d)
{
    return frame_assign_flags(m, d, 0);
}

int frame_assign_shared(mfn_t m, domid_t d)
{
    return frame_assign_flags(m, d, FRAME_F_SHARED);
}

int frame_release(mfn_t m)
{
    struct frame_info *fi = frame_entry(m);

    if (!fi || fi->owner == FRAME_OWNER_FREE)
        return -XEN_EINVAL;
    if (!frame_is_unreferenced(fi))
        return -XEN_EBUSY;
    fi->owner = FRAME_OWNER_FREE;
    fi->type = FRAME_TYPE_WRITABLE;
    fi->flags &= FRAME_F_WR_STALE;
    return 0;
}

bool frame_guest_may_free(mfn_t m, domid_t d)
{
    const struct frame_info *fi = frame_lookup(m);

    return fi && fi->owner == d && !(fi->flags & FRAME_F_SHARED) && frame_is_unreferenced(fi);
}

