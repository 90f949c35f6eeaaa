/* ring/ring.h: Keel's single-producer/single-consumer request/response ring on Xen's shared-ring
 * wire layout, for hv, pvguest and host programs alike. Invariant: nothing read from shared
 * memory is trusted; every peer index is checked against what the peer may legally have done
 * before an entry behind it is read, and every entry is copied out exactly once.
 *
 * Wire layout (Xen io/ring.h "sring"), one or more contiguous 4 KiB pages:
 *
 *   offset 0   +----------+-----------+----------+-----------+------+---------+
 *              | req_prod | req_event | rsp_prod | rsp_event | pvt  | pad[44] |
 *              +----------+-----------+----------+-----------+------+---------+
 *   offset 64  | slot 0: request, overwritten in place by its response        |
 *              | slot 1 ...                                                   |
 *              | slot nr-1   (nr = largest power of two that fits the pages)  |
 *              +--------------------------------------------------------------+
 *
 * The front end produces requests and consumes responses; the back end consumes requests and
 * produces responses. Indices run free over 32 bits and are masked only to pick a slot, so the
 * wrap from 0xffffffff to 0 needs no special case. Each side keeps private copies: what it has
 * filled but not published (batched publication), what it has published, and a validated copy
 * of the peer's producer index (so the shared line is read only when the copy is used up).
 *
 * Notification hold-off (event indices). A consumer about to sleep writes into its event
 * index the index of the first entry it has not seen plus one ("wake me once entry cons
 * exists"), then re-checks the producer index. A producer, after publishing its index moving
 * it from old to new, reads the event index and notifies iff it lies in (old, new]. The two
 * sides each do "store my index, full barrier, load the other's index", so at least one of them
 * sees the other's store: either the consumer sees the new entries and does not sleep, or the
 * producer sees the event index and notifies. A consumer that is busy polling leaves its event
 * index behind, and producers then send nothing. Here the producer may publish several times
 * and check once (ring_*_check_notify): "old" is then the index at the previous check, which
 * keeps the same argument and spends one full barrier per check instead of per publication.
 * A producer MUST check before it waits for anything from its peer.
 *
 * Barriers, supplied by the includer before including this file (see ring/ring_host.h):
 *   ring_wmb()   orders every earlier access (the slot writes of entries being published, and
 *                the reads of slots being handed back) before the later store of an index.
 *   ring_rmb()   orders the earlier load of the peer's producer index before the later loads
 *                of the slots it covers.
 *   ring_mb()    orders the earlier store of our index (producer or event) before the later
 *                load of the peer's (event or producer); the only store->load ordering needed,
 *                used once per notify check and once when arming before sleep.
 *   ring_read_idx(p), ring_write_idx(p, v)   one untorn access to a shared uint32_t index,
 *                never repeated or merged by the compiler (READ_ONCE / WRITE_ONCE).
 *
 * Errors: -XEN_EINVAL bad arguments, -XEN_ENOSPC no free slot, -XEN_EAGAIN nothing to consume,
 * -XEN_EBADMSG the peer broke the protocol (the ring then stays broken: every later consume
 * call fails the same way; the caller tears the connection down).
 */
#ifndef RING_H
#define RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/errno.h"

/* Size of the sring header before slot 0: four indices, 4 private bytes, 44 bytes of padding. */
#define RING_HDR_BYTES 64u
/* Xen ring pages are always 4 KiB, whatever the CPU's page size. */
#define RING_PAGE_BYTES 4096u

/* How many entries lie in [from, to). Meaningful only when the distance is <= ring size;
 * unsigned wrap makes it right across 0xffffffff -> 0. */
static inline uint32_t ring_idx_dist(uint32_t from, uint32_t to)
{
    return to - from;
}

/* The slot an index names in a ring of nr slots (nr a power of two). */
static inline uint32_t ring_idx_slot(uint32_t idx, uint32_t nr)
{
    return idx & (nr - 1);
}

