/* tools/ringbench/ringbench.c: the ring benchmark. Keel's ring and its baselines (Xen's
 * io/ring.h macros, virtio's split ring, a naive ring) exchange sequence-checked
 * request/response round trips between two pinned threads; the physical limits are measured
 * in the same run. Usage: ringbench [--short] [--reps N] [--csv FILE] [--mode M]. --short
 * runs every ring on every configuration briefly and prints one verdict line per ring;
 * --mode runs only stream, pingpong or sleep; --ring only the named ring. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/ringbench/bench.h"
#include "tools/ringbench/limits.h"
#include "tools/ringbench/report.h"

#define NRINGS 4
#define MAX_CELLS 128
#define FULL_REPS 5

static const struct ring_ops *const rings[NRINGS] = {
    &ring_keel_ops, &ring_xen_ops, &ring_virtio_ops, &ring_naive_ops,
};
static const uint32_t slot_counts[] = { 32, 256 };
static const uint32_t batches[] = { 1, 8, 32 };

/* Message counts per kind of run; the short mode's are small enough for CI. */
struct sizes {
    uint64_t small, big, pingpong, sleep, limit_rtt, limit_copy;
};
static const struct sizes full_sizes = { 1000000, 200000, 200000, 200000, 200000, 500000 };
static const struct sizes short_sizes = { 20000, 5000, 5000, 20000, 5000, 5000 };

static const char *const mode_names[] = { "stream", "pingpong", "sleep" };

static struct result cells[MAX_CELLS];
static int ncells;

static void add_cell(enum bench_mode mode, uint32_t slots, uint32_t batch, bool big,
                     uint64_t msgs, const char *ring)
{
    struct result *c = &cells[ncells++];

    memset(c, 0, sizeof(*c));
    c->cfg = (struct bench_cfg){ mode, slots, batch, big, msgs };
    c->ring = ring;
    c->ok = true;
}

/* Cells in CSV order: mode, slots, payload, ring, batch (a plotted line is contiguous). */
static void plan(const struct sizes *sz, const char *only, const char *ring)
{
    size_t s, b, g, r;

    for (s = 0; s < 2; s++)
        for (g = 0; g < 2; g++)
            for (r = 0; r < NRINGS; r++)
                for (b = 0; b < sizeof(batches) / sizeof(batches[0]); b++)
                    add_cell(BENCH_STREAM, slot_counts[s], batches[b], g == 1,
                             g ? sz->big : sz->small, rings[r]->name);
    for (r = 0; r < NRINGS; r++)
        add_cell(BENCH_PINGPONG, slot_counts[0], 1, false, sz->pingpong, rings[r]->name);
    for (s = 0; s < 2; s++)
        for (r = 0; r < NRINGS; r++)
            add_cell(BENCH_SLEEP, slot_counts[s], 1, false, sz->sleep, rings[r]->name);
    for (r = 0; r < (size_t)ncells; r++)
        cells[r].skip = (only != NULL && strcmp(mode_names[cells[r].cfg.mode], only) != 0) ||
                        (ring != NULL && strcmp(cells[r].ring, ring) != 0);
}

static const struct ring_ops *ops_named(const char *name)
{
    int i;

    for (i = 0; i < NRINGS; i++)
        if (strcmp(rings[i]->name, name) == 0)
            return rings[i];
    return NULL;
}

/* One run of one cell; a failed check marks the cell and reports it. */
static void run_cell(struct result *c, const struct sizes *sz)
{
    struct bench_run r = { .cfg = &c->cfg, .ops = ops_named(c->ring) };
    double rtt1 = 0;
    int rc;

    if (c->cfg.mode == BENCH_PINGPONG) {
        r.lat_ticks = calloc(c->cfg.msgs, sizeof(uint64_t));
        rtt1 = limits_pingpong(1, sz->limit_rtt);
    }
    rc = bench_run_one(&r);
    if (rc != 0) {
        c->ok = false;
        fprintf(stderr, "ringbench: %s slots %u batch %u mode %d payload %d: error %d\n",
                c->ring, c->cfg.slots, c->cfg.batch, c->cfg.mode, c->cfg.big, rc);
    } else {
        report_add(c, &r, bench_ticks_per_ns(), rtt1);
    }
    free(r.lat_ticks);
}

static void measure_limits(struct all_limits *lim, const struct sizes *sz)
{
    lim->at[0].rtt1_p50_ns = limits_pingpong(1, sz->limit_rtt);
    lim->at[0].rtt2_p50_ns = limits_pingpong(2, sz->limit_rtt);
    lim->at[0].copy_gbs = limits_copy(slot_counts[0], sz->limit_copy);
    lim->at[1].copy_gbs = limits_copy(slot_counts[1], sz->limit_copy);
}

