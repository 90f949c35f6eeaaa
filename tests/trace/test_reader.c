/* Host tests of keeltrace's reader, pairing, percentiles and histograms, on streams the real
 * recorder writes (hv/trace.c on the fake port) and on hand-damaged copies of them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hv/trace.h"
#include "tests/trace/fake.h"
#include "tools/keeltrace/pair.h"
#include "tools/keeltrace/plot.h"
#include "tools/keeltrace/reader.h"
#include "tools/keeltrace/stats.h"

#define BLOCK_HDR sizeof(struct keel_trace_block_hdr)
#define STREAM_HDR sizeof(struct keel_trace_stream_hdr)
#define ARGS6 KEEL_TRACE_HCALL_ARGS   /* every entry record carries all six arguments */

static const uint64_t no_args[KEEL_TRACE_HCALL_ARGS];

static void start(unsigned int cpus)
{
    struct trace_config cfg = { .mask = KEEL_TRC_ALL, .buf_kib = 4, .nr_cpus = cpus };

    fake_reset();
    assert_int_equal(trace_init(&cfg), 0);
}

static void call(unsigned int cpu, uint16_t dom, uint64_t nr)
{
    fake_cpu = cpu;
    trace_hcall_exit(dom, 0, nr, 0, trace_hcall_entry(dom, 0, nr, no_args, ARGS6));
}

/* Every prefix of a valid stream: accepted exactly at block boundaries, otherwise refused
 * with an offset inside the prefix. */
static void test_every_truncation(void **state)
{
    size_t boundaries[8], nb = 0;
    struct kt_trace t;
    struct kt_err err;

    (void)state;
    start(1);
    for (unsigned int i = 0; i < 3; i++) {
        call(0, 1, i);
        trace_drain();
        boundaries[nb++] = fake_port.len;
    }
    for (size_t len = 0; len < fake_port.len; len++) {
        bool at_boundary = len == STREAM_HDR;
        int rc = kt_parse(fake_port.buf, len, false, &t, &err);

        for (size_t b = 0; b < nb; b++)
            at_boundary |= len == boundaries[b];
        if (rc == 0) {
            if (!at_boundary)
                fail_msg("prefix %zu accepted", len);
            kt_trace_free(&t);
        } else if (at_boundary || err.off > len || err.msg[0] == '\0') {
            fail_msg("prefix %zu: rc %d off %llu", len, rc, (unsigned long long)err.off);
        }
    }
}

/* Rewrites the checksum of the block at off after its contents were edited. */
static void reseal(uint8_t *buf, size_t off)
{
    struct keel_trace_block_hdr h;
    uint64_t c;

    memcpy(&h, buf + off, sizeof(h));
    c = keel_trace_csum(KEEL_TRACE_CSUM_SEED, buf + off, KEEL_TRACE_CSUM_COVERED);
    h.csum = keel_trace_csum_fold(keel_trace_csum(c, buf + off + BLOCK_HDR, h.len));
    memcpy(buf + off, &h, sizeof(h));
}

/* A block with a correct checksum but a record that lies: each lie is found at the record. */
static void test_lying_records(void **state)
{
    const size_t rec = STREAM_HDR + BLOCK_HDR;
    const size_t nw = rec + __builtin_offsetof(struct keel_trace_rec, nwords);
    const size_t cpu = rec + __builtin_offsetof(struct keel_trace_rec, cpu);
    const size_t ev = rec + __builtin_offsetof(struct keel_trace_rec, event);
    const struct { size_t at; uint8_t val; const char *msg; } lies[] = {
        { nw, 200, "crosses the end" }, { cpu, 3, "record of CPU 3" },
        { nw, 1, "payload bytes, needs" },
    };
    struct kt_trace t;
    struct kt_err err;

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(lies); i++) {
        start(1);
        trace_evt_send(1, 0, 3, 2, 5);
        trace_drain();
        fake_port.buf[lies[i].at] = lies[i].val;
        reseal(fake_port.buf, STREAM_HDR);
        assert_int_equal(kt_parse(fake_port.buf, fake_port.len, false, &t, &err), -1);
        assert_int_equal(err.off, rec);
        if (!strstr(err.msg, lies[i].msg))
            fail_msg("lie %zu: %s", i, err.msg);
    }
    /* An unknown kind with a sane length is kept (a newer minor version), not refused. */
    start(1);
    trace_evt_send(1, 0, 3, 2, 5);
    trace_drain();
    fake_port.buf[ev] = 0x7f;
    reseal(fake_port.buf, STREAM_HDR);
    assert_int_equal(kt_parse(fake_port.buf, fake_port.len, false, &t, &err), 0);
    assert_int_equal(t.nrecs, 1);
    kt_trace_free(&t);
}

