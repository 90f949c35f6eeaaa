/* tools/ringbench/ring_xen.c: the baseline: Xen's own io/ring.h macros (Debian libxen-dev),
 * driven as Linux's blkfront and blkback drive them: requests pushed with
 * RING_PUSH_REQUESTS_AND_CHECK_NOTIFY per batch, each response pushed with
 * RING_PUSH_RESPONSES_AND_CHECK_NOTIFY as it is made, both consumers looping on
 * RING_FINAL_CHECK_FOR_*, requests and responses copied out of the ring once. Barriers are the
 * same C11 fences Keel's ring gets from ring/ring_host.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define __XEN_INTERFACE_VERSION__ 0x00040e00
#define xen_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define xen_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#include <xen/io/ring.h>

#include "abi/errno.h"
#include "tools/ringbench/bench.h"

#define XEN_RING_PAGE (1u << XEN_PAGE_SHIFT)

DEFINE_RING_TYPES(bench, struct msg_req, struct msg_rsp);

/* Each side's private ring state on its own 128-byte block: written by one thread only. */
struct xen {
    bench_sring_t *sring;
    _Alignas(BENCH_GAP) bench_front_ring_t front;
    _Alignas(BENCH_GAP) bench_back_ring_t back;
};

static int xen_open(struct bench_run *r)
{
    struct xen *x = bench_alloc(sizeof(*x));
    size_t bytes = offsetof(bench_sring_t, ring) + (size_t)r->cfg->slots * MSG_REQ_BYTES;

    bytes = (bytes + XEN_RING_PAGE - 1) / XEN_RING_PAGE * XEN_RING_PAGE;
    x->sring = bench_alloc(bytes);
    SHARED_RING_INIT(x->sring);
    FRONT_RING_INIT(&x->front, x->sring, bytes);
    BACK_RING_INIT(&x->back, x->sring, bytes);
    if (RING_SIZE(&x->front) != r->cfg->slots) {
        free(x->sring);
        free(x);
        return -XEN_EINVAL;
    }
    r->ring = x;
    return 0;
}

static void xen_close(struct bench_run *r)
{
    struct xen *x = r->ring;

    free(x->sring);
    free(x);
}

static uint32_t xen_space(struct bench_run *r)
{
    return RING_FREE_REQUESTS(&((struct xen *)r->ring)->front);
}

/* blkfront: fill the requests in place, then push and check per batch. */
static bool xen_send(struct bench_run *r, uint64_t seq, uint32_t n)
{
    struct xen *x = r->ring;
    uint32_t i;
    int notify;

    for (i = 0; i < n; i++) {
        struct msg_req *req = RING_GET_REQUEST(&x->front, x->front.req_prod_pvt);

        msg_fill_req(req, seq + i, r->payload, (uint32_t)((seq + i) % r->cfg->slots));
        x->front.req_prod_pvt++;
    }
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&x->front, notify);
    return notify != 0;
}

static bool xen_kick(struct bench_run *r)
{
    (void)r;
    return false;
}

/* blkfront's interrupt handler: consume to rsp_prod, then the final check, until quiet. */
static int xen_reap(struct bench_run *r, uint64_t *next)
{
    struct xen *x = r->ring;
    struct msg_rsp rsp;
    RING_IDX i, rp;
    int more, n = 0;

    do {
        rp = x->front.sring->rsp_prod;
        xen_rmb();
        if (RING_RESPONSE_PROD_OVERFLOW(&x->front, rp))
            return -XEN_EBADMSG;
        for (i = x->front.rsp_cons; i != rp; i++) {
            RING_COPY_RESPONSE(&x->front, i, &rsp);
            if (msg_check_rsp(&rsp, *next) != 0)
                return -XEN_EBADMSG;
            (*next)++;
            n++;
        }
        x->front.rsp_cons = i;
        RING_FINAL_CHECK_FOR_RESPONSES(&x->front, more);
    } while (more);
    return n;
}

static int xen_front_arm(struct bench_run *r)
{
    struct xen *x = r->ring;
    int more;

    RING_FINAL_CHECK_FOR_RESPONSES(&x->front, more);
    return more;
}

static bool xen_front_peek(struct bench_run *r)
{
    struct xen *x = r->ring;

    return __atomic_load_n(&x->sring->rsp_prod, __ATOMIC_ACQUIRE) != x->front.rsp_cons;
}

/* blkback's make_response: one response, pushed with its own notify check. */
static void xen_respond(struct xen *x, const struct msg_req *req, uint32_t *notify)
{
    struct msg_rsp *rsp = RING_GET_RESPONSE(&x->back, x->back.rsp_prod_pvt);
    int kick;

    msg_fill_rsp(rsp, req);
    x->back.rsp_prod_pvt++;
    RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&x->back, kick);
    *notify += kick != 0;
}

/* blkback's __do_block_io_op, then RING_FINAL_CHECK_FOR_REQUESTS until no more work. */
static int xen_serve(struct bench_run *r, uint64_t *next, uint32_t *notify)
{
    struct xen *x = r->ring;
    struct msg_req req;
    RING_IDX rc, rp;
    int more, n = 0;

    do {
        rc = x->back.req_cons;
        rp = x->back.sring->req_prod;
        xen_rmb();
        if (RING_REQUEST_PROD_OVERFLOW(&x->back, rp))
            return -XEN_EBADMSG;
        while (rc != rp && !RING_REQUEST_CONS_OVERFLOW(&x->back, rc)) {
            RING_COPY_REQUEST(&x->back, rc, &req);
            x->back.req_cons = ++rc;
            if (msg_check_req(&req, *next, r->payload, r->cfg->slots) != 0)
                return -XEN_EBADMSG;
            xen_respond(x, &req, notify);
            (*next)++;
            n++;
        }
        RING_FINAL_CHECK_FOR_REQUESTS(&x->back, more);
    } while (more);
    return n;
}

static int xen_back_arm(struct bench_run *r)
{
    struct xen *x = r->ring;
    int more;

    RING_FINAL_CHECK_FOR_REQUESTS(&x->back, more);
    return more;
}

static bool xen_back_peek(struct bench_run *r)
{
    struct xen *x = r->ring;

    return __atomic_load_n(&x->sring->req_prod, __ATOMIC_ACQUIRE) != x->back.req_cons;
}

const struct ring_ops ring_xen_ops = {
    .name = "xen",
    .open = xen_open,
    .close = xen_close,
    .space = xen_space,
    .send = xen_send,
    .kick = xen_kick,
    .reap = xen_reap,
    .front_arm = xen_front_arm,
    .front_peek = xen_front_peek,
    .serve = xen_serve,
    .back_arm = xen_back_arm,
    .back_peek = xen_back_peek,
};
