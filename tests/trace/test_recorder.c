/* Host tests of the trace recorder (hv/trace.c) on the fake port and clock: boot options,
 * records round-tripped through keeltrace's reader, lost-record accounting, framing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hv/trace.h"
#include "tests/trace/fake.h"
#include "tools/keeltrace/reader.h"

#define HDR_BYTES sizeof(struct keel_trace_stream_hdr)
#define ENTRY_BYTES (sizeof(struct keel_trace_rec) + sizeof(struct keel_tr_hcall_entry))
#define SENTINEL 0x5a5a000000000000ull
#define MASK_SENTINEL 0xdeadbeefu

static const uint64_t args6[KEEL_TRACE_HCALL_ARGS] = {
    SENTINEL | 1, SENTINEL | 2, SENTINEL | 3, SENTINEL | 4, SENTINEL | 5, SENTINEL | 6,
};

static void start(uint32_t mask, uint32_t kib, unsigned int cpus)
{
    struct trace_config cfg = { .mask = mask, .buf_kib = kib, .nr_cpus = cpus };

    fake_reset();
    assert_int_equal(trace_init(&cfg), 0);
}

/* Parses what the fake port captured; fails the test on a parse error. */
static void parse(struct kt_trace *t)
{
    struct kt_err err;

    if (kt_parse(fake_port.buf, fake_port.len, false, t, &err) != 0)
        fail_msg("parse failed at offset %llu: %s", (unsigned long long)err.off, err.msg);
}

static size_t count_event(const struct kt_trace *t, uint16_t ev)
{
    size_t n = 0;

    for (size_t i = 0; i < t->nrecs; i++)
        n += t->recs[i].event == ev;
    return n;
}

struct class_case {
    const char *in;
    int rc;
    uint32_t mask;
};

static void test_parse_classes(void **state)
{
    const uint32_t meta = KEEL_TRC_BIT(KEEL_TRC_META);
    const struct class_case cases[] = {
        { "hcall", 0, meta | KEEL_TRC_BIT(KEEL_TRC_HCALL) },
        { "hcall,mm", 0, meta | KEEL_TRC_BIT(KEEL_TRC_HCALL) | KEEL_TRC_BIT(KEEL_TRC_MM) },
        { "evt,sched,trap,dom,grant", 0, KEEL_TRC_ALL & ~KEEL_TRC_BIT(KEEL_TRC_HCALL) &
                                             ~KEEL_TRC_BIT(KEEL_TRC_MM) },
        { "all", 0, KEEL_TRC_ALL }, { "none", 0, meta },
        { "mm console=com1", 0, meta | KEEL_TRC_BIT(KEEL_TRC_MM) },
        { "", -XEN_EINVAL, 0 }, { "hcall,", -XEN_EINVAL, 0 }, { ",hcall", -XEN_EINVAL, 0 },
        { "hcal", -XEN_EINVAL, 0 }, { "hcalls", -XEN_EINVAL, 0 }, { "HCALL", -XEN_EINVAL, 0 },
        { "hcall,,mm", -XEN_EINVAL, 0 }, { "meta", -XEN_EINVAL, 0 },
    };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        uint32_t m = MASK_SENTINEL;
        int rc = trace_parse_classes(cases[i].in, &m);

        if (rc != cases[i].rc)
            fail_msg("trace=%s: rc %d, want %d", cases[i].in, rc, cases[i].rc);
        if (m != (rc == 0 ? cases[i].mask : MASK_SENTINEL))
            fail_msg("trace=%s: mask 0x%x", cases[i].in, m);
    }
}

static void test_parse_bufsize(void **state)
{
    const struct { const char *in; int rc; uint32_t kib; } cases[] = {
        { "1", 0, 1 }, { "64", 0, 64 }, { "256 trace=all", 0, TRACE_POOL_KIB },
        { "0", -XEN_EINVAL, 0 }, { "257", -XEN_EINVAL, 0 }, { "12k", -XEN_EINVAL, 0 },
        { "", -XEN_EINVAL, 0 }, { "-1", -XEN_EINVAL, 0 },
        { "99999999999999999999", -XEN_EINVAL, 0 },
    };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        uint32_t kib = MASK_SENTINEL;
        int rc = trace_parse_bufsize(cases[i].in, &kib);

        if (rc != cases[i].rc || kib != (rc == 0 ? cases[i].kib : MASK_SENTINEL))
            fail_msg("tracebuf=%s: rc %d kib %u", cases[i].in, rc, kib);
    }
}

