/* tools/ringbench/report.h: results of ringbench runs, reduced to medians and written as a
 * table, a CSV and the targets check. Invariant: only runs that verified reach a result. */
#ifndef RINGBENCH_REPORT_H
#define RINGBENCH_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "tools/ringbench/bench.h"
#include "tools/ringbench/limits.h"

#define REPORT_MAX_REPS 9

/* One (configuration, ring) cell: a sample per repetition, then their medians. */
struct result {
    struct bench_cfg cfg;
    const char *ring;
    int reps;
    bool ok;
    bool skip;         /* not run (--mode) */
    double mrts[REPORT_MAX_REPS], p50[REPORT_MAX_REPS], p99[REPORT_MAX_REPS];
    double notif[REPORT_MAX_REPS];
    double rtt1[REPORT_MAX_REPS];    /* ping-pong: 1-line round trip measured just before */
    double pp_ratio[REPORT_MAX_REPS]; /* ping-pong: p50 / that round trip */
    double med_mrts, med_p50, med_p99, med_notif; /* filled by report_reduce */
    double med_rtt1, med_pp_ratio;
};

/* The limits, per slot count where they depend on it (copy bandwidth). */
struct all_limits {
    struct limits at[2]; /* [0]: 32 buffers, [1]: 256 buffers; rtt fields in at[0] */
};

double report_percentile(uint64_t *v, uint64_t n, int pct); /* sorts v */
/* rtt1_ns: for a ping-pong run, the 1-line round trip measured right before it. */
void report_add(struct result *res, const struct bench_run *r, double ticks_per_ns,
                double rtt1_ns);
void report_reduce(struct result *res);
void report_table(FILE *out, const struct result *res, int n, const struct all_limits *lim);
void report_csv(FILE *out, const struct result *res, int n, const struct all_limits *lim);
/* Prints the targets; returns how many were missed. */
int report_targets(FILE *out, const struct result *res, int n);

#endif /* RINGBENCH_REPORT_H */
