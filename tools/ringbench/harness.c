/* tools/ringbench/harness.c: runs one ring on one configuration: two threads pinned to two
 * CPUs, the front end sending sequence-numbered requests and the back end answering them,
 * waiting by busy polling or on a futex. Invariant: the harness waits only when the ring said
 * there is nothing to do, and in sleep mode only after arming the ring's notification. */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

#include "abi/errno.h"
#include "tools/ringbench/bench.h"

#define CALIBRATE_NS 50000000L /* TSC calibration window */
#define NS_PER_S 1000000000.0
#define BENCH_PAGE 4096 /* shared areas are whole, page-aligned pages */

static pthread_barrier_t start_line;

uint64_t bench_ticks(void)
{
    return __rdtsc();
}

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * NS_PER_S + (double)ts.tv_nsec;
}

/* TSC ticks per nanosecond, measured once against CLOCK_MONOTONIC. */
double bench_ticks_per_ns(void)
{
    static double rate;
    struct timespec nap = { 0, CALIBRATE_NS };
    double t0, t1;
    uint64_t c0, c1;

    if (rate == 0) {
        t0 = now_ns();
        c0 = bench_ticks();
        nanosleep(&nap, NULL);
        t1 = now_ns();
        c1 = bench_ticks();
        rate = (double)(c1 - c0) / (t1 - t0);
    }
    return rate;
}

