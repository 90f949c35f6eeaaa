/* keeltrace stats: tables of calls, errors and cycles per hypercall and per domain. */
#include "tools/keeltrace/stats.h"

#include <inttypes.h>
#include <string.h>

#include "tools/keeltrace/agg.h"
#include "tools/keeltrace/decode.h"
#include "tools/keeltrace/names.h"
#include "tools/keeltrace/sbuf.h"

#define KT_P50 50
#define KT_P99 99
#define KT_PCT_ALL 100
#define KT_NAME_LEN 64
#define KT_DOM_BITS 16           /* a send is keyed (from << 16) | to */
#define KT_DOM_MASK 0xffffu
#define KT_US_PER_MS 1000.0      /* tsc_khz counts cycles per millisecond */

struct kt_stats {
    struct kt_aggset by_hcall, by_dom, mmu, mmuext, multicall, vectors, sends, shutdowns;
    size_t upcalls, switches, created, crashed, grants, lost_records;
    uint64_t lost;
};

uint64_t kt_percentile(const uint64_t *sorted, size_t n, unsigned int pct)
{
    size_t rank;

    if (n == 0)
        return 0;
    rank = ((size_t)pct * n + KT_PCT_ALL - 1) / KT_PCT_ALL;   /* ceil(pct/100 * n) */
    return sorted[rank ? rank - 1 : 0];
}

static int kt_add(struct kt_aggset *set, uint64_t key, int64_t result, int has_cycles,
                  uint64_t cycles)
{
    struct kt_agg *a = kt_agg_get(set, key);

    return a ? kt_agg_add(a, result, has_cycles, cycles) : -1;
}

static int kt_count_call(struct kt_stats *st, const struct kt_trace *t,
                         const struct kt_pairs *p, size_t i)
{
    const struct kt_rec *r = &t->recs[i];
    struct keel_tr_hcall_exit x;
    struct kt_agg *h, *d;

    h = kt_agg_get(&st->by_hcall, kt_rec_nr(r));
    d = h ? kt_agg_get(&st->by_dom, r->domid) : NULL;
    if (!d)
        return -1;
    if (r->event == KEEL_TEV_HCALL_ENTRY) {
        if (p->partner[i] == KT_NONE) {
            h->unfinished++;
            d->unfinished++;
        }
        return 0;
    }
    kt_payload(r, &x, sizeof(x));
    return kt_agg_add(h, x.result, 1, x.cycles) | kt_agg_add(d, x.result, 1, x.cycles);
}

static int kt_count_batch(struct kt_stats *st, const struct kt_rec *r)
{
    union {
        struct keel_tr_multicall mc;
        struct keel_tr_mmu_update mu;
        struct keel_tr_mmuext_op me;
    } u;

    if (r->event == KEEL_TEV_MULTICALL) {
        kt_payload(r, &u.mc, sizeof(u.mc));
        return kt_add(&st->multicall, u.mc.op, u.mc.result, 0, 0);
    }
    if (r->event == KEEL_TEV_MMU_UPDATE) {
        kt_payload(r, &u.mu, sizeof(u.mu));
        return kt_add(&st->mmu, u.mu.level, u.mu.result, 0, 0);
    }
    kt_payload(r, &u.me, sizeof(u.me));
    return kt_add(&st->mmuext, u.me.cmd, u.me.result, 0, 0);
}

static int kt_count_event(struct kt_stats *st, const struct kt_rec *r)
{
    union {
        struct keel_tr_evt_send s;
        struct keel_tr_trap t;
        struct keel_tr_dom_shutdown d;
        struct keel_tr_lost l;
    } u;

    switch (r->event) {
    case KEEL_TEV_EVT_SEND:
        kt_payload(r, &u.s, sizeof(u.s));
        return kt_add(&st->sends, ((uint64_t)r->domid << KT_DOM_BITS) | u.s.remote_dom, 0, 0, 0);
    case KEEL_TEV_TRAP_BOUNCE:
        kt_payload(r, &u.t, sizeof(u.t));
        return kt_add(&st->vectors, u.t.vector, 0, 0, 0);
    case KEEL_TEV_DOM_SHUTDOWN:
        kt_payload(r, &u.d, sizeof(u.d));
        return kt_add(&st->shutdowns, u.d.reason, 0, 0, 0);
    case KEEL_TEV_LOST:
        kt_payload(r, &u.l, sizeof(u.l));
        st->lost += u.l.count;
        st->lost_records++;
        return 0;
    case KEEL_TEV_EVT_UPCALL: st->upcalls++; return 0;
    case KEEL_TEV_SCHED_SWITCH: st->switches++; return 0;
    case KEEL_TEV_DOM_CREATE: st->created++; return 0;
    case KEEL_TEV_DOM_CRASH: st->crashed++; return 0;
    case KEEL_TEV_GRANT_OP: st->grants++; return 0;
    default: return 0;
    }
}