/*
 * Does moving a peer's producer index from `seen` to `now` stay within the `room` entries it
 * may legally add? A well-behaved peer only moves forward and never by more than the free room.
 * Moving backwards shows up as a huge unsigned distance, so both faults fail one comparison.
 * Returns 0 or -XEN_EBADMSG.
 */
static inline int ring_idx_check_advance(uint32_t seen, uint32_t now, uint32_t room)
{
    return ring_idx_dist(seen, now) <= room ? 0 : -XEN_EBADMSG;
}

/*
 * Xen's notify rule. A producer that has just moved its index from `old` to `new` must notify
 * iff the consumer's event index lies in (old, new]: the consumer asked to be woken when entry
 * event-1 becomes visible and that happened in this publication. Written as two distances from
 * `new` so that it holds across the wrap.
 */
static inline bool ring_idx_need_notify(uint32_t old, uint32_t new_idx, uint32_t event)
{
    return ring_idx_dist(event, new_idx) < ring_idx_dist(old, new_idx);
}

/* Largest power of two <= x (0 for 0). */
static inline uint32_t ring_idx_pow2_floor(uint32_t x)
{
    uint32_t p = 1;

    if (x == 0)
        return 0;
    while (p <= x / 2)
        p *= 2;
    return p;
}

/* Slots of slot_bytes that fit after the header in ring_bytes, rounded down to a power of two
 * (Xen's __RING_SIZE rule). 0 when not even one fits. */
static inline uint32_t ring_idx_nr_ents(size_t ring_bytes, size_t slot_bytes)
{
    size_t n;

    if (slot_bytes == 0 || ring_bytes < RING_HDR_BYTES + slot_bytes)
        return 0;
    n = (ring_bytes - RING_HDR_BYTES) / slot_bytes;
    if (n > UINT32_MAX / 2)
        n = UINT32_MAX / 2;
    return ring_idx_pow2_floor((uint32_t)n);
}

/* The shared header; the slots follow it. Field names and offsets are Xen's. */
struct ring_sring {
    uint32_t req_prod;
    uint32_t req_event;
    uint32_t rsp_prod;
    uint32_t rsp_event;
    uint8_t pvt[4];
    uint8_t pad[44];
};
_Static_assert(sizeof(struct ring_sring) == RING_HDR_BYTES, "sring header is 64 bytes");
_Static_assert(offsetof(struct ring_sring, req_event) == 4, "req_event at 4");
_Static_assert(offsetof(struct ring_sring, rsp_prod) == 8, "rsp_prod at 8");
_Static_assert(offsetof(struct ring_sring, rsp_event) == 12, "rsp_event at 12");
_Static_assert(offsetof(struct ring_sring, pad) == 20, "pad at 20");

/* One side's private, trusted view of the ring's geometry. */
struct ring_view {
    struct ring_sring *sring;
    uint8_t *slots;
    uint32_t nr;         /* slot count, a power of two */
    uint32_t slot_bytes; /* bytes per slot: the larger of request and response */
};

/* Front end: request producer, response consumer. */
struct ring_front {
    struct ring_view v;
    uint32_t req_prod_pvt; /* next request slot to fill */
    uint32_t req_pushed;   /* value last stored to req_prod */
    uint32_t req_checked;  /* req_pushed at the last notify check */
    uint32_t rsp_cons;     /* next response to consume */
    uint32_t rsp_seen;     /* validated copy of the peer's rsp_prod */
    bool broken;           /* the peer broke the protocol */
};

/* Back end: request consumer, response producer. */
struct ring_back {
    struct ring_view v;
    uint32_t req_cons;     /* next request to consume */
    uint32_t req_seen;     /* validated copy of the peer's req_prod */
    uint32_t rsp_prod_pvt; /* next response slot to fill */
    uint32_t rsp_pushed;   /* value last stored to rsp_prod */
    uint32_t rsp_checked;  /* rsp_pushed at the last notify check */
    bool broken;
};

/* Keeps the compiler from re-reading a shared slot in place of the private copy just made. */
static inline void ring_compiler_barrier(void)
{
    __asm__ __volatile__("" ::: "memory");
}