static void test_init_checks(void **state)
{
    struct trace_config bad[] = {
        { .mask = 0, .buf_kib = 1, .nr_cpus = 0 },
        { .mask = 0, .buf_kib = 1, .nr_cpus = TRACE_MAX_CPUS + 1 },
        { .mask = 0, .buf_kib = 0, .nr_cpus = 1 },
        { .mask = KEEL_TRC_ALL + 1, .buf_kib = 1, .nr_cpus = 1 },
    };
    struct trace_config odd = { .buf_kib = 3, .nr_cpus = 1 };
    struct trace_config many = { .buf_kib = TRACE_POOL_KIB, .nr_cpus = TRACE_MAX_CPUS };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
        assert_int_equal(trace_init(&bad[i]), -XEN_EINVAL);
    fake_reset();
    assert_int_equal(trace_init(&odd), 0);
    assert_int_equal(trace_buf_bytes(), 2 * TRACE_KIB);       /* rounded down to 2^n */
    assert_non_null(strstr(fake_log, "tracebuf=3 KiB gives 2048 bytes"));
    assert_int_equal(trace_init(&many), 0);
    assert_int_equal(trace_buf_bytes(), TRACE_POOL_KIB * TRACE_KIB / TRACE_MAX_CPUS);
}

static void test_disabled_class_records_nothing(void **state)
{
    (void)state;
    start(KEEL_TRC_BIT(KEEL_TRC_MM), 1, 1);
    assert_int_equal(trace_hcall_entry(1, 0, 1, args6, KEEL_TRACE_HCALL_ARGS), 0);
    trace_evt_send(1, 0, 3, 2, 5);
    trace_sched_switch(0, 0, 1, 0);
    trace_dom_crash(1, 0, 0, "x");
    trace_drain();
    assert_int_equal(fake_port.len, HDR_BYTES);   /* the stream header, no block */
    trace_mmu_update(1, 0, 0, 0x1000, 0x2067, 1, 0);
    trace_drain();
    assert_int_equal(fake_port.len, HDR_BYTES + sizeof(struct keel_trace_block_hdr) +
                                        sizeof(struct keel_trace_rec) +
                                        sizeof(struct keel_tr_mmu_update));
}

/* Every kind through the wrappers, back through the reader, field by field. */
static void test_round_trip(void **state)
{
    struct kt_trace t;
    struct keel_tr_hcall_entry e;
    struct keel_tr_hcall_exit x;
    struct keel_tr_mmu_update mu;
    struct keel_tr_mmuext_op me;
    struct keel_tr_evt_send es;
    struct keel_tr_sched_switch sw;
    struct keel_tr_trap tr;
    struct keel_tr_dom_crash cr;
    uint64_t t0;

    (void)state;
    start(KEEL_TRC_ALL, TRACE_BUF_DEFAULT_KIB, 1);
    t0 = trace_hcall_entry(7, 3, 26, args6, KEEL_TRACE_HCALL_ARGS);
    trace_mmu_update(7, 3, 9, SENTINEL | 0x1008, SENTINEL | 0x67, 2, -XEN_EPERM);
    trace_mmuext_op(7, 3, 4, 3, SENTINEL | 0x11, SENTINEL | 0x22, -XEN_EINVAL);
    fake_advance(1000);
    trace_hcall_exit(7, 3, 26, -XEN_EINVAL, t0);
    trace_evt_send(7, 3, 11, 8, 12);
    trace_sched_switch(7, 3, 8, 1);
    trace_trap_bounce(8, 1, 14, 6, SENTINEL | 0x77, SENTINEL | 0x88);
    trace_dom_crash(8, 1, SENTINEL, "a reason that is longer than forty bytes, cut");
    trace_drain();
    parse(&t);
    assert_int_equal(t.nrecs, 8);
    for (size_t i = 1; i < t.nrecs; i++)
        assert_true(t.recs[i].tsc > t.recs[i - 1].tsc);
    assert_int_equal(t.recs[0].event, KEEL_TEV_HCALL_ENTRY);
    assert_int_equal(t.recs[0].domid, 7);
    assert_int_equal(t.recs[0].vcpu, 3);
    assert_int_equal(t.recs[0].tsc, t0);
    kt_payload(&t.recs[0], &e, sizeof(e));
    assert_int_equal(e.nr, 26);
    assert_memory_equal(e.args, args6, sizeof(args6));
    kt_payload(&t.recs[1], &mu, sizeof(mu));
    assert_true(mu.ptr == (SENTINEL | 0x1008) && mu.val == (SENTINEL | 0x67));
    assert_true(mu.result == -XEN_EPERM && mu.index == 9 && mu.level == 2);
    kt_payload(&t.recs[2], &me, sizeof(me));
    assert_true(me.cmd == 3 && me.index == 4 && me.result == -XEN_EINVAL);
    assert_true(me.arg1 == (SENTINEL | 0x11) && me.arg2 == (SENTINEL | 0x22));
    kt_payload(&t.recs[3], &x, sizeof(x));
    assert_true(x.nr == 26 && x.result == -XEN_EINVAL);
    /* From the entry's timestamp to the exit decision: the exit record's own clock reading
     * comes one fake step later. */
    assert_int_equal(x.cycles, t.recs[3].tsc - t0 - FAKE_CLOCK_STEP);
    assert_true(x.cycles >= 1000);
    kt_payload(&t.recs[4], &es, sizeof(es));
    assert_true(es.port == 11 && es.remote_dom == 8 && es.remote_port == 12);
    kt_payload(&t.recs[5], &sw, sizeof(sw));
    assert_true(sw.from_dom == 7 && sw.from_vcpu == 3 && sw.to_dom == 8 && sw.to_vcpu == 1);
    assert_true(t.recs[5].domid == 8 && t.recs[5].vcpu == 1);   /* on behalf of the incoming */
    kt_payload(&t.recs[6], &tr, sizeof(tr));
    assert_true(tr.vector == 14 && tr.error_code == 6 && tr.cr2 == (SENTINEL | 0x88));
    kt_payload(&t.recs[7], &cr, sizeof(cr));
    assert_memory_equal(cr.reason, "a reason that is longer than forty bytes", KEEL_TRACE_REASON_LEN);
    assert_int_equal(t.lost, 0);
    kt_trace_free(&t);
}