void bench_pin(int cpu)
{
    cpu_set_t set;

    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

void *bench_alloc(size_t bytes)
{
    size_t rounded = (bytes + BENCH_PAGE - 1) / BENCH_PAGE * BENCH_PAGE;
    void *p = aligned_alloc(BENCH_PAGE, rounded);

    if (p == NULL)
        abort();
    memset(p, 0, rounded);
    return p;
}

void bench_evt_notify(struct bench_evt *e)
{
    __atomic_fetch_add(&e->word, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, &e->word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

uint32_t bench_evt_snap(const struct bench_evt *e)
{
    return __atomic_load_n(&e->word, __ATOMIC_SEQ_CST);
}

void bench_evt_wait(struct bench_evt *e, uint32_t snap)
{
    syscall(SYS_futex, &e->word, FUTEX_WAIT_PRIVATE, snap, NULL, NULL, 0);
}

static void notify(struct bench_run *r, int side)
{
    r->side[side].notifies++;
    if (r->cfg->mode == BENCH_SLEEP)
        bench_evt_notify(&r->side[!side].wake);
}

static bool stopped(struct bench_run *r)
{
    return __atomic_load_n(&r->stop, __ATOMIC_RELAXED) != 0;
}

/* A side failed: make the other stop waiting for it. */
static void fail_side(struct bench_run *r)
{
    __atomic_store_n(&r->stop, 1, __ATOMIC_RELAXED);
    bench_evt_notify(&r->side[SIDE_BACK].wake);
    bench_evt_notify(&r->side[SIDE_FRONT].wake);
}

/* Nothing to do: poll the peer's index read-only, or arm and sleep. <0 on protocol error. */
static int wait_side(struct bench_run *r, int side, uint32_t snap)
{
    bool (*peek)(struct bench_run *) = side == SIDE_FRONT ? r->ops->front_peek
                                                          : r->ops->back_peek;
    int (*arm)(struct bench_run *) = side == SIDE_FRONT ? r->ops->front_arm : r->ops->back_arm;
    int ready;

    if (r->cfg->mode != BENCH_SLEEP) {
        while (!peek(r))
            if (stopped(r))
                return -XEN_EINTR;
            else
                _mm_pause();
        return 0;
    }
    ready = arm(r);
    if (ready == 0)
        bench_evt_wait(&r->side[side].wake, snap);
    if (stopped(r))
        return -XEN_EINTR;
    return ready < 0 ? ready : 0;
}

/* Send as many batches as fit, decide on notification, reap what came back. */
static int front_pass(struct bench_run *r, uint64_t *sent, uint64_t *got)
{
    const struct bench_cfg *c = r->cfg;
    bool progress = false;
    uint32_t k;
    int m;

    while (*sent < c->msgs) {
        k = c->msgs - *sent < c->batch ? (uint32_t)(c->msgs - *sent) : c->batch;
        if (r->ops->space(r) < k)
            break;
        if (r->ops->send(r, *sent, k))
            notify(r, SIDE_FRONT);
        *sent += k;
        progress = true;
    }
    if (r->ops->kick(r))
        notify(r, SIDE_FRONT);
    m = r->ops->reap(r, got);
    return m < 0 ? m : (m > 0 || progress);
}

static int front_stream(struct bench_run *r)
{
    uint64_t sent = 0, got = 0;
    uint32_t snap;
    int rc;

    while (got < r->cfg->msgs) {
        snap = bench_evt_snap(&r->side[SIDE_FRONT].wake);
        rc = front_pass(r, &sent, &got);
        if (rc == 0)
            rc = wait_side(r, SIDE_FRONT, snap);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int front_pingpong(struct bench_run *r)
{
    uint64_t seq, got = 0, t0;
    int m;

    for (seq = 0; seq < r->cfg->msgs; seq++) {
        t0 = bench_ticks();
        if (r->ops->send(r, seq, 1))
            notify(r, SIDE_FRONT);
        if (r->ops->kick(r))
            notify(r, SIDE_FRONT);
        do {
            while (!r->ops->front_peek(r))
                if (stopped(r))
                    return -XEN_EINTR;
                else
                    _mm_pause();
            m = r->ops->reap(r, &got);
        } while (m == 0);
        if (m < 0)
            return m;
        r->lat_ticks[seq] = bench_ticks() - t0;
    }
    return got == r->cfg->msgs ? 0 : -XEN_EBADMSG;
}

static int back_loop(struct bench_run *r)
{
    uint64_t served = 0;
    uint32_t snap, nt, i;
    int m;

    while (served < r->cfg->msgs) {
        snap = bench_evt_snap(&r->side[SIDE_BACK].wake);
        nt = 0;
        m = r->ops->serve(r, &served, &nt);
        for (i = 0; i < nt; i++)
            notify(r, SIDE_BACK);
        if (m == 0)
            m = wait_side(r, SIDE_BACK, snap);
        if (m < 0)
            return m;
    }
    return 0;
}

static void *front_main(void *arg)
{
    struct bench_run *r = arg;
    uint64_t t0;

    bench_pin(BENCH_CPU_FRONT);
    pthread_barrier_wait(&start_line);
    t0 = bench_ticks();
    r->side[SIDE_FRONT].err = r->cfg->mode == BENCH_PINGPONG ? front_pingpong(r)
                                                             : front_stream(r);
    r->ticks = bench_ticks() - t0;
    if (r->side[SIDE_FRONT].err != 0)
        fail_side(r);
    return NULL;
}

static void *back_main(void *arg)
{
    struct bench_run *r = arg;

    bench_pin(BENCH_CPU_BACK);
    pthread_barrier_wait(&start_line);
    r->side[SIDE_BACK].err = back_loop(r);
    if (r->side[SIDE_BACK].err != 0)
        fail_side(r);
    return NULL;
}

/* Run r (cfg and ops set). Returns 0 when every message checked out, else negative. */
int bench_run_one(struct bench_run *r)
{
    pthread_t front, back;
    int rc;

    memset(r->side, 0, sizeof(r->side));
    r->stop = 0;
    r->payload = r->cfg->big ? bench_alloc((size_t)r->cfg->slots * MSG_PAYLOAD_BYTES) : NULL;
    rc = r->ops->open(r);
    if (rc != 0)
        return rc;
    pthread_barrier_init(&start_line, NULL, 2);
    pthread_create(&back, NULL, back_main, r);
    pthread_create(&front, NULL, front_main, r);
    pthread_join(front, NULL);
    pthread_join(back, NULL);
    pthread_barrier_destroy(&start_line);
    r->ops->close(r);
    free(r->payload);
    return r->side[SIDE_FRONT].err != 0 ? r->side[SIDE_FRONT].err : r->side[SIDE_BACK].err;
}