/* Initialise a fresh shared header (the side that allocates the pages does this, before
 * granting them): no entries, indices at start (Xen uses 0), both event indices asking for
 * the first entry. */
static inline void ring_sring_init(struct ring_sring *s, uint32_t start)
{
    size_t i;

    s->req_prod = start;
    s->rsp_prod = start;
    s->req_event = start + 1;
    s->rsp_event = start + 1;
    for (i = 0; i < sizeof(s->pvt); i++)
        s->pvt[i] = 0;
    for (i = 0; i < sizeof(s->pad); i++)
        s->pad[i] = 0;
}

/* Geometry for ring_bytes of contiguous mapping (npages * RING_PAGE_BYTES) holding slots of
 * slot_bytes. Returns 0 or -XEN_EINVAL when not a whole number of pages or no slot fits. */
static inline int ring_view_init(struct ring_view *v, void *shared, size_t ring_bytes,
                                 size_t slot_bytes)
{
    uint32_t nr = ring_idx_nr_ents(ring_bytes, slot_bytes);

    if (shared == NULL || nr == 0 || ring_bytes % RING_PAGE_BYTES != 0)
        return -XEN_EINVAL;
    v->sring = (struct ring_sring *)shared;
    v->slots = (uint8_t *)shared + RING_HDR_BYTES;
    v->nr = nr;
    v->slot_bytes = (uint32_t)slot_bytes;
    return 0;
}

/* The slot an index names. The mask keeps any index, however hostile, inside the ring. */
static inline uint8_t *ring_view_slot(const struct ring_view *v, uint32_t idx)
{
    return v->slots + (size_t)ring_idx_slot(idx, v->nr) * v->slot_bytes;
}

/* Copy an entry out of shared memory into private memory, once. The barrier after the copy
 * forbids the compiler to satisfy later uses of *dst by reading the slot again. */
static inline void ring_copy_out(void *dst, const uint8_t *slot, size_t len)
{
    __builtin_memcpy(dst, slot, len);
    ring_compiler_barrier();
}

/* Warm the cache for the slot of idx before we write or read it (a hint, never a fault). */
static inline void ring_prefetch_slot(const struct ring_view *v, uint32_t idx, bool for_write)
{
    if (for_write)
        __builtin_prefetch(ring_view_slot(v, idx), 1);
    else
        __builtin_prefetch(ring_view_slot(v, idx), 0);
}

/* Publish a private producer index: slot contents first, then the index. */
static inline void ring_publish(uint32_t *shared_idx, uint32_t *pushed, uint32_t pvt)
{
    if (*pushed == pvt)
        return;
    ring_wmb();
    ring_write_idx(shared_idx, pvt);
    *pushed = pvt;
}

/* The notify decision for everything published since the last check. */
static inline bool ring_check_notify(const uint32_t *shared_event, uint32_t *checked,
                                     uint32_t pushed)
{
    uint32_t old = *checked;

    if (old == pushed)
        return false;
    ring_mb();
    *checked = pushed;
    return ring_idx_need_notify(old, pushed, ring_read_idx(shared_event));
}

/* ---- front end ------------------------------------------------------------------------ */

/* Attach the front end to a ring whose header was initialised with the same start index
 * (an index agreed out of band, never read from the shared page). Returns 0 or -XEN_EINVAL. */
static inline int ring_front_init(struct ring_front *f, void *shared, size_t ring_bytes,
                                  size_t slot_bytes, uint32_t start)
{
    *f = (struct ring_front){ .req_prod_pvt = start, .req_pushed = start,
                              .req_checked = start, .rsp_cons = start, .rsp_seen = start };
    return ring_view_init(&f->v, shared, ring_bytes, slot_bytes);
}

/* Request slots free for filling (responses not yet consumed still occupy theirs). */
static inline uint32_t ring_front_free(const struct ring_front *f)
{
    return f->v.nr - ring_idx_dist(f->rsp_cons, f->req_prod_pvt);
}

/* Fill the next request slot from req; it becomes visible at the next push.
 * Returns 0, -XEN_EINVAL (len larger than a slot) or -XEN_ENOSPC (ring full). */
