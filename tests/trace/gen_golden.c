/* Writes the golden traces with the real recorder (hv/trace.c) and the fake clock and port:
 * two.bin, a two-domain sequence (three mmu_update batches with one deliberate -EPERM, event
 * sends both ways, switches, a multicall, a trap, a crash, a shutdown), and lost.bin, a tiny
 * buffer that overflows. Usage: gen_golden TWO.bin LOST.bin. Deterministic byte for byte. */
#include <stdio.h>
#include <stdlib.h>

#include "abi/console_io.h"
#include "abi/evtchn.h"
#include "abi/hcall.h"
#include "abi/mmu.h"
#include "abi/sched.h"
#include "abi/version.h"
#include "abi/xen.h"
#include "hv/trace.h"
#include "tests/trace/fake.h"

#define D0 0
#define D1 1
#define V0 0
#define PTE_PRESENT_RW_USER 0x67u          /* P|RW|US|A|D */
#define PTE_NX (1ull << 63)
#define PTE_PS 0x80u
#define L1 1
#define L2 2
#define L4 4
#define REQS_VA 0xffff808000010000ull      /* guest buffers named in the arguments */
#define OPS_VA 0xffff808000011000ull
#define CALLS_VA 0xffff808000012000ull
#define PT_MA(mfn, slot) (((uint64_t)(mfn) << 12) | ((uint64_t)(slot) * 8))
#define PORT_D0 3
#define PORT_D1 5
#define GOLDEN_XEN_VERSION 0x40011        /* 4.17 */
#define MC_VA 0x0000000000400000ull       /* the page the multicall's update_va_mapping maps */
#define MC_MFN 0x3004
#define GOLDEN_KHZ 100000                  /* two.bin: a 100 MHz clock, 10 ns per cycle */
#define WORK 100                           /* cycles of simulated work per request */

struct hcall_args {
    uint64_t a[KEEL_TRACE_HCALL_ARGS];
};

static uint64_t enter(uint16_t d, uint64_t nr, struct hcall_args args)
{
    return trace_hcall_entry(d, V0, nr, args.a, KEEL_TRACE_HCALL_ARGS);
}

static void leave(uint16_t d, uint64_t nr, int64_t result, uint64_t t0)
{
    fake_advance(WORK);
    trace_hcall_exit(d, V0, nr, result, t0);
}

/* A one-shot hypercall with no inner records. */
static void simple(uint16_t d, uint64_t nr, struct hcall_args args, int64_t result)
{
    leave(d, nr, result, enter(d, nr, args));
}

/* mmu_update of n requests into a level-`level` table at mfn; request `bad` fails with err
 * and ends the batch (Xen stops at the first failure). bad = n for no failure. */
static void mmu_batch(uint16_t d, uint64_t mfn, unsigned int level, unsigned int n,
                      unsigned int bad, int err, uint64_t frame0, uint64_t extra)
{
    struct hcall_args a = { { REQS_VA, n, 0, DOMID_SELF } };
    uint64_t t0 = enter(d, __HYPERVISOR_mmu_update, a);
    int64_t rc = 0;

    for (unsigned int i = 0; i < n && i <= bad; i++) {
        uint64_t val = ((frame0 + i) << 12) | PTE_PRESENT_RW_USER | extra;
        int r = i == bad ? err : 0;

        fake_advance(WORK);
        trace_mmu_update(d, V0, i, PT_MA(mfn, i) | MMU_NORMAL_PT_UPDATE, val, level, r);
        rc = r;
    }
    leave(d, __HYPERVISOR_mmu_update, rc, t0);
}

static void mmuext_pin_and_switch(uint16_t d, uint64_t l4_mfn)
{
    struct hcall_args a = { { OPS_VA, 2, 0, DOMID_SELF } };
    uint64_t t0 = enter(d, __HYPERVISOR_mmuext_op, a);

    fake_advance(WORK);
    trace_mmuext_op(d, V0, 0, MMUEXT_PIN_L4_TABLE, l4_mfn, 0, 0);
    fake_advance(WORK);
    trace_mmuext_op(d, V0, 1, MMUEXT_NEW_BASEPTR, l4_mfn, 0, 0);
    leave(d, __HYPERVISOR_mmuext_op, 0, t0);
}

static void send(uint16_t d, uint32_t port, uint16_t rd, uint32_t rport)
{
    struct hcall_args a = { { EVTCHNOP_send, REQS_VA } };
    uint64_t t0 = enter(d, __HYPERVISOR_event_channel_op, a);

    trace_evt_send(d, V0, port, rd, rport);
    leave(d, __HYPERVISOR_event_channel_op, 0, t0);
}

static void multicall_two(uint16_t d)
{
    struct hcall_args a = { { CALLS_VA, 2 } };
    uint64_t t0 = enter(d, __HYPERVISOR_multicall, a);

    struct multicall_entry e0 = { .op = __HYPERVISOR_update_va_mapping, .result = 0,
                                  .args = { MC_VA, PT_MA(MC_MFN, 0) | PTE_PRESENT_RW_USER,
                                            UVMF_INVLPG } };
    struct multicall_entry e1 = { .op = __HYPERVISOR_xen_version, .result = GOLDEN_XEN_VERSION,
                                  .args = { XENVER_version } };

    fake_dom = d;
    fake_vcpu = V0;
    fake_advance(WORK);
    trace_multicall(0, &e0);
    fake_advance(WORK);
    trace_multicall(1, &e1);
    leave(d, __HYPERVISOR_multicall, 0, t0);
}

