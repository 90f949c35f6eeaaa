/* libFuzzer target over keeltrace's decoder: any input, strict and resync, then pairing,
 * dump, stats and timeline. Beyond "no crash" (ASan/UBSan) it checks: a failure names an
 * offset inside the input with a message; a success yields records inside the input, in
 * time order, that every output path can format. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tools/keeltrace/dump.h"
#include "tools/keeltrace/filter.h"
#include "tools/keeltrace/pair.h"
#include "tools/keeltrace/reader.h"
#include "tools/keeltrace/stats.h"
#include "tools/keeltrace/timeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

static void check_ok(const uint8_t *data, size_t size, const struct kt_trace *t)
{
    struct kt_filter f;
    struct kt_pairs p;

    for (size_t i = 0; i < t->nrecs; i++) {
        const struct kt_rec *r = &t->recs[i];

        if (r->payload < data || r->payload + (size_t)r->nwords * KEEL_TRACE_WORD > data + size)
            abort();
        if (i && r->tsc < t->recs[i - 1].tsc)
            abort();
    }
    kt_filter_init(&f);
    if (kt_pair(t, &p) != 0)
        return;
    if (kt_dump(sink, t, &p, &f) != 0 || kt_stats(sink, t, &p, &f) != 0 ||
        kt_timeline(sink, t, &p, &f) != 0)
        abort();
    kt_pairs_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct kt_trace t;
    struct kt_err err;

    if (!sink)
        sink = fopen("/dev/null", "w");
    if (!sink)
        abort();
    for (int resync = 0; resync <= 1; resync++) {
        if (kt_parse(data, size, resync, &t, &err) != 0) {
            if (err.off > size || err.msg[0] == '\0')
                abort();
            continue;
        }
        check_ok(data, size, &t);
        kt_trace_free(&t);
    }
    return 0;
}