static void kt_print_errors(FILE *out, const char *indent, const struct kt_agg *a)
{
    if (!a->errors)
        return;
    fprintf(out, "%serrors:", indent);
    for (size_t e = 0; e < a->nerr; e++) {
        const char *n = kt_errno_name(a->err[e].code);

        if (n)
            fprintf(out, " -%s x%zu", n, a->err[e].n);
        else
            fprintf(out, " %" PRId64 " x%zu", a->err[e].code, a->err[e].n);
    }
    if (a->other_errors)
        fprintf(out, " other x%zu", a->other_errors);
    fprintf(out, "\n");
}

/* Cycles as microseconds at khz kHz (cycles per millisecond). */
static double kt_us(double cycles, uint64_t khz)
{
    return cycles * KT_US_PER_MS / (double)khz;
}

/* The cycle columns, then the same four in microseconds when the TSC rate is known. */
static void kt_print_cycles_row(FILE *out, const char *name, const struct kt_agg *a,
                                uint64_t khz)
{
    double mean = a->ncycles ? (double)a->sum / (double)a->ncycles : 0.0;
    uint64_t p50 = kt_percentile(a->cycles, a->ncycles, KT_P50);
    uint64_t p99 = kt_percentile(a->cycles, a->ncycles, KT_P99);
    uint64_t max = a->ncycles ? a->cycles[a->ncycles - 1] : 0;

    fprintf(out, "  %-28s %7zu %6zu %7zu %10.1f %9" PRIu64 " %9" PRIu64 " %9" PRIu64, name,
            a->count, a->unfinished, a->errors, mean, p50, p99, max);
    if (khz)
        fprintf(out, " %9.3f %9.3f %9.3f %9.3f", kt_us(mean, khz), kt_us((double)p50, khz),
                kt_us((double)p99, khz), kt_us((double)max, khz));
    fprintf(out, "\n");
    kt_print_errors(out, "      ", a);
}

static void kt_print_calls(FILE *out, const char *title, const struct kt_aggset *set, int by_dom,
                           uint64_t khz)
{
    fprintf(out, "%-30s %7s %6s %7s %10s %9s %9s %9s", title, "calls", "unfin", "errors",
            "mean", "p50", "p99", "max");
    if (khz)
        fprintf(out, " %9s %9s %9s %9s", "mean_us", "p50_us", "p99_us", "max_us");
    fprintf(out, "\n");
    for (size_t i = 0; i < set->n; i++) {
        char name[KT_NAME_LEN];
        struct sbuf s;

        sbuf_init(&s, name, sizeof(name));
        if (by_dom) {
            sbuf_printf(&s, "d");
            kt_format_domid(&s, set->a[i].key);
        } else if (kt_hcall_name(set->a[i].key)) {
            sbuf_printf(&s, "%s", kt_hcall_name(set->a[i].key));
        } else {
            sbuf_printf(&s, "hypercall_%" PRIu64, set->a[i].key);
        }
        kt_print_cycles_row(out, name, &set->a[i], khz);
    }
    if (set->n == 0)
        fprintf(out, "  (none)\n");
    fprintf(out, "\n");
}

/* One line per key of a batch or event table; name() gives the key's label. */
static void kt_print_counts(FILE *out, const char *title, const struct kt_aggset *set,
                            void (*label)(struct sbuf *, uint64_t))
{
    if (set->n == 0)
        return;
    fprintf(out, "%s\n", title);
    for (size_t i = 0; i < set->n; i++) {
        char name[KT_NAME_LEN];
        struct sbuf s;

        sbuf_init(&s, name, sizeof(name));
        label(&s, set->a[i].key);
        fprintf(out, "  %-28s %7zu", name, set->a[i].count);
        if (set->a[i].errors)
            kt_print_errors(out, "  ", &set->a[i]);
        else
            fprintf(out, "\n");
    }
    fprintf(out, "\n");
}

