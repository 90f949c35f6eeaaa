/* tools/ringbench/ring_virtio.c: the baseline Linux's virtio split ring (layout and event
 * index rule from linux/virtio_ring.h) with VIRTIO_RING_F_EVENT_IDX, driven as Linux's
 * virtio-blk driver (add: publish avail->idx per buffer, kick_prepare per batch; completion:
 * disable_cb, get_buf loop, enable_cb + poll) and vhost (cached avail index, add_used_and_signal
 * per request, enable_notify before stopping) drive it. One descriptor per request: a buffer
 * holding the 64-byte request, over whose tail the device writes its 16-byte response. */
#include <stdlib.h>
#include <string.h>
#include <linux/virtio_ring.h>

#include "abi/errno.h"
#include "tools/ringbench/bench.h"

#define VQ_ALIGN 64        /* used ring alignment: a cache line */
#define VQ_BUF_STRIDE 128  /* bytes per request buffer: request, response, two whole lines */

#define vq_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define vq_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define vq_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define vq_load(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define vq_store(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)

struct vq {
    struct vring vr;
    void *mem;
    uint8_t *bufs;
    /* driver (front) private, on its own 128-byte block */
    _Alignas(BENCH_GAP) uint16_t avail_shadow, num_added, last_used;
    bool cb_disabled;
    /* device (back) private, on its own 128-byte block */
    _Alignas(BENCH_GAP) uint16_t last_avail, avail_cached, used_shadow;
};

static int vq_open(struct bench_run *r)
{
    struct vq *q = bench_alloc(sizeof(*q));
    unsigned int num = r->cfg->slots;

    q->mem = bench_alloc(vring_size(num, VQ_ALIGN));
    q->bufs = bench_alloc((size_t)num * VQ_BUF_STRIDE);
    vring_init(&q->vr, num, q->mem, VQ_ALIGN);
    r->ring = q;
    return 0;
}

static void vq_close(struct bench_run *r)
{
    struct vq *q = r->ring;

    free(q->mem);
    free(q->bufs);
    free(q);
}

static uint32_t vq_space(struct bench_run *r)
{
    struct vq *q = r->ring;

    return q->vr.num - (uint16_t)(q->avail_shadow - q->last_used);
}

/* virtqueue_add: descriptor, avail ring entry, then avail->idx, for every buffer. */
static void vq_add(struct bench_run *r, struct vq *q, uint64_t seq)
{
    uint16_t head = (uint16_t)(q->avail_shadow & (q->vr.num - 1));
    uint8_t *buf = q->bufs + (size_t)head * VQ_BUF_STRIDE;

    msg_fill_req((struct msg_req *)buf, seq, r->payload, (uint32_t)(seq % r->cfg->slots));
    q->vr.desc[head].addr = (uintptr_t)buf;
    q->vr.desc[head].len = MSG_REQ_BYTES + MSG_RSP_BYTES;
    q->vr.desc[head].flags = 0;
    q->vr.desc[head].next = 0;
    q->vr.avail->ring[head] = head;
    vq_wmb();
    q->avail_shadow++;
    vq_store(&q->vr.avail->idx, q->avail_shadow);
    q->num_added++;
}

/* virtqueue_kick_prepare, once per batch. */
static bool vq_send(struct bench_run *r, uint64_t seq, uint32_t n)
{
    struct vq *q = r->ring;
    uint16_t old, new_idx;
    uint32_t i;

    for (i = 0; i < n; i++)
        vq_add(r, q, seq + i);
    vq_mb();
    new_idx = q->avail_shadow;
    old = (uint16_t)(new_idx - q->num_added);
    q->num_added = 0;
    return vring_need_event(vq_load(&vring_avail_event(&q->vr)), new_idx, old);
}

static bool vq_kick(struct bench_run *r)
{
    (void)r;
    return false;
}

/* virtqueue_enable_cb: ask for a callback at last_used, then poll once more. */
static int vq_enable_cb(struct vq *q)
{
    q->cb_disabled = false;
    vq_store(&vring_used_event(&q->vr), q->last_used);
    vq_mb();
    return vq_load(&q->vr.used->idx) != q->last_used;
}

static int vq_get_bufs(struct vq *q, uint64_t *next)
{
    struct msg_rsp rsp;
    uint16_t id;
    int n = 0;

    while (vq_load(&q->vr.used->idx) != q->last_used) {
        vq_rmb();
        id = (uint16_t)q->vr.used->ring[q->last_used & (q->vr.num - 1)].id;
        if (id >= q->vr.num)
            return -XEN_EBADMSG;
        memcpy(&rsp, q->bufs + (size_t)id * VQ_BUF_STRIDE + MSG_REQ_BYTES, sizeof(rsp));
        if (msg_check_rsp(&rsp, *next) != 0)
            return -XEN_EBADMSG;
        q->last_used++;
        (*next)++;
        n++;
    }
    return n;
}

