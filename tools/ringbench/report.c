/* tools/ringbench/report.c: medians, table, CSV and targets for ringbench (see report.h).
 * Ratios: a 64-byte round trip's cost in cache-line round trips (ns per round trip / RTT1),
 * a payload stream's bandwidth as a fraction of the 4 KiB copy bandwidth for as many buffers. */
#include <stdlib.h>
#include <string.h>

#include "tools/ringbench/report.h"

#define PCT_ALL 100
#define NS_PER_MS 1e3      /* round trips per ns * this = millions per second */
#define SLOTS_SMALL 32
#define TARGET_B1 1.5      /* the "Must show": keel / xen at batch 1 */
#define TARGET_BATCHED 1.8 /* at batch 8 and 32 */
#define TARGET_PP 2.0      /* keel ping-pong p50 / cache-line round trip */
#define BATCH_MID 8
#define BATCH_BIG 32

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

double report_percentile(uint64_t *v, uint64_t n, int pct)
{
    qsort(v, n, sizeof(*v), cmp_u64);
    return (double)v[(n - 1) * (uint64_t)pct / PCT_ALL];
}

static double median(const double *v, int n)
{
    double tmp[REPORT_MAX_REPS];

    memcpy(tmp, v, (size_t)n * sizeof(*v));
    qsort(tmp, (size_t)n, sizeof(*tmp), cmp_dbl);
    return n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
}

void report_add(struct result *res, const struct bench_run *r, double tpns, double rtt1_ns)
{
    int i = res->reps++;
    double ns = (double)r->ticks / tpns;

    res->mrts[i] = (double)r->cfg->msgs / ns * NS_PER_MS;
    res->notif[i] = (double)(r->side[SIDE_FRONT].notifies + r->side[SIDE_BACK].notifies) / (double)r->cfg->msgs;
    res->p50[i] = res->p99[i] = 0;
    if (r->cfg->mode == BENCH_PINGPONG) {
        res->p50[i] = report_percentile(r->lat_ticks, r->cfg->msgs, 50) / tpns;
        res->p99[i] = report_percentile(r->lat_ticks, r->cfg->msgs, 99) / tpns;
        res->rtt1[i] = rtt1_ns;
        res->pp_ratio[i] = res->p50[i] / rtt1_ns;
    }
}

void report_reduce(struct result *res)
{
    res->med_mrts = median(res->mrts, res->reps);
    res->med_p50 = median(res->p50, res->reps);
    res->med_p99 = median(res->p99, res->reps);
    res->med_notif = median(res->notif, res->reps);
    res->med_rtt1 = median(res->rtt1, res->reps);
    res->med_pp_ratio = median(res->pp_ratio, res->reps);
}

static const struct result *find(const struct result *res, int n, const struct bench_cfg *c,
                                 const char *ring)
{
    int i;

    for (i = 0; i < n; i++)
        if (res[i].cfg.mode == c->mode && res[i].cfg.slots == c->slots &&
            res[i].cfg.batch == c->batch && res[i].cfg.big == c->big &&
            strcmp(res[i].ring, ring) == 0 && res[i].ok)
            return &res[i];
    return NULL;
}

static double vs_xen(const struct result *res, int n, const struct result *x)
{
    const struct result *xen = find(res, n, &x->cfg, "xen");

    return xen != NULL ? x->med_mrts / xen->med_mrts : 0;
}

static const struct limits *lim_for(const struct all_limits *lim, uint32_t slots)
{
    return &lim->at[slots == SLOTS_SMALL ? 0 : 1];
}

/* Derived figures of one stream result. */
struct derived {
    double ns_rt, rtt_ratio, gbs, copy_ratio, xen_ratio;
};

static struct derived derive(const struct result *res, int n, const struct result *x,
                             const struct all_limits *lim)
{
    struct derived d = { 0, 0, 0, 0, 0 };

    d.ns_rt = NS_PER_MS / x->med_mrts;
    d.rtt_ratio = d.ns_rt / lim->at[0].rtt1_p50_ns;
    if (x->cfg.big) {
        d.gbs = MSG_PAYLOAD_BYTES / d.ns_rt;
        d.copy_ratio = d.gbs / lim_for(lim, x->cfg.slots)->copy_gbs;
    }
    d.xen_ratio = vs_xen(res, n, x);
    return d;
}

static void table_stream(FILE *out, const struct result *res, int n,
                         const struct all_limits *lim)
{
    int i;

    fprintf(out, "\nThroughput, both threads busy-polling (median of %d runs)\n",
             res[0].reps);
    fprintf(out, "%-7s %5s %5s %7s %8s %8s %8s %7s %7s %7s\n", "ring", "slots", "batch",
            "payload", "Mrt/s", "ns/rt", "rt/RTT1", "GB/s", "/copy", "vs xen");
    for (i = 0; i < n; i++) {
        if (res[i].cfg.mode != BENCH_STREAM || !res[i].ok)
            continue;
        struct derived d = derive(res, n, &res[i], lim);
        fprintf(out, "%-7s %5u %5u %7s %8.2f %8.1f %8.3f %7.2f %7.2f %7.2f\n", res[i].ring,
                res[i].cfg.slots, res[i].cfg.batch, res[i].cfg.big ? "4KiB" : "64B",
                res[i].med_mrts, d.ns_rt, d.rtt_ratio, d.gbs, d.copy_ratio, d.xen_ratio);
    }
}