static void test_stream_header_checks(void **state)
{
    struct kt_trace t;
    struct kt_err err;
    uint8_t *copy;
    char want[sizeof("version 2.") + sizeof("65535")];

    (void)state;
    start(1);
    trace_drain();
    copy = malloc(fake_port.len);
    assert_non_null(copy);
    memcpy(copy, fake_port.buf, fake_port.len);
    copy[__builtin_offsetof(struct keel_trace_stream_hdr, version_major)] =
        KEEL_TRACE_VERSION_MAJOR + 1;
    assert_int_equal(kt_parse(copy, fake_port.len, true, &t, &err), -1);
    snprintf(want, sizeof(want), "version %d.%d", KEEL_TRACE_VERSION_MAJOR + 1,
             KEEL_TRACE_VERSION_MINOR);
    assert_non_null(strstr(err.msg, want));
    copy[0] = 'X';
    assert_int_equal(kt_parse(copy, fake_port.len, true, &t, &err), -1);
    assert_int_equal(err.off, 0);
    assert_int_equal(kt_parse(fake_port.buf, fake_port.len, false, &t, &err), 0);
    assert_int_equal(t.nrecs, 0);
    kt_trace_free(&t);
    free(copy);
}

/* Calls interleaved across CPUs and domains, one migrating: each exit finds its entry. */
static void test_pairing(void **state)
{
    struct kt_trace t;
    struct kt_pairs p;
    struct kt_err err;
    uint64_t t1, t2, t3;

    (void)state;
    start(2);
    fake_cpu = 0;
    t1 = trace_hcall_entry(1, 0, 29, no_args, ARGS6); /* d1 sched_op on CPU 0 */
    fake_cpu = 1;
    t2 = trace_hcall_entry(2, 0, 29, no_args, ARGS6); /* d2 sched_op on CPU 1 */
    fake_cpu = 0;
    t3 = trace_hcall_entry(3, 0, 17, no_args, ARGS6); /* d3 xen_version on CPU 0 */
    trace_mmu_update(3, 0, 0, 0, 0, 1, 0);          /* inside d3's call */
    trace_hcall_exit(3, 0, 17, 0, t3);
    fake_cpu = 1;
    trace_hcall_exit(1, 0, 29, 0, t1);              /* d1 resumes on CPU 1 */
    trace_hcall_exit(2, 0, 29, 0, t2);
    trace_hcall_exit(4, 0, 29, 0, 1);               /* an exit with no entry */
    trace_drain();
    assert_int_equal(kt_parse(fake_port.buf, fake_port.len, false, &t, &err), 0);
    assert_int_equal(kt_pair(&t, &p), 0);
    assert_int_equal(t.nrecs, 8);
    assert_int_equal(p.partner[0], 5);
    assert_int_equal(p.partner[1], 6);
    assert_int_equal(p.partner[2], 4);
    assert_int_equal(p.parent[3], 2);
    assert_int_equal(p.partner[7], KT_NONE);
    assert_int_equal(p.orphans, 1);
    assert_int_equal(p.unfinished, 0);
    kt_pairs_free(&p);
    kt_trace_free(&t);
}

static void test_percentile(void **state)
{
    uint64_t v[100];

    (void)state;
    for (unsigned int i = 0; i < 100; i++)
        v[i] = i + 1;
    assert_int_equal(kt_percentile(v, 100, 50), 50);
    assert_int_equal(kt_percentile(v, 100, 99), 99);
    assert_int_equal(kt_percentile(v, 100, 100), 100);
    assert_int_equal(kt_percentile(v, 1, 99), 1);
    assert_int_equal(kt_percentile(v, 3, 50), 2);
    assert_int_equal(kt_percentile(v, 3, 99), 3);
    assert_int_equal(kt_percentile(v, 0, 50), 0);
}

static void test_histogram(void **state)
{
    const uint64_t v[] = { 1000, 1023, 1024, 2047, 2048, 20950800, 0, 1 };
    size_t count[KT_PLOT_BINS], total = 0;

    (void)state;
    assert_int_equal(kt_bucket(0), 0);
    assert_int_equal(kt_bucket(1), 0);
    assert_int_equal(kt_bucket(2), 1);
    assert_int_equal(kt_bucket(UINT64_MAX), KT_PLOT_BINS - 1);
    assert_int_equal(kt_histogram(v, ARRAY_SIZE(v), count), 0);
    assert_int_equal(count[0], 2);        /* 0 and 1 */
    assert_int_equal(count[9], 2);        /* 1000, 1023 */
    assert_int_equal(count[10], 2);       /* 1024, 2047 */
    assert_int_equal(count[11], 1);       /* 2048 */
    assert_int_equal(count[24], 1);       /* 20950800 < 2^25 */
    for (unsigned int b = 0; b < KT_PLOT_BINS; b++)
        total += count[b];
    assert_int_equal(total, ARRAY_SIZE(v));
    assert_int_equal(kt_histogram(v, 5, count), 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_truncation),
        cmocka_unit_test(test_lying_records),
        cmocka_unit_test(test_stream_header_checks),
        cmocka_unit_test(test_pairing),
        cmocka_unit_test(test_percentile),
        cmocka_unit_test(test_histogram),
    };

    return cmocka_run_group_tests_name("trace/reader", tests, NULL, NULL);
}
