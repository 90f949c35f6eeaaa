/* Benchmark: path length of a null hypercall (xen_version(XENVER_version) through the
 * hypercall page). Under QEMU -icount shift=0 the TSC counts retired instructions, so
 *     (TSC of N calls - TSC of the same loop without the call) / N
 * is the instructions per call: our argument setup, the stub and the hypervisor's path. The
 * smallest of several rounds is kept, so a timer interrupt inside one round does not count. */
#include <stdbool.h>

#include "abi/version.h"
#include "pvguest/console.h"
#include "pvguest/hypercall.h"
#include "pvguest/test.h"

#define BENCH_CALLS  1000
#define BENCH_ROUNDS 10
#define BENCH_TSC_HI_SHIFT 32

static inline uint64_t bench_rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
    return ((uint64_t)hi << BENCH_TSC_HI_SHIFT) | lo;
}

/* One round: N hypercalls; false if any result differed from `want`. */
static bool bench_round_calls(long want, uint64_t *ticks)
{
    bool ok = true;
    uint64_t t0 = bench_rdtsc();

    for (unsigned int i = 0; i < BENCH_CALLS; i++)
        ok &= hypercall_xen_version(XENVER_version, 0) == want;
    *ticks = bench_rdtsc() - t0;
    return ok;
}

/* The same loop with the call replaced by an empty asm that keeps the loop alive. */
static uint64_t bench_round_empty(long want)
{
    bool ok = true;
    uint64_t t0 = bench_rdtsc();

    for (unsigned int i = 0; i < BENCH_CALLS; i++) {
        long v = want;

        __asm__ volatile("" : "+a"(v) :: "memory");
        ok &= v == want;
    }
    __asm__ volatile("" :: "r"(ok));
    return bench_rdtsc() - t0;
}

TEST_CASE(bench_null_hypercall);
static int bench_null_hypercall(struct test_ctx *t)
{
    long version = hypercall_xen_version(XENVER_version, 0);
    uint64_t best_call = ~0ULL, best_empty = ~0ULL, ticks;

    for (unsigned int r = 0; r < BENCH_ROUNDS; r++) {
        if (!bench_round_calls(version, &ticks))
            return test_fail(t, "xen_version changed its answer during the benchmark");
        best_call = ticks < best_call ? ticks : best_call;
        ticks = bench_round_empty(version);
        best_empty = ticks < best_empty ? ticks : best_empty;
    }
    if (best_call <= best_empty)
        return test_error(t, "TSC did not advance (call %lu, empty %lu)", best_call, best_empty);
    printk("BENCH null_hypercall %lu\n", (best_call - best_empty) / BENCH_CALLS);
    printk("pvguest: bench: %u calls in %lu ticks, empty loop %lu ticks\n", BENCH_CALLS,
           best_call, best_empty);
    return test_pass(t);
}