/* The checks can fail: every ring must report a run whose back end answers one request
 * with the wrong sequence number. Returns failures. */
static int check_checks(void)
{
    struct result c;
    int i, bad = 0;

    msg_corrupt_response(short_sizes.small / 2);
    for (i = 0; i < NRINGS; i++) {
        memset(&c, 0, sizeof(c));
        c.cfg = (struct bench_cfg){ BENCH_STREAM, slot_counts[0], batches[1], false,
                                    short_sizes.small };
        c.ring = rings[i]->name;
        c.ok = true;
        fprintf(stderr, "ringbench: expecting an error from %s (self-test):\n", c.ring);
        run_cell(&c, &short_sizes);
        bad += c.ok;
        if (c.ok)
            printf("FAIL: ringbench/short/%s-detects-corruption: bad response accepted\n",
                   c.ring);
        else
            printf("PASS: ringbench/short/%s-detects-corruption\n", c.ring);
    }
    msg_corrupt_response(UINT64_MAX);
    return bad;
}

/* --short: one verdict per ring, plus one for the limits. Returns failures. */
static int verdicts(const struct all_limits *lim)
{
    int r, i, bad = 0, fails;

    for (r = 0; r < NRINGS; r++) {
        fails = 0;
        for (i = 0; i < ncells; i++)
            fails += strcmp(cells[i].ring, rings[r]->name) == 0 &&
                     (!cells[i].ok || cells[i].med_mrts <= 0);
        if (fails)
            printf("FAIL: ringbench/short/%s: %d run(s) failed their checks\n",
                   rings[r]->name, fails);
        else
            printf("PASS: ringbench/short/%s\n", rings[r]->name);
        bad += fails != 0;
    }
    if (lim->at[0].copy_gbs > 0 && lim->at[1].copy_gbs > 0 && lim->at[0].rtt1_p50_ns > 0)
        printf("PASS: ringbench/short/limits\n");
    else
        printf("FAIL: ringbench/short/limits: copy checksum mismatch or no round trip\n");
    return bad + !(lim->at[0].copy_gbs > 0 && lim->at[1].copy_gbs > 0);
}

struct options {
    const char *csv, *only, *ring;
    bool short_mode;
    int reps;
};

static int parse(int argc, char **argv, struct options *o)
{
    int i;

    *o = (struct options){ .reps = FULL_REPS };
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--short") == 0)
            o->short_mode = true;
        else if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc)
            o->csv = argv[++i];
        else if (strcmp(argv[i], "--mode") == 0 && i + 1 < argc)
            o->only = argv[++i];
        else if (strcmp(argv[i], "--ring") == 0 && i + 1 < argc)
            o->ring = argv[++i];
        else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
            o->reps = atoi(argv[++i]);
        else
            return -1;
    }
    if (o->short_mode)
        o->reps = 1;
    if (o->reps < 1 || o->reps > REPORT_MAX_REPS)
        o->reps = FULL_REPS;
    return 0;
}

int main(int argc, char **argv)
{
    struct options o;
    const struct sizes *sz;
    struct all_limits lim;
    int i, rep, bad = 0;
    FILE *f;

    if (parse(argc, argv, &o) != 0) {
        fprintf(stderr, "usage: ringbench [--short] [--reps N] [--csv FILE] "
                "[--mode stream|pingpong|sleep] [--ring NAME]\n");
        return 2;
    }
    sz = o.short_mode ? &short_sizes : &full_sizes;
    bench_ticks_per_ns();
    plan(sz, o.only, o.ring);
    measure_limits(&lim, sz);
    for (rep = 0; rep < o.reps; rep++)
        for (i = 0; i < ncells; i++)
            if (cells[i].ok && !cells[i].skip)
                run_cell(&cells[i], sz);
    for (i = 0; i < ncells; i++) {
        bad += !cells[i].ok;
        if (cells[i].skip)
            cells[i].ok = false;
        else if (cells[i].ok)
            report_reduce(&cells[i]);
    }
    if (o.short_mode)
        return verdicts(&lim) + check_checks() ? 1 : 0;
    report_table(stdout, cells, ncells, &lim);
    report_targets(stdout, cells, ncells);
    if (o.csv != NULL && (f = fopen(o.csv, "w")) != NULL) {
        report_csv(f, cells, ncells, &lim);
        fclose(f);
    }
    return bad ? 1 : 0;
}
