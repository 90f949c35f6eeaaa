/* Benchmark: path length of EVTCHNOP_send on a loopback interdomain channel (a -> b in our own
 * domain), b masked so no upcall runs. Method as t_bench.c: under QEMU -icount shift=0 the TSC
 * counts retired instructions, and (TSC of N sends - TSC of the same loop without the send) / N,
 * best of several rounds, is the cost of one send. Two figures: b's pending bit cleared before
 * every send (the bit is newly set: pending word, mask test, pollers), and b left pending (the
 * hypervisor stops at the pending bit). */
#include <stdbool.h>

#include "abi/errno.h"
#include "abi/xen.h"
#include "pvguest/boot.h"
#include "pvguest/console.h"
#include "pvguest/events.h"
#include "pvguest/test.h"

#define BEV_CALLS          1000
#define BEV_ROUNDS         10
#define BEV_TSC_HI_SHIFT   32
#define BEV_WORD_BITS      (sizeof(xen_ulong_t) * __CHAR_BIT__)

static inline uint64_t bev_rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
    return ((uint64_t)hi << BEV_TSC_HI_SHIFT) | lo;
}

/* The guest side of "clear b's pending bit": one locked and, in both loops alike. */
static inline void bev_clear(volatile xen_ulong_t *word, xen_ulong_t bit)
{
    __atomic_fetch_and(word, ~bit, __ATOMIC_SEQ_CST);
}

struct bev {
    evtchn_port_t a, b;
    volatile xen_ulong_t *b_word; /* b's word of shared_info.evtchn_pending */
    xen_ulong_t b_bit;
    bool clear;                   /* clear b's pending bit before each send */
};

/* One round of sends; false if a send failed. */
static bool bev_round_sends(const struct bev *c, uint64_t *ticks)
{
    long bad = 0;
    uint64_t t0 = bev_rdtsc();

    for (unsigned int i = 0; i < BEV_CALLS; i++) {
        if (c->clear)
            bev_clear(c->b_word, c->b_bit);
        bad |= events_send(c->a);
    }
    *ticks = bev_rdtsc() - t0;
    return bad == 0;
}

/* The same loop with the send replaced by an empty asm producing its result. */
static uint64_t bev_round_empty(const struct bev *c)
{
    long bad = 0;
    uint64_t t0 = bev_rdtsc();

    for (unsigned int i = 0; i < BEV_CALLS; i++) {
        long rc = 0;

        if (c->clear)
            bev_clear(c->b_word, c->b_bit);
        __asm__ volatile("" : "+a"(rc) :: "memory");
        bad |= rc;
    }
    __asm__ volatile("" :: "r"(bad));
    return bev_rdtsc() - t0;
}

/* Opens the loopback channel with b masked; 0 or the failing call's error. */
static long bev_open(struct bev *c, bool clear)
{
    long rc;

    if (!boot_shared_info())
        return -XEN_EFAULT;
    rc = events_alloc_unbound(DOMID_SELF, &c->a);
    if (rc)
        return rc;
    rc = events_bind_interdomain(DOMID_SELF, c->a, &c->b);
    if (rc) {
        events_close(c->a);
        return rc;
    }
    events_mask(c->b);
    c->b_word = &boot_shared_info()->evtchn_pending[c->b / BEV_WORD_BITS];
    c->b_bit = (xen_ulong_t)1 << (c->b % BEV_WORD_BITS);
    c->clear = clear;
    return 0;
}

static int bev_run(struct test_ctx *t, const char *figure, bool clear)
{
    struct bev c;
    uint64_t best_send = ~0ULL, best_empty = ~0ULL, ticks;
    long rc = bev_open(&c, clear);
    bool ok = true, pending = false;

    if (rc)
        return test_error(t, "loopback channel: %ld", rc);
    for (unsigned int r = 0; r < BEV_ROUNDS && ok; r++) {
        ok = bev_round_sends(&c, &ticks);
        pending = events_is_pending(c.b);
        best_send = ticks < best_send ? ticks : best_send;
        ticks = bev_round_empty(&c);
        best_empty = ticks < best_empty ? ticks : best_empty;
    }
    events_close(c.b);
    events_close(c.a);
    if (!ok || !pending)
        return test_fail(t, "send failed (%d) or the peer end is not pending (%d)", !ok, pending);
    if (best_send <= best_empty)
        return test_error(t, "TSC did not advance (send %lu, empty %lu)", best_send, best_empty);
    printk("BENCH %s %lu\n", figure, (best_send - best_empty) / BEV_CALLS);
    return test_pass(t);
}

TEST_CASE(bench_evtchn_send);
static int bench_evtchn_send(struct test_ctx *t)
{
    return bev_run(t, "evtchn_send", true);
}

TEST_CASE(bench_evtchn_send_pending);
static int bench_evtchn_send_pending(struct test_ctx *t)
{
    return bev_run(t, "evtchn_send_pending", false);
}