static inline int ring_front_put_request(struct ring_front *f, const void *req, size_t len)
{
    if (len > f->v.slot_bytes)
        return -XEN_EINVAL;
    if (ring_front_free(f) == 0)
        return -XEN_ENOSPC;
    __builtin_memcpy(ring_view_slot(&f->v, f->req_prod_pvt), req, len);
    f->req_prod_pvt++;
    ring_prefetch_slot(&f->v, f->req_prod_pvt, true);
    return 0;
}

/* Make every filled request visible to the back end (no notify decision, no full barrier). */
static inline void ring_front_push_requests(struct ring_front *f)
{
    ring_publish(&f->v.sring->req_prod, &f->req_pushed, f->req_prod_pvt);
}

/* true iff the back end must be notified of the requests pushed since the last check. */
static inline bool ring_front_check_notify(struct ring_front *f)
{
    return ring_check_notify(&f->v.sring->req_event, &f->req_checked, f->req_pushed);
}

/* Push, then decide on notification: one batch, one full barrier. */
static inline bool ring_front_push_check(struct ring_front *f)
{
    ring_front_push_requests(f);
    return ring_front_check_notify(f);
}

/* Re-read the back end's rsp_prod. It may only cover requests we have pushed.
 * Returns the number of responses ready, or -XEN_EBADMSG. */
static inline int ring_front_refresh(struct ring_front *f)
{
    uint32_t now = ring_read_idx(&f->v.sring->rsp_prod);
    uint32_t room = ring_idx_dist(f->rsp_seen, f->req_pushed);

    if (ring_idx_check_advance(f->rsp_seen, now, room) != 0) {
        f->broken = true;
        return -XEN_EBADMSG;
    }
    ring_rmb();
    f->rsp_seen = now;
    return (int)ring_idx_dist(f->rsp_cons, now);
}

/* Responses ready to consume (from the cached index while it lasts), or -XEN_EBADMSG. */
static inline int ring_front_poll_responses(struct ring_front *f)
{
    if (f->broken)
        return -XEN_EBADMSG;
    if (f->rsp_cons != f->rsp_seen)
        return (int)ring_idx_dist(f->rsp_cons, f->rsp_seen);
    return ring_front_refresh(f);
}

/* For a busy-polling front end: has the back end published responses we have not consumed?
 * Read-only and unvalidated (the next poll or get validates). It also pulls the next
 * response's slot towards this CPU, so that when the index moves the two line transfers
 * overlap instead of following each other. */
static inline bool ring_front_peek(const struct ring_front *f)
{
    ring_prefetch_slot(&f->v, f->rsp_cons, false);
    return ring_read_idx(&f->v.sring->rsp_prod) != f->rsp_cons;
}

/* Copy the next response into rsp (len bytes, private memory) and consume it.
 * Returns 0, -XEN_EAGAIN (none ready), -XEN_EINVAL or -XEN_EBADMSG. */
static inline int ring_front_get_response(struct ring_front *f, void *rsp, size_t len)
{
    int ready = ring_front_poll_responses(f);

    if (ready < 0)
        return ready;
    if (ready == 0)
        return -XEN_EAGAIN;
    if (len > f->v.slot_bytes)
        return -XEN_EINVAL;
    ring_copy_out(rsp, ring_view_slot(&f->v, f->rsp_cons), len);
    f->rsp_cons++;
    return 0;
}

/* Before sleeping: ask to be notified of the next response, then look once more.
 * Returns responses ready (0: safe to sleep) or -XEN_EBADMSG. */
static inline int ring_front_arm(struct ring_front *f)
{
    int ready = ring_front_poll_responses(f);

    if (ready != 0)
        return ready;
    ring_write_idx(&f->v.sring->rsp_event, f->rsp_cons + 1);
    ring_mb();
    return ring_front_refresh(f);
}

/* ---- back end ------------------------------------------------------------------------- */