/* A 1 KiB buffer holds 14 hypercall entries; the rest are counted and reported once. */
static void test_full_buffer_counts_lost(void **state)
{
    const unsigned int n = 20, fit = TRACE_BUF_MIN_BYTES / ENTRY_BYTES;
    struct kt_trace t;
    struct keel_tr_lost l;

    (void)state;
    start(KEEL_TRC_BIT(KEEL_TRC_HCALL), 1, 1);
    for (unsigned int i = 0; i < n; i++)
        trace_hcall_entry(1, 0, i, args6, KEEL_TRACE_HCALL_ARGS);
    assert_int_equal(trace_lost_total(), n - fit);
    trace_drain();
    trace_drain();                               /* nothing more: no second report */
    parse(&t);
    assert_int_equal(count_event(&t, KEEL_TEV_HCALL_ENTRY), fit);
    assert_int_equal(count_event(&t, KEEL_TEV_LOST), 1);
    assert_int_equal(t.lost, n - fit);
    assert_int_equal(t.recs[t.nrecs - 1].event, KEEL_TEV_LOST);
    kt_payload(&t.recs[t.nrecs - 1], &l, sizeof(l));
    assert_int_equal(l.first_tsc, t.recs[fit - 1].tsc + FAKE_CLOCK_STEP);   /* the 15th */
    kt_trace_free(&t);
}

static void emit_during_drain(size_t nth_write)
{
    if (nth_write == 3)   /* stream header, block 1 header, block 1 records, block 2 header */
        trace_hcall_entry(2, 0, 99, args6, KEEL_TRACE_HCALL_ARGS);
}

/* Space freed by a drain in progress: the producer itself reports the drops, before its
 * own record, and the drain does not report them again. */
static void test_lost_reported_in_order(void **state)
{
    const unsigned int fit = 4 * TRACE_KIB / ENTRY_BYTES, extra = 4;
    struct kt_trace t;
    size_t lost_at = 0;

    (void)state;
    start(KEEL_TRC_BIT(KEEL_TRC_HCALL), 4, 1);
    for (unsigned int i = 0; i < fit + extra; i++)
        trace_hcall_entry(1, 0, i, args6, KEEL_TRACE_HCALL_ARGS);
    fake_write_hook = emit_during_drain;
    trace_drain();
    fake_write_hook = NULL;
    trace_drain();
    parse(&t);
    assert_int_equal(t.lost, extra);
    assert_int_equal(count_event(&t, KEEL_TEV_LOST), 1);
    for (size_t i = 0; i < t.nrecs; i++)
        if (t.recs[i].event == KEEL_TEV_LOST)
            lost_at = i;
    assert_int_equal(lost_at, fit);                       /* after every stored entry */
    assert_int_equal(t.recs[lost_at + 1].domid, 2);       /* before the new record */
    kt_trace_free(&t);
}

