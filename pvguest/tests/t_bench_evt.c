/* Two-domain event benchmarks (tests/bench/evt-pingpong), in TSC ticks, which count retired
 * instructions under QEMU -icount shift=0 (one machine-wide clock, so domains compare):
 *   evt_pingpong_rtt     domain 1 sends, domain 0's handler echoes, domain 1's handler sees
 *                        it; best of BENCH_ROUNDS batches of BENCH_BATCH, per round trip.
 *   evt_send_to_upcall   domain 1 spins until the TSC crosses a multiple of BENCH_PERIOD and
 *                        sends at once; domain 0 takes the TSC first thing in its port handler:
 *                        handler TSC mod BENCH_PERIOD is the latency, plus the sender's overshoot
 *                        of the boundary (printed, a few instructions). Best of BENCH_SENDS.
 * Both include the guests' own paths (upcall entry, scan, handler; SCHEDOP_block) and the
 * switch between domains, as any pair of real guests would see them. */
#include "pvguest/console.h"
#include "pvguest/events.h"
#include "pvguest/sched.h"
#include "pvguest/test.h"
#include "pvguest/tests/t_evt_pair.h"
#include "pvguest/time.h"

#define BENCH_ROUNDS  10
#define BENCH_BATCH   100
#define BENCH_SENDS   20
#define BENCH_PERIOD  (1ULL << 20) /* far above any latency measured here */
#define BENCH_TOTAL   (BENCH_ROUNDS * BENCH_BATCH + BENCH_SENDS)

/* Waits for c->hits >= hits without a guard timer: arming one is a hypercall on the path being
 * measured (a lost event hangs the run instead, which make bench's timeout reports). */
struct bench_waiter {
    struct evt_counter *c;
    unsigned int hits;
};

static bool bench_answered(void *arg)
{
    const struct bench_waiter *w = arg;

    return *(volatile unsigned int *)&w->c->hits >= w->hits;
}

static long bench_wait(struct evt_counter *c, unsigned int hits)
{
    struct bench_waiter w = { .c = c, .hits = hits };

    return sched_wait(bench_answered, &w);
}

/* Domain 0: echoes every event; from the ping-pong's end on, times each arrival. */
TEST_CASE_MANUAL(evt_bench_server);
static int evt_bench_server(struct test_ctx *t)
{
    struct evt_counter c = { 0 };
    uint64_t best = ~0ULL;
    evtchn_port_t port;
    long rc = evt_pair_offer(&port);

    if (rc)
        return test_error(t, "alloc_unbound: %ld", rc);
    events_bind(port, evt_count, &c);
    for (unsigned int i = 1; i <= BENCH_TOTAL && !rc; i++) {
        if (i == 1 ? !evt_pair_wait(&c, i, EVT_PAIR_TIMEOUT_NS) : bench_wait(&c, i) != 0)
            return test_fail(t, "event %u never came", i);
        if (i > BENCH_ROUNDS * BENCH_BATCH) {
            uint64_t lat = c.last_tsc % BENCH_PERIOD;

            best = lat < best ? lat : best;
        }
        rc = events_send(port);
    }
    events_close(port);
    if (rc || c.hits != BENCH_TOTAL)
        return test_fail(t, "send %ld, %u events, want %u", rc, c.hits, BENCH_TOTAL);
    printk("BENCH evt_send_to_upcall %lu\n", best);
    return test_pass(t);
}

/* One batch of round trips; the TSC ticks it took, or 0 if an answer did not come. */
static uint64_t bench_batch(evtchn_port_t port, struct evt_counter *c)
{
    uint64_t t0 = time_rdtsc();

    for (unsigned int b = 0; b < BENCH_BATCH; b++) {
        unsigned int want = c->hits + 1;

        if (events_send(port) || bench_wait(c, want))
            return 0;
    }
    return time_rdtsc() - t0;
}

/* Sends at the next BENCH_PERIOD boundary; returns by how much the TSC had passed it. */
static uint64_t bench_send_on_boundary(evtchn_port_t port)
{
    uint64_t target = (time_rdtsc() / BENCH_PERIOD + 1) * BENCH_PERIOD, now;

    do
        now = time_rdtsc();
    while (now < target);
    events_send(port);
    return now - target;
}

TEST_CASE_MANUAL(evt_bench_client);
static int evt_bench_client(struct test_ctx *t)
{
    struct evt_counter c = { 0 };
    uint64_t best = ~0ULL, slack = 0;
    evtchn_port_t port;
    long rc = evt_pair_connect(&port);

    if (rc)
        return test_fail(t, "no port offered: %ld", rc);
    events_bind(port, evt_count, &c);
    for (unsigned int r = 0; r < BENCH_ROUNDS; r++) {
        uint64_t ticks = bench_batch(port, &c);

        if (!ticks)
            return test_fail(t, "round %u: an answer did not come (%u)", r, c.hits);
        best = ticks < best ? ticks : best;
    }
    for (unsigned int s = 0; s < BENCH_SENDS; s++) {
        unsigned int want = c.hits + 1;
        uint64_t over = bench_send_on_boundary(port);

        slack = over > slack ? over : slack;
        rc = bench_wait(&c, want);
        if (rc)
            return test_fail(t, "timed send %u: wait %ld", s, rc);
    }
    events_close(port);
    printk("BENCH evt_pingpong_rtt %lu\n", best / BENCH_BATCH);
    printk("pvguest: bench: sender passed the boundary by at most %lu ticks\n", slack);
    return test_pass(t);
}