/* Attach the back end; as ring_front_init. */
static inline int ring_back_init(struct ring_back *b, void *shared, size_t ring_bytes,
                                 size_t slot_bytes, uint32_t start)
{
    *b = (struct ring_back){ .req_cons = start, .req_seen = start, .rsp_prod_pvt = start,
                             .rsp_pushed = start, .rsp_checked = start };
    return ring_view_init(&b->v, shared, ring_bytes, slot_bytes);
}

/* Re-read the front end's req_prod. Requests not yet answered may never exceed the ring.
 * Returns the number of requests ready, or -XEN_EBADMSG. */
static inline int ring_back_refresh(struct ring_back *b)
{
    uint32_t now = ring_read_idx(&b->v.sring->req_prod);
    uint32_t room = b->v.nr - ring_idx_dist(b->rsp_prod_pvt, b->req_seen);

    if (ring_idx_check_advance(b->req_seen, now, room) != 0) {
        b->broken = true;
        return -XEN_EBADMSG;
    }
    ring_rmb();
    b->req_seen = now;
    return (int)ring_idx_dist(b->req_cons, now);
}

/* Requests ready to consume, or -XEN_EBADMSG. */
static inline int ring_back_poll_requests(struct ring_back *b)
{
    if (b->broken)
        return -XEN_EBADMSG;
    if (b->req_cons != b->req_seen)
        return (int)ring_idx_dist(b->req_cons, b->req_seen);
    return ring_back_refresh(b);
}

/* For a busy-polling back end: has the front end published requests we have not consumed?
 * As ring_front_peek. */
static inline bool ring_back_peek(const struct ring_back *b)
{
    ring_prefetch_slot(&b->v, b->req_cons, false);
    return ring_read_idx(&b->v.sring->req_prod) != b->req_cons;
}

/* Copy the next request into req (len bytes, private memory) and consume it. Validate the
 * copy, never the slot. Returns 0, -XEN_EAGAIN, -XEN_EINVAL or -XEN_EBADMSG. */
static inline int ring_back_get_request(struct ring_back *b, void *req, size_t len)
{
    int ready = ring_back_poll_requests(b);

    if (ready < 0)
        return ready;
    if (ready == 0)
        return -XEN_EAGAIN;
    if (len > b->v.slot_bytes)
        return -XEN_EINVAL;
    ring_copy_out(req, ring_view_slot(&b->v, b->req_cons), len);
    b->req_cons++;
    if (ready > 1)
        ring_prefetch_slot(&b->v, b->req_cons, false);
    return 0;
}

/* Before sleeping: ask to be notified of the next request, then look once more.
 * Returns requests ready (0: safe to sleep) or -XEN_EBADMSG. */
static inline int ring_back_arm(struct ring_back *b)
{
    int ready = ring_back_poll_requests(b);

    if (ready != 0)
        return ready;
    ring_write_idx(&b->v.sring->req_event, b->req_cons + 1);
    ring_mb();
    return ring_back_refresh(b);
}

/* Write a response into the slot of the oldest consumed, unanswered request; it becomes
 * visible at the next push. Returns 0, -XEN_EINVAL or -XEN_ENOSPC (nothing to answer). */
static inline int ring_back_put_response(struct ring_back *b, const void *rsp, size_t len)
{
    if (len > b->v.slot_bytes)
        return -XEN_EINVAL;
    if (b->rsp_prod_pvt == b->req_cons)
        return -XEN_ENOSPC;
    __builtin_memcpy(ring_view_slot(&b->v, b->rsp_prod_pvt), rsp, len);
    b->rsp_prod_pvt++;
    return 0;
}

static inline void ring_back_push_responses(struct ring_back *b)
{
    ring_publish(&b->v.sring->rsp_prod, &b->rsp_pushed, b->rsp_prod_pvt);
}

static inline bool ring_back_check_notify(struct ring_back *b)
{
    return ring_check_notify(&b->v.sring->rsp_event, &b->rsp_checked, b->rsp_pushed);
}

static inline bool ring_back_push_check(struct ring_back *b)
{
    ring_back_push_responses(b);
    return ring_back_check_notify(b);
}

#endif /* RING_H */