static void nested_emit(void)
{
    trace_evt_upcall(3, 0, 1);
}

/* A record started while this CPU is inside the recorder is dropped and counted. */
static void test_nested_record_counted(void **state)
{
    struct kt_trace t;

    (void)state;
    start(KEEL_TRC_ALL, 1, 1);
    fake_clock_hook = nested_emit;
    trace_evt_send(1, 0, 3, 2, 5);
    trace_drain();
    parse(&t);
    assert_int_equal(count_event(&t, KEEL_TEV_EVT_SEND), 1);
    assert_int_equal(count_event(&t, KEEL_TEV_EVT_UPCALL), 0);
    assert_int_equal(t.lost, 1);
    kt_trace_free(&t);
}

/* Two CPUs: each record lands in its CPU's block; the reader merges them by time. */
static void test_per_cpu_buffers(void **state)
{
    struct kt_trace t;

    (void)state;
    start(KEEL_TRC_ALL, 1, 2);
    for (unsigned int i = 0; i < 6; i++) {
        fake_cpu = i % 2;
        trace_evt_upcall((uint16_t)i, 0, i);
    }
    trace_drain();
    parse(&t);
    assert_int_equal(t.nrecs, 6);
    assert_int_equal(t.blocks, 2);
    for (unsigned int i = 0; i < 6; i++) {
        assert_int_equal(t.recs[i].domid, i);
        assert_int_equal(t.recs[i].cpu, i % 2);
    }
    kt_trace_free(&t);
}

/* Records written across the end of the ring come back intact. */
static void test_ring_wraps(void **state)
{
    struct kt_trace t;
    size_t seen = 0;

    (void)state;
    start(KEEL_TRC_BIT(KEEL_TRC_HCALL), 1, 1);
    for (uint64_t round = 0; round < 10; round++) {
        for (uint64_t i = 0; i < 5; i++)
            trace_hcall_entry(1, 0, round * 5 + i, args6, KEEL_TRACE_HCALL_ARGS);
        trace_drain();
    }
    parse(&t);
    assert_int_equal(t.lost, 0);
    for (size_t i = 0; i < t.nrecs; i++) {
        struct keel_tr_hcall_entry e;

        kt_payload(&t.recs[i], &e, sizeof(e));
        assert_int_equal(e.nr, seen++);
        assert_memory_equal(e.args, args6, sizeof(args6));
    }
    assert_int_equal(seen, 50);
    kt_trace_free(&t);
}

/* Three drains give three blocks; returns the offset of the middle block. */
static size_t three_blocks(void)
{
    size_t mid;

    start(KEEL_TRC_ALL, 1, 1);
    trace_evt_upcall(1, 0, 1);
    trace_drain();
    mid = fake_port.len;
    trace_evt_upcall(2, 0, 2);
    trace_drain();
    trace_evt_upcall(3, 0, 3);
    trace_drain();
    return mid;
}

/* A damaged block: strict reading stops at its offset; resync loses that block only. */
static void test_framing_resync(void **state)
{
    const size_t block = sizeof(struct keel_trace_block_hdr) + sizeof(struct keel_trace_rec) +
                         sizeof(struct keel_tr_evt_upcall);
    size_t mid = three_blocks();
    struct kt_trace t;
    struct kt_err err;

    (void)state;
    fake_port.buf[mid + block / 2] ^= 0x40;
    assert_int_equal(kt_parse(fake_port.buf, fake_port.len, false, &t, &err), -1);
    assert_int_equal(err.off, mid);
    assert_non_null(strstr(err.msg, "checksum"));
    assert_int_equal(kt_parse(fake_port.buf, fake_port.len, true, &t, &err), 0);
    assert_int_equal(t.nrecs, 2);
    assert_true(t.recs[0].domid == 1 && t.recs[1].domid == 3);
    assert_int_equal(t.skipped, block);
    assert_int_equal(t.first_skip, mid);
    assert_int_equal(t.seq_gaps, 1);    /* the sequence numbers show the hole */
    kt_trace_free(&t);
}

