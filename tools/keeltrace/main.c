/* keeltrace: inspects a Keel trace stream on the host (dump, stats, timeline, plot).
 * Exit status: 0 success, 1 usage or I/O error, 2 malformed trace (with its byte offset). */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/keeltrace/dump.h"
#include "tools/keeltrace/filter.h"
#include "tools/keeltrace/pair.h"
#include "tools/keeltrace/plot.h"
#include "tools/keeltrace/reader.h"
#include "tools/keeltrace/stats.h"
#include "tools/keeltrace/timeline.h"

#define KT_EXIT_USAGE 1
#define KT_EXIT_MALFORMED 2
#define KT_READ_CHUNK 65536
#define KT_PLOT_DIR "build/trace-plot"

struct kt_opts {
    struct kt_filter filter;
    bool resync;
    const char *out;
    const char *cmd;
    const char *file;
};

static void kt_usage(void)
{
    fprintf(stderr,
            "usage: keeltrace [-r] dump|stats|timeline|plot FILE [filters] [-o OUT]\n"
            "  -r           skip damaged bytes (resync on the next valid block)\n"
            "  -d DOM       records of domain DOM\n"
            "  -h HCALL     one hypercall (name or number), with its batch entries\n"
            "  -c CLASSES   classes: hcall,mm,evt,sched,trap,dom,grant or all\n"
            "  -t FROM:TO   cycles since the first record (either side may be empty)\n"
            "  -o OUT       timeline: JSON file (default stdout); plot: directory (default "
            KT_PLOT_DIR ")\n");
}

static int kt_opts_parse(int argc, char **argv, struct kt_opts *o)
{
    int c;

    kt_filter_init(&o->filter);
    while ((c = getopt(argc, argv, "rd:h:c:t:o:")) != -1) {
        if (c == 'r') {
            o->resync = true;
        } else if (c == 'o') {
            o->out = optarg;
        } else if (c == '?' || kt_filter_set(&o->filter, (char)c, optarg) < 0) {
            if (c != '?')
                fprintf(stderr, "keeltrace: bad value for -%c: %s\n", c, optarg);
            return -1;
        }
    }
    if (argc - optind != 2)
        return -1;
    o->cmd = argv[optind];
    o->file = argv[optind + 1];
    return 0;
}

/* Reads the whole file; returns NULL (after a message) on failure. */
static uint8_t *kt_slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, got;

    if (!f) {
        perror(path);
        return NULL;
    }
    do {
        uint8_t *n = realloc(buf, len + KT_READ_CHUNK);

        if (!n) {
            free(buf);
            fclose(f);
            fprintf(stderr, "keeltrace: %s: out of memory\n", path);
            return NULL;
        }
        buf = n;
        got = fread(buf + len, 1, KT_READ_CHUNK, f);
        len += got;
    } while (got == KT_READ_CHUNK);
    if (ferror(f)) {
        perror(path);
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *size = len;
    return buf;
}

static void kt_warn(const struct kt_opts *o, const struct kt_trace *t)
{
    if (t->skipped)
        fprintf(stderr, "keeltrace: %s: skipped %" PRIu64 " damaged bytes (first at offset %"
                PRIu64 ")\n", o->file, t->skipped, t->first_skip);
    if (t->seq_gaps)
        fprintf(stderr, "keeltrace: %s: %" PRIu64 " blocks missing from the stream "
                "(channel dropped them)\n", o->file, t->seq_gaps);
    if (t->lost)
        fprintf(stderr, "keeltrace: %s: the recorder lost %" PRIu64 " records to full "
                "buffers\n", o->file, t->lost);
}

static int kt_run(const struct kt_opts *o, const struct kt_trace *t, const struct kt_pairs *p)
{
    if (strcmp(o->cmd, "dump") == 0)
        return kt_dump(stdout, t, p, &o->filter);
    if (strcmp(o->cmd, "stats") == 0)
        return kt_stats(stdout, t, p, &o->filter);
    if (strcmp(o->cmd, "timeline") == 0)
        return kt_timeline_file(o->out, t, p, &o->filter);
    return kt_plot(o->out ? o->out : KT_PLOT_DIR, t, p, &o->filter);
}

static bool kt_known_cmd(const char *cmd)
{
    return strcmp(cmd, "dump") == 0 || strcmp(cmd, "stats") == 0 ||
           strcmp(cmd, "timeline") == 0 || strcmp(cmd, "plot") == 0;
}

int main(int argc, char **argv)
{
    struct kt_opts o = { 0 };
    struct kt_trace t;
    struct kt_pairs p;
    struct kt_err err;
    uint8_t *data;
    size_t size;
    int rc;

    if (kt_opts_parse(argc, argv, &o) < 0 || !kt_known_cmd(o.cmd)) {
        kt_usage();
        return KT_EXIT_USAGE;
    }
    data = kt_slurp(o.file, &size);
    if (!data)
        return KT_EXIT_USAGE;
    if (kt_parse(data, size, o.resync, &t, &err) < 0) {
        fprintf(stderr, "keeltrace: %s: offset %" PRIu64 ": %s%s\n", o.file, err.off, err.msg,
                o.resync ? "" : " (-r skips damaged blocks)");
        free(data);
        return KT_EXIT_MALFORMED;
    }
    kt_warn(&o, &t);
    rc = kt_pair(&t, &p) == 0 && kt_run(&o, &t, &p) == 0 ? 0 : KT_EXIT_USAGE;
    kt_pairs_free(&p);
    kt_trace_free(&t);
    free(data);
    return rc;
}
