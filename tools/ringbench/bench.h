/* tools/ringbench/bench.h: what ringbench measures and the interface every ring under test
 * implements. Invariant: a result exists only for a run whose every request and response
 * carried the expected sequence number and payload checksum. */
#ifndef RINGBENCH_BENCH_H
#define RINGBENCH_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tools/ringbench/msg.h"

enum bench_mode {
    BENCH_STREAM,   /* both threads busy-poll; round trips per second */
    BENCH_PINGPONG, /* one request in flight; latency of each round trip */
    BENCH_SLEEP,    /* both threads sleep on a futex when idle; notifications per message */
};

struct bench_cfg {
    enum bench_mode mode;
    uint32_t slots;   /* ring slots (requests in flight at most) */
    uint32_t batch;   /* requests per publication */
    bool big;         /* 4 KiB payload per request */
    uint64_t msgs;    /* round trips in the run */
};

/* An event channel between the two threads: a counter bumped by each notification. */
struct bench_evt {
    uint32_t word;
};

struct ring_ops;

enum { SIDE_FRONT, SIDE_BACK };

/* Data written by different CPUs sits this far apart (adjacent-line prefetch pairs lines). */
#define BENCH_GAP 128

/* What one side's thread writes while it runs, in a block of its own so that the harness
 * adds no false sharing to the ring under test. */
struct bench_side {
    _Alignas(BENCH_GAP) struct bench_evt wake; /* bumped by the peer to wake this side */
    uint64_t notifies;                         /* notifications this side sent */
    int err;                                   /* this side's first error */
};

/* One run of one ring on one configuration. */
struct bench_run {
    const struct bench_cfg *cfg;
    const struct ring_ops *ops;
    void *ring;              /* the ring's own state, shared and private */
    uint8_t *payload;        /* cfg->slots buffers of MSG_PAYLOAD_BYTES, or NULL */
    uint64_t *lat_ticks;     /* per round trip (ping-pong) */
    uint64_t ticks;          /* front's time from first request to last response */
    struct bench_side side[2];
    _Alignas(BENCH_GAP) int stop; /* set by a side that failed: the other stops waiting */
};

/*
 * A ring under test. The front end fills requests and consumes responses; the back end
 * consumes requests and answers each. Each ring drives its own protocol as its reference
 * user does (see each ring_*.c); the harness only decides when to wait.
 */
struct ring_ops {
    const char *name;
    int (*open)(struct bench_run *r);
    void (*close)(struct bench_run *r);
    uint32_t (*space)(struct bench_run *r);            /* requests that may be sent now */
    bool (*send)(struct bench_run *r, uint64_t seq, uint32_t n); /* true: notify back */
    bool (*kick)(struct bench_run *r);                 /* deferred notify decision */
    int (*reap)(struct bench_run *r, uint64_t *next);  /* responses checked, or -err */
    int (*front_arm)(struct bench_run *r);             /* >0 work, 0 may sleep, <0 err */
    bool (*front_peek)(struct bench_run *r);           /* read-only: responses pending? */
    int (*serve)(struct bench_run *r, uint64_t *next, uint32_t *notify); /* count or -err */
    int (*back_arm)(struct bench_run *r);
    bool (*back_peek)(struct bench_run *r);            /* read-only: requests pending? */
};

extern const struct ring_ops ring_keel_ops, ring_xen_ops, ring_virtio_ops, ring_naive_ops;

/* harness.c */
int bench_run_one(struct bench_run *r);
uint64_t bench_ticks(void);
double bench_ticks_per_ns(void);
void bench_pin(int cpu);
void bench_evt_notify(struct bench_evt *e);
uint32_t bench_evt_snap(const struct bench_evt *e);
void bench_evt_wait(struct bench_evt *e, uint32_t snap);
void *bench_alloc(size_t bytes);

#define BENCH_CPU_FRONT 0
#define BENCH_CPU_BACK 1

#endif /* RINGBENCH_BENCH_H */