/* Noise between blocks (a shared channel) is skipped byte-exactly with resync. */
static void test_garbage_between_blocks(void **state)
{
    const char noise[] = "hv: some console text KTRB";
    size_t mid = three_blocks();
    uint8_t *buf = malloc(fake_port.len + sizeof(noise));
    struct kt_trace t;
    struct kt_err err;

    (void)state;
    assert_non_null(buf);
    memcpy(buf, fake_port.buf, mid);
    memcpy(buf + mid, noise, sizeof(noise));
    memcpy(buf + mid + sizeof(noise), fake_port.buf + mid, fake_port.len - mid);
    assert_int_equal(kt_parse(buf, fake_port.len + sizeof(noise), false, &t, &err), -1);
    assert_int_equal(err.off, mid);
    assert_int_equal(kt_parse(buf, fake_port.len + sizeof(noise), true, &t, &err), 0);
    assert_int_equal(t.nrecs, 3);
    assert_int_equal(t.skipped, sizeof(noise));
    assert_int_equal(t.seq_gaps, 0);
    kt_trace_free(&t);
    free(buf);
}

static void test_trace_op(void **state)
{
    const uint32_t hcall = KEEL_TRC_BIT(KEEL_TRC_HCALL), meta = KEEL_TRC_BIT(KEEL_TRC_META);
    struct kt_trace t;
    struct keel_tr_mask m;

    (void)state;
    start(hcall, 1, 1);
    assert_int_equal(trace_op(1, 0, false, KEEL_TRACEOP_get_mask, 0), -XEN_EPERM);
    assert_int_equal(trace_op(1, 0, false, KEEL_TRACEOP_set_mask, 0), -XEN_EPERM);
    assert_int_equal(trace_op(0, 0, true, KEEL_TRACEOP_get_mask, 0), hcall | meta);
    assert_int_equal(trace_op(0, 0, true, 2, 0), -XEN_ENOSYS);
    assert_int_equal(trace_op(0, 0, true, KEEL_TRACEOP_set_mask, KEEL_TRC_ALL + 1),
                     -XEN_EINVAL);
    assert_int_equal(trace_mask, hcall | meta);
    assert_int_equal(trace_op(0, 0, true, KEEL_TRACEOP_set_mask, 0), 0);
    assert_int_equal(trace_mask, meta);                   /* meta stays on */
    assert_false(trace_on(KEEL_TRC_HCALL));
    trace_drain();
    parse(&t);
    assert_int_equal(t.nrecs, 1);
    assert_int_equal(t.recs[0].event, KEEL_TEV_MASK);
    kt_payload(&t.recs[0], &m, sizeof(m));
    assert_true(m.old_mask == (hcall | meta) && m.new_mask == meta);
    assert_int_equal(t.hdr.class_mask, hcall | meta);     /* the mask the stream began with */
    kt_trace_free(&t);
}

static void test_drain_due(void **state)
{
    unsigned int half = TRACE_BUF_MIN_BYTES / 2 / ENTRY_BYTES;

    (void)state;
    start(KEEL_TRC_BIT(KEEL_TRC_HCALL), 1, 1);
    for (unsigned int i = 0; i < half; i++)
        trace_hcall_entry(1, 0, i, args6, KEEL_TRACE_HCALL_ARGS);
    assert_false(trace_drain_due());
    trace_hcall_entry(1, 0, half, args6, KEEL_TRACE_HCALL_ARGS);
    assert_true(trace_drain_due());
    trace_drain();
    assert_false(trace_drain_due());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_classes),
        cmocka_unit_test(test_parse_bufsize),
        cmocka_unit_test(test_init_checks),
        cmocka_unit_test(test_disabled_class_records_nothing),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_full_buffer_counts_lost),
        cmocka_unit_test(test_lost_reported_in_order),
        cmocka_unit_test(test_nested_record_counted),
        cmocka_unit_test(test_per_cpu_buffers),
        cmocka_unit_test(test_ring_wraps),
        cmocka_unit_test(test_framing_resync),
        cmocka_unit_test(test_garbage_between_blocks),
        cmocka_unit_test(test_trace_op),
        cmocka_unit_test(test_drain_due),
    };

    return cmocka_run_group_tests_name("trace/recorder", tests, NULL, NULL);
}