/* virtblk_done: disable callbacks, drain, re-enable, repeat while more arrived. */
static int vq_reap(struct bench_run *r, uint64_t *next)
{
    struct vq *q = r->ring;
    int n = 0, m;

    do {
        if (!q->cb_disabled) {
            q->cb_disabled = true;
            vq_store(&vring_used_event(&q->vr), 0);
        }
        m = vq_get_bufs(q, next);
        if (m < 0)
            return m;
        n += m;
    } while (vq_enable_cb(q));
    return n;
}

static int vq_front_arm(struct bench_run *r)
{
    return vq_enable_cb(r->ring);
}

static bool vq_front_peek(struct bench_run *r)
{
    struct vq *q = r->ring;

    return __atomic_load_n(&q->vr.used->idx, __ATOMIC_ACQUIRE) != q->last_used;
}

/* vhost_add_used_and_signal: one used element, published, then the event index check. */
static void vq_add_used(struct vq *q, uint16_t head, uint32_t *notify)
{
    uint16_t old = q->used_shadow;

    q->vr.used->ring[old & (q->vr.num - 1)].id = head;
    q->vr.used->ring[old & (q->vr.num - 1)].len = MSG_RSP_BYTES;
    vq_wmb();
    q->used_shadow++;
    vq_store(&q->vr.used->idx, q->used_shadow);
    vq_mb();
    *notify += vring_need_event(vq_load(&vring_used_event(&q->vr)), q->used_shadow, old);
}

/* vhost_get_vq_desc and the request handling: one request, or -XEN_EAGAIN if none. */
static int vq_handle_one(struct bench_run *r, struct vq *q, uint64_t *next, uint32_t *notify)
{
    struct msg_req req;
    struct msg_rsp rsp;
    uint16_t head;
    uint8_t *buf;

    if (q->last_avail == q->avail_cached) {
        q->avail_cached = vq_load(&q->vr.avail->idx);
        if ((uint16_t)(q->avail_cached - q->last_avail) > q->vr.num)
            return -XEN_EBADMSG;
        if (q->last_avail == q->avail_cached)
            return -XEN_EAGAIN;
        vq_rmb();
    }
    head = q->vr.avail->ring[q->last_avail & (q->vr.num - 1)];
    if (head >= q->vr.num || q->vr.desc[head].len < MSG_REQ_BYTES + MSG_RSP_BYTES)
        return -XEN_EBADMSG;
    buf = (uint8_t *)(uintptr_t)q->vr.desc[head].addr;
    memcpy(&req, buf, sizeof(req));
    q->last_avail++;
    if (msg_check_req(&req, *next, r->payload, r->cfg->slots) != 0)
        return -XEN_EBADMSG;
    msg_fill_rsp(&rsp, &req);
    memcpy(buf + MSG_REQ_BYTES, &rsp, sizeof(rsp));
    vq_add_used(q, head, notify);
    (*next)++;
    return 0;
}

/* vhost_enable_notify: ask for a kick at last_avail; true if more arrived meanwhile. */
static int vq_enable_notify(struct vq *q)
{
    vq_store(&vring_avail_event(&q->vr), q->last_avail);
    vq_mb();
    return vq_load(&q->vr.avail->idx) != q->last_avail;
}

/* vhost's handler loop: requests until none, then enable notification and re-check. */
static int vq_serve(struct bench_run *r, uint64_t *next, uint32_t *notify)
{
    struct vq *q = r->ring;
    int n = 0, rc;

    for (;;) {
        rc = vq_handle_one(r, q, next, notify);
        if (rc == 0) {
            n++;
            continue;
        }
        if (rc != -XEN_EAGAIN)
            return rc;
        if (!vq_enable_notify(q))
            return n;
    }
}

static int vq_back_arm(struct bench_run *r)
{
    return vq_enable_notify(r->ring);
}

static bool vq_back_peek(struct bench_run *r)
{
    struct vq *q = r->ring;

    return __atomic_load_n(&q->vr.avail->idx, __ATOMIC_ACQUIRE) != q->last_avail;
}

const struct ring_ops ring_virtio_ops = {
    .name = "virtio",
    .open = vq_open,
    .close = vq_close,
    .space = vq_space,
    .send = vq_send,
    .kick = vq_kick,
    .reap = vq_reap,
    .front_arm = vq_front_arm,
    .front_peek = vq_front_peek,
    .serve = vq_serve,
    .back_arm = vq_back_arm,
    .back_peek = vq_back_peek,
};