static void kt_label_level(struct sbuf *s, uint64_t level)
{
    if (level)
        sbuf_printf(s, "mmu_update into L%" PRIu64, level);
    else
        sbuf_printf(s, "mmu_update into L?");
}

static void kt_label_mmuext(struct sbuf *s, uint64_t cmd)
{
    const char *n = kt_mmuext_name((unsigned int)cmd);

    sbuf_printf(s, "mmuext %s", n ? n : "?");
}

static void kt_label_hcall(struct sbuf *s, uint64_t nr)
{
    const char *n = kt_hcall_name(nr);

    if (n)
        sbuf_printf(s, "multicall %s", n);
    else
        sbuf_printf(s, "multicall hypercall_%" PRIu64, nr);
}

static void kt_label_vector(struct sbuf *s, uint64_t v)
{
    const char *n = kt_vector_name((unsigned int)v);

    if (n)
        sbuf_printf(s, "trap %s", n);
    else
        sbuf_printf(s, "trap vector %" PRIu64, v);
}

static void kt_label_send(struct sbuf *s, uint64_t key)
{
    sbuf_printf(s, "evtchn_send d%" PRIu64 " -> d%" PRIu64, key >> KT_DOM_BITS,
                key & KT_DOM_MASK);
}

static void kt_label_shutdown(struct sbuf *s, uint64_t reason)
{
    const char *n = kt_shutdown_name((unsigned int)reason);

    sbuf_printf(s, "shutdown %s", n ? n : "?");
}

static void kt_print(FILE *out, const struct kt_trace *t, struct kt_stats *st)
{
    struct kt_aggset *sets[] = { &st->by_hcall, &st->by_dom, &st->mmu, &st->mmuext,
                                 &st->multicall, &st->vectors, &st->sends, &st->shutdowns };

    for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
        kt_agg_finish(sets[i]);
    fprintf(out, "trace: %u CPU(s), %zu records in %" PRIu64 " blocks, span %" PRIu64
            " cycles, tsc %" PRIu64 " kHz\n", t->hdr.nr_cpus, t->nrecs, t->blocks,
            t->nrecs ? t->recs[t->nrecs - 1].tsc - t->recs[0].tsc : 0, t->hdr.tsc_khz);
    fprintf(out, "lost: %" PRIu64 " records in %zu reports; %" PRIu64 " blocks missing\n\n",
            st->lost, st->lost_records, t->seq_gaps);
    kt_print_calls(out, "hypercalls", &st->by_hcall, 0, t->hdr.tsc_khz);
    kt_print_calls(out, "domains", &st->by_dom, 1, t->hdr.tsc_khz);
    kt_print_counts(out, "batch entries                      count", &st->mmu, kt_label_level);
    kt_print_counts(out, "mmuext ops                         count", &st->mmuext, kt_label_mmuext);
    kt_print_counts(out, "multicall entries                  count", &st->multicall,
                    kt_label_hcall);
    kt_print_counts(out, "events                             count", &st->sends, kt_label_send);
    kt_print_counts(out, "traps                              count", &st->vectors, kt_label_vector);
    kt_print_counts(out, "shutdowns                          count", &st->shutdowns,
                    kt_label_shutdown);
    fprintf(out, "upcalls %zu, switches %zu, domains created %zu, crashed %zu, grant ops %zu\n",
            st->upcalls, st->switches, st->created, st->crashed, st->grants);
    for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
        kt_agg_free(sets[i]);
}

int kt_stats(FILE *out, const struct kt_trace *t, const struct kt_pairs *p,
             const struct kt_filter *f)
{
    struct kt_stats st;
    int rc = 0;

    memset(&st, 0, sizeof(st));
    for (size_t i = 0; i < t->nrecs && rc == 0; i++) {
        uint16_t ev = t->recs[i].event;

        if (!kt_filter_match(f, t, p, i))
            continue;
        if (ev == KEEL_TEV_HCALL_ENTRY || ev == KEEL_TEV_HCALL_EXIT)
            rc = kt_count_call(&st, t, p, i);
        else if (ev == KEEL_TEV_MULTICALL || ev == KEEL_TEV_MMU_UPDATE ||
                 ev == KEEL_TEV_MMUEXT_OP)
            rc = kt_count_batch(&st, &t->recs[i]);
        else
            rc = kt_count_event(&st, &t->recs[i]);
    }
    kt_print(out, t, &st);
    return rc == 0 && !ferror(out) ? 0 : -1;
}
