/* tools/ringbench/ring_naive.c: the baseline "simplest correct" design: two single-producer
 * single-consumer queues (requests, responses), each a head and a tail index in one line and
 * an entry array; every entry published and consumed on its own, every index re-read each
 * time, and a "sleeping" flag checked after each publication for wakeups. */
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "tools/ringbench/bench.h"

#define NAIVE_LINE 64

struct naive_q {
    uint32_t head;     /* written by the producer */
    uint32_t tail;     /* written by the consumer */
    uint32_t sleeping; /* consumer is (about to be) asleep */
    uint8_t pad[NAIVE_LINE - 3 * sizeof(uint32_t)];
};

struct naive {
    struct naive_q *req, *rsp;
    struct msg_req *req_ent;
    struct msg_rsp *rsp_ent;
    /* front's counters, to bound requests in flight, on their own 128-byte block */
    _Alignas(BENCH_GAP) uint64_t sent, got;
};

static int naive_open(struct bench_run *r)
{
    struct naive *n = bench_alloc(sizeof(*n));
    uint32_t slots = r->cfg->slots;

    n->req = bench_alloc(sizeof(*n->req) + (size_t)slots * sizeof(struct msg_req));
    n->rsp = bench_alloc(sizeof(*n->rsp) + (size_t)slots * sizeof(struct msg_rsp));
    n->req_ent = (struct msg_req *)(n->req + 1);
    n->rsp_ent = (struct msg_rsp *)(n->rsp + 1);
    r->ring = n;
    return 0;
}

static void naive_close(struct bench_run *r)
{
    struct naive *n = r->ring;

    free(n->req);
    free(n->rsp);
    free(n);
}

static uint32_t naive_space(struct bench_run *r)
{
    struct naive *n = r->ring;

    return r->cfg->slots - (uint32_t)(n->sent - n->got);
}

/* Publish one entry already written at head; true if the consumer asked for a wakeup. */
static bool naive_publish(struct naive_q *q, uint32_t head)
{
    __atomic_store_n(&q->head, head + 1, __ATOMIC_RELEASE);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(&q->sleeping, __ATOMIC_RELAXED) == 0)
        return false;
    __atomic_store_n(&q->sleeping, 0, __ATOMIC_RELAXED);
    return true;
}

static bool naive_send(struct bench_run *r, uint64_t seq, uint32_t k)
{
    struct naive *n = r->ring;
    bool notify = false;
    uint32_t i, head;

    for (i = 0; i < k; i++) {
        head = n->req->head;
        msg_fill_req(&n->req_ent[head % r->cfg->slots], seq + i, r->payload,
                     (uint32_t)((seq + i) % r->cfg->slots));
        notify |= naive_publish(n->req, head);
        n->sent++;
    }
    return notify;
}

static bool naive_kick(struct bench_run *r)
{
    (void)r;
    return false;
}

static int naive_reap(struct bench_run *r, uint64_t *next)
{
    struct naive *n = r->ring;
    struct msg_rsp rsp;
    uint32_t tail;
    int k = 0;

    while ((tail = n->rsp->tail) != __atomic_load_n(&n->rsp->head, __ATOMIC_ACQUIRE)) {
        memcpy(&rsp, &n->rsp_ent[tail % r->cfg->slots], sizeof(rsp));
        __atomic_store_n(&n->rsp->tail, tail + 1, __ATOMIC_RELEASE);
        if (msg_check_rsp(&rsp, *next) != 0)
            return -XEN_EBADMSG;
        (*next)++;
        n->got++;
        k++;
    }
    return k;
}

/* Raise the sleeping flag, then look once more. */
static int naive_arm(struct naive_q *q)
{
    __atomic_store_n(&q->sleeping, 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return __atomic_load_n(&q->head, __ATOMIC_ACQUIRE) != q->tail;
}

static int naive_front_arm(struct bench_run *r)
{
    return naive_arm(((struct naive *)r->ring)->rsp);
}

static bool naive_front_peek(struct bench_run *r)
{
    struct naive *n = r->ring;

    return __atomic_load_n(&n->rsp->head, __ATOMIC_ACQUIRE) != n->rsp->tail;
}

static int naive_serve(struct bench_run *r, uint64_t *next, uint32_t *notify)
{
    struct naive *n = r->ring;
    struct msg_req req;
    uint32_t tail, head;
    int k = 0;

    while ((tail = n->req->tail) != __atomic_load_n(&n->req->head, __ATOMIC_ACQUIRE)) {
        memcpy(&req, &n->req_ent[tail % r->cfg->slots], sizeof(req));
        __atomic_store_n(&n->req->tail, tail + 1, __ATOMIC_RELEASE);
        if (msg_check_req(&req, *next, r->payload, r->cfg->slots) != 0)
            return -XEN_EBADMSG;
        head = n->rsp->head;
        while (head - __atomic_load_n(&n->rsp->tail, __ATOMIC_ACQUIRE) >= r->cfg->slots)
            ; /* full: cannot happen while the front bounds requests in flight */
        msg_fill_rsp(&n->rsp_ent[head % r->cfg->slots], &req);
        *notify += naive_publish(n->rsp, head);
        (*next)++;
        k++;
    }
    return k;
}

static int naive_back_arm(struct bench_run *r)
{
    return naive_arm(((struct naive *)r->ring)->req);
}

static bool naive_back_peek(struct bench_run *r)
{
    struct naive *n = r->ring;

    return __atomic_load_n(&n->req->head, __ATOMIC_ACQUIRE) != n->req->tail;
}

const struct ring_ops ring_naive_ops = {
    .name = "naive",
    .open = naive_open,
    .close = naive_close,
    .space = naive_space,
    .send = naive_send,
    .kick = naive_kick,
    .reap = naive_reap,
    .front_arm = naive_front_arm,
    .front_peek = naive_front_peek,
    .serve = naive_serve,
    .back_arm = naive_back_arm,
    .back_peek = naive_back_peek,
};
