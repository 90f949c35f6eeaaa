/* tools/ringbench/ring_keel.c: Keel's ring (ring/ring.h, Xen's wire layout) driven as Keel's
 * drivers drive it: requests published once per batch with the notify decision taken once per
 * pass, responses answered in place and published once per pass, event indices armed only
 * before sleeping (a busy-polling side leaves them behind and gets no notifications). */
#include <stdlib.h>

#include "ring/ring_host.h"
#include "tools/ringbench/bench.h"

/* Each side's private state on its own 128-byte block: written by one thread only. */
struct keel {
    void *mem;
    _Alignas(BENCH_GAP) struct ring_front f;
    _Alignas(BENCH_GAP) struct ring_back b;
};

static int keel_open(struct bench_run *r)
{
    struct keel *k = bench_alloc(sizeof(*k));
    size_t bytes = RING_HDR_BYTES + (size_t)r->cfg->slots * MSG_REQ_BYTES;

    bytes = (bytes + RING_PAGE_BYTES - 1) / RING_PAGE_BYTES * RING_PAGE_BYTES;
    k->mem = bench_alloc(bytes);
    ring_sring_init(k->mem, 0);
    if (ring_front_init(&k->f, k->mem, bytes, MSG_REQ_BYTES, 0) != 0 ||
        ring_back_init(&k->b, k->mem, bytes, MSG_REQ_BYTES, 0) != 0 ||
        k->f.v.nr != r->cfg->slots) {
        free(k->mem);
        free(k);
        return -XEN_EINVAL;
    }
    r->ring = k;
    return 0;
}

static void keel_close(struct bench_run *r)
{
    struct keel *k = r->ring;

    free(k->mem);
    free(k);
}

static uint32_t keel_space(struct bench_run *r)
{
    return ring_front_free(&((struct keel *)r->ring)->f);
}

static bool keel_send(struct bench_run *r, uint64_t seq, uint32_t n)
{
    struct keel *k = r->ring;
    struct msg_req req;
    uint32_t i;

    for (i = 0; i < n; i++) {
        msg_fill_req(&req, seq + i, r->payload, (uint32_t)((seq + i) % r->cfg->slots));
        if (ring_front_put_request(&k->f, &req, sizeof(req)) != 0)
            abort(); /* the harness checked the space */
    }
    ring_front_push_requests(&k->f);
    return false;
}

static bool keel_kick(struct bench_run *r)
{
    return ring_front_check_notify(&((struct keel *)r->ring)->f);
}

static int keel_reap(struct bench_run *r, uint64_t *next)
{
    struct keel *k = r->ring;
    struct msg_rsp rsp;
    int n = 0, rc;

    while ((rc = ring_front_get_response(&k->f, &rsp, sizeof(rsp))) == 0) {
        if (msg_check_rsp(&rsp, *next) != 0)
            return -XEN_EBADMSG;
        (*next)++;
        n++;
    }
    return rc == -XEN_EAGAIN ? n : rc;
}

static int keel_front_arm(struct bench_run *r)
{
    return ring_front_arm(&((struct keel *)r->ring)->f);
}

static bool keel_front_peek(struct bench_run *r)
{
    return ring_front_peek(&((struct keel *)r->ring)->f);
}

/* Answer the requests ready now (one look at req_prod); publish the responses once. */
static int keel_serve(struct bench_run *r, uint64_t *next, uint32_t *notify)
{
    struct keel *k = r->ring;
    struct msg_req req;
    struct msg_rsp rsp;
    int n, i;

    n = ring_back_poll_requests(&k->b);
    for (i = 0; i < n; i++) {
        if (ring_back_get_request(&k->b, &req, sizeof(req)) != 0 ||
            msg_check_req(&req, *next, r->payload, r->cfg->slots) != 0)
            return -XEN_EBADMSG;
        msg_fill_rsp(&rsp, &req);
        if (ring_back_put_response(&k->b, &rsp, sizeof(rsp)) != 0)
            return -XEN_EBADMSG;
        (*next)++;
    }
    *notify = ring_back_push_check(&k->b);
    return n;
}

static int keel_back_arm(struct bench_run *r)
{
    return ring_back_arm(&((struct keel *)r->ring)->b);
}

static bool keel_back_peek(struct bench_run *r)
{
    return ring_back_peek(&((struct keel *)r->ring)->b);
}

const struct ring_ops ring_keel_ops = {
    .name = "keel",
    .open = keel_open,
    .close = keel_close,
    .space = keel_space,
    .send = keel_send,
    .kick = keel_kick,
    .reap = keel_reap,
    .front_arm = keel_front_arm,
    .front_peek = keel_front_peek,
    .serve = keel_serve,
    .back_arm = keel_back_arm,
    .back_peek = keel_back_peek,
};
