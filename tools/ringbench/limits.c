/* tools/ringbench/limits.c: measuring the physical limits (see limits.h). Each measurement
 * is two threads pinned like the rings' threads, doing the least that moves the data. */
#include <pthread.h>
#include <stdlib.h>
#include <x86intrin.h>

#include "tools/ringbench/bench.h"
#include "tools/ringbench/limits.h"
#include "tools/ringbench/report.h"

#define LINE_GAP 128 /* bytes between lines written by different cores (adjacent prefetch) */

struct pp_line {
    _Alignas(LINE_GAP) uint64_t v;
};

struct pingpong {
    struct pp_line data[2], flag[2]; /* [0]: ping's, [1]: pong's */
    int lines;
    uint64_t samples;
    uint64_t *ticks;
    pthread_barrier_t go;
};

static void pp_wait(const uint64_t *p, uint64_t want)
{
    while (__atomic_load_n(p, __ATOMIC_ACQUIRE) != want)
        _mm_pause();
}

/*
 * One line: both sides write the same line in turn (ping writes 2i-1, pong answers 2i).
 * Two lines: each side writes a data line and then its own flag line, as a ring writes a slot
 * and then an index; the reader checks the data after seeing the flag.
 */
static void pp_send(struct pingpong *p, int side, uint64_t v)
{
    if (p->lines == 1) {
        __atomic_store_n(&p->flag[0].v, v, __ATOMIC_RELEASE);
        return;
    }
    __atomic_store_n(&p->data[side].v, v, __ATOMIC_RELAXED);
    __atomic_store_n(&p->flag[side].v, v, __ATOMIC_RELEASE);
}

static void pp_recv(struct pingpong *p, int side, uint64_t v)
{
    if (p->lines == 1) {
        pp_wait(&p->flag[0].v, v);
        return;
    }
    pp_wait(&p->flag[side].v, v);
    if (__atomic_load_n(&p->data[side].v, __ATOMIC_RELAXED) != v)
        abort(); /* the release/acquire pair guarantees it */
}

static void *pong_main(void *arg)
{
    struct pingpong *p = arg;
    uint64_t i;

    bench_pin(BENCH_CPU_BACK);
    pthread_barrier_wait(&p->go);
    for (i = 1; i <= p->samples; i++) {
        pp_recv(p, 0, 2 * i - 1);
        pp_send(p, 1, 2 * i);
    }
    return NULL;
}

double limits_pingpong(int lines, uint64_t samples)
{
    struct pingpong *p = aligned_alloc(LINE_GAP, sizeof(*p));
    pthread_t pong;
    uint64_t i, t0;
    double p50;

    *p = (struct pingpong){ .lines = lines, .samples = samples };
    p->ticks = calloc(samples, sizeof(uint64_t));
    pthread_barrier_init(&p->go, NULL, 2);
    pthread_create(&pong, NULL, pong_main, p);
    bench_pin(BENCH_CPU_FRONT);
    pthread_barrier_wait(&p->go);
    for (i = 1; i <= samples; i++) {
        t0 = bench_ticks();
        pp_send(p, 0, 2 * i - 1);
        pp_recv(p, 1, 2 * i);
        p->ticks[i - 1] = bench_ticks() - t0;
    }
    pthread_join(pong, NULL);
    p50 = report_percentile(p->ticks, samples, 50) / bench_ticks_per_ns();
    pthread_barrier_destroy(&p->go);
    free(p->ticks);
    free(p);
    return p50;
}

struct copy {
    uint8_t *bufs;
    struct pp_line *full; /* per buffer: seq + 1 when written, 0 when free */
    uint64_t *sums;
    uint32_t nbufs;
    uint64_t count;
    int bad;
    pthread_barrier_t go;
};

static void *copy_reader(void *arg)
{
    struct copy *c = arg;
    uint64_t seq;
    uint32_t i;

    bench_pin(BENCH_CPU_BACK);
    pthread_barrier_wait(&c->go);
    for (seq = 0; seq < c->count; seq++) {
        i = (uint32_t)(seq % c->nbufs);
        pp_wait(&c->full[i].v, seq + 1);
        if (msg_payload_sum(c->bufs + (size_t)i * MSG_PAYLOAD_BYTES) != c->sums[i])
            c->bad = 1;
        __atomic_store_n(&c->full[i].v, 0, __ATOMIC_RELEASE);
    }
    return NULL;
}

static void copy_writer(struct copy *c)
{
    uint64_t seq;
    uint32_t i;

    for (seq = 0; seq < c->count; seq++) {
        i = (uint32_t)(seq % c->nbufs);
        pp_wait(&c->full[i].v, 0);
        c->sums[i] = msg_payload_write(c->bufs + (size_t)i * MSG_PAYLOAD_BYTES, seq);
        __atomic_store_n(&c->full[i].v, seq + 1, __ATOMIC_RELEASE);
    }
}

double limits_copy(uint32_t nbufs, uint64_t count)
{
    struct copy c = { .nbufs = nbufs, .count = count };
    pthread_t reader;
    uint64_t t0, t1;

    c.bufs = bench_alloc((size_t)nbufs * MSG_PAYLOAD_BYTES);
    c.full = bench_alloc((size_t)nbufs * sizeof(struct pp_line));
    c.sums = bench_alloc((size_t)nbufs * sizeof(uint64_t));
    pthread_barrier_init(&c.go, NULL, 2);
    pthread_create(&reader, NULL, copy_reader, &c);
    bench_pin(BENCH_CPU_FRONT);
    pthread_barrier_wait(&c.go);
    t0 = bench_ticks();
    copy_writer(&c);
    pthread_join(reader, NULL);
    t1 = bench_ticks();
    pthread_barrier_destroy(&c.go);
    free(c.bufs);
    free(c.full);
    free(c.sums);
    if (c.bad)
        return -1;
    return (double)count * MSG_PAYLOAD_BYTES / ((double)(t1 - t0) / bench_ticks_per_ns());
}