static void table_other(FILE *out, const struct result *res, int n)
{
    int i;

    fprintf(out, "\nPing-pong, one request in flight, 64 B, 32 slots (RTT1: 1-line round trip "
            "measured just before each run; p50/RTT1: median of per-run ratios)\n");
    fprintf(out, "%-7s %8s %8s %8s %9s\n", "ring", "p50 ns", "p99 ns", "RTT1 ns", "p50/RTT1");
    for (i = 0; i < n; i++)
        if (res[i].cfg.mode == BENCH_PINGPONG && res[i].ok)
            fprintf(out, "%-7s %8.0f %8.0f %8.0f %9.2f\n", res[i].ring, res[i].med_p50,
                    res[i].med_p99, res[i].med_rtt1, res[i].med_pp_ratio);
    fprintf(out, "\nSleeping consumers (futex), batch 1, 64 B: notifications per message\n");
    fprintf(out, "%-7s %5s %10s %8s\n", "ring", "slots", "notif/msg", "Mrt/s");
    for (i = 0; i < n; i++)
        if (res[i].cfg.mode == BENCH_SLEEP && res[i].ok)
            fprintf(out, "%-7s %5u %10.4f %8.2f\n", res[i].ring, res[i].cfg.slots,
                    res[i].med_notif, res[i].med_mrts);
}

void report_table(FILE *out, const struct result *res, int n, const struct all_limits *lim)
{
    fprintf(out, "Physical limits: cache-line round trip p50 %.0f ns (1 line), %.0f ns "
            "(2 lines); 4 KiB write+checksum %.2f GB/s (32 bufs), %.2f GB/s (256 bufs)\n",
            lim->at[0].rtt1_p50_ns, lim->at[0].rtt2_p50_ns, lim->at[0].copy_gbs,
            lim->at[1].copy_gbs);
    table_stream(out, res, n, lim);
    table_other(out, res, n);
}

static const char *const mode_name[] = { "stream", "pingpong", "sleep" };

void report_csv(FILE *out, const struct result *res, int n, const struct all_limits *lim)
{
    int i;

    fprintf(out, "# rtt1_ns=%.1f rtt2_ns=%.1f copy32_gbs=%.3f copy256_gbs=%.3f\n",
            lim->at[0].rtt1_p50_ns, lim->at[0].rtt2_p50_ns, lim->at[0].copy_gbs,
            lim->at[1].copy_gbs);
    fprintf(out, "mode,ring,slots,batch,payload,mrt_s,ns_rt,rt_per_rtt1,gb_s,copy_ratio,"
            "p50_ns,p99_ns,p50_per_rtt1,notif_per_msg,vs_xen\n");
    for (i = 0; i < n; i++) {
        if (!res[i].ok)
            continue;
        struct derived d = derive(res, n, &res[i], lim);
        fprintf(out, "%s,%s,%u,%u,%d,%.3f,%.2f,%.4f,%.3f,%.4f,%.1f,%.1f,%.3f,%.5f,%.3f\n",
                mode_name[res[i].cfg.mode], res[i].ring, res[i].cfg.slots, res[i].cfg.batch,
                res[i].cfg.big ? MSG_PAYLOAD_BYTES : MSG_REQ_BYTES, res[i].med_mrts, d.ns_rt,
                d.rtt_ratio, d.gbs, d.copy_ratio, res[i].med_p50, res[i].med_p99,
                res[i].med_pp_ratio, res[i].med_notif, d.xen_ratio);
    }
}

static int target(FILE *out, const char *what, double got, double want, bool at_most)
{
    bool met = at_most ? got <= want : got >= want;

    fprintf(out, "  %-44s %6.2f  (target %s %.1f)  %s\n", what, got, at_most ? "<=" : ">=",
            want, met ? "met" : "MISSED");
    return !met;
}

int report_targets(FILE *out, const struct result *res, int n)
{
    static const uint32_t batches[] = { 1, BATCH_MID, BATCH_BIG };
    struct bench_cfg c = { .mode = BENCH_STREAM, .slots = SLOTS_SMALL };
    const struct result *k;
    char what[64];
    int missed = 0;
    size_t i;

    fprintf(out, "\nTargets (issue 4, \"Must show\"), this run:\n");
    for (i = 0; i < sizeof(batches) / sizeof(batches[0]); i++) {
        c.batch = batches[i];
        k = find(res, n, &c, "keel");
        snprintf(what, sizeof(what), "keel/xen, 32 slots, 64 B, batch %u", c.batch);
        missed += target(out, what, k ? vs_xen(res, n, k) : 0,
                         c.batch == 1 ? TARGET_B1 : TARGET_BATCHED, false);
    }
    c = (struct bench_cfg){ .mode = BENCH_PINGPONG, .slots = SLOTS_SMALL, .batch = 1 };
    k = find(res, n, &c, "keel");
    missed += target(out, "keel ping-pong p50 / cache-line RTT (1 line)",
                     k ? k->med_pp_ratio : 1e9, TARGET_PP, true);
    return missed;
}