/* The two-domain sequence, in the order a reader of two.dump sees it. */
static void two_domains(void)
{
    struct hcall_args a;

    trace_dom_create(D0, 8192, 1, KEEL_TRACE_DOMF_PRIVILEGED);
    trace_dom_create(D1, 4096, 1, 0);
    trace_sched_switch(DOMID_IDLE, 0, D0, V0);
    a = (struct hcall_args){ { XENVER_version, 0 } };
    simple(D0, __HYPERVISOR_xen_version, a, GOLDEN_XEN_VERSION);
    a = (struct hcall_args){ { CONSOLEIO_write, 12, REQS_VA } };
    simple(D0, __HYPERVISOR_console_io, a, 12);
    mmu_batch(D0, 0x1234, L1, 3, 3, 0, 0x5000, 0);          /* batch 1: all succeed */
    mmuext_pin_and_switch(D0, 0x2000);
    send(D0, PORT_D0, D1, PORT_D1);
    /* d0 blocks; d1 runs inside d0's open sched_op: pairing must not mix them up. */
    a = (struct hcall_args){ { SCHEDOP_block, 0 } };
    {
        uint64_t t_block = enter(D0, __HYPERVISOR_sched_op, a);

        trace_sched_switch(D0, V0, D1, V0);
        trace_evt_upcall(D1, V0, 1);
        mmu_batch(D1, 0x3000, L1, 3, 2, -XEN_EPERM, 0x3001, 0);  /* batch 2: [2] maps an L1 RW */
        mmu_batch(D1, 0x3100, L2, 2, 2, 0, 0x3200, PTE_NX);       /* batch 3: two L2 entries */
        multicall_two(D1);
        send(D1, PORT_D1, D0, PORT_D0);
        trace_trap_bounce(D1, V0, 14, 0x2, 0xffffffff80001234ull, 0xdeadb000ull);
        trace_dom_crash(D1, V0, 0xffffffff80001234ull, "#PF with no handler registered");
        trace_sched_switch(D1, V0, D0, V0);
        trace_evt_upcall(D0, V0, 1);
        leave(D0, __HYPERVISOR_sched_op, 0, t_block);
    }
    a = (struct hcall_args){ { KEEL_TRACEOP_set_mask, KEEL_TRC_ALL } };
    {
        uint64_t t0 = enter(D0, KEEL_HYPERVISOR_trace_op, a);
        long rc = trace_op(D0, V0, true, KEEL_TRACEOP_set_mask, KEEL_TRC_ALL);

        leave(D0, KEEL_HYPERVISOR_trace_op, rc, t0);
    }
    a = (struct hcall_args){ { SCHEDOP_shutdown, 0 } };
    enter(D0, __HYPERVISOR_sched_op, a);                  /* never returns */
    trace_dom_shutdown(D0, V0, SHUTDOWN_poweroff, 0);
}

#define LOST_BUF_KIB 1
#define LOST_CALLS 20        /* 72 + 40 bytes each: 9 fit in 1 KiB, 11 x 2 records lost */
#define LOST_AFTER 3         /* calls after the first drain: no loss */

static void overflow(void)
{
    struct hcall_args a = { { XENVER_version, 0 } };

    for (unsigned int i = 0; i < LOST_CALLS; i++)
        simple(D1, __HYPERVISOR_xen_version, a, GOLDEN_XEN_VERSION);
    trace_drain();
    for (unsigned int i = 0; i < LOST_AFTER; i++)
        simple(D1, __HYPERVISOR_xen_version, a, GOLDEN_XEN_VERSION);
    trace_drain();
}

/* khz: the clock rate the stream header gives (0: unknown, cycles only). */
static int golden(const char *path, uint32_t kib, uint32_t mask, uint64_t khz,
                  void (*scenario)(void))
{
    struct trace_config cfg = { .mask = mask, .buf_kib = kib, .nr_cpus = 1 };

    fake_reset();
    fake_khz = khz;
    if (trace_init(&cfg) != 0)
        return -1;
    scenario();
    trace_drain();
    return fake_save(path);
}

int main(int argc, char **argv)
{
    uint32_t all_but_grant = KEEL_TRC_ALL & ~KEEL_TRC_BIT(KEEL_TRC_GRANT);

    if (argc != 3) {
        fprintf(stderr, "usage: gen_golden TWO.bin LOST.bin\n");
        return 1;
    }
    if (golden(argv[1], TRACE_BUF_DEFAULT_KIB, all_but_grant, GOLDEN_KHZ, two_domains) != 0 ||
        golden(argv[2], LOST_BUF_KIB, KEEL_TRC_BIT(KEEL_TRC_HCALL), 0, overflow) != 0) {
        fprintf(stderr, "gen_golden: cannot write the traces\n");
        return 1;
    }
    return 0;
}
