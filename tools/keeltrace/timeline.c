/* keeltrace timeline: Chrome Trace Event JSON. Timestamps are microseconds since the first
 * record (from the stream's tsc_khz; without it one cycle is shown as one nanosecond). */
#include "tools/keeltrace/timeline.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tools/keeltrace/decode.h"
#include "tools/keeltrace/dump.h"
#include "tools/keeltrace/names.h"
#include "tools/keeltrace/sbuf.h"

#define KT_TEXT 1024
#define KT_NS_PER_US 1000.0
#define KT_KHZ_PER_MHZ 1000.0
#define KT_UPCALL_US 0.1        /* drawn width of an upcall slice */

struct kt_tl {
    FILE *out;
    const struct kt_trace *t;
    const struct kt_pairs *p;
    bool *shown;
    size_t *next_upcall;        /* per record: the receiver's next upcall for a send */
    bool first;
    uint64_t flow_id;
};

static double kt_us(const struct kt_tl *tl, uint64_t tsc)
{
    double cycles = (double)(tsc - kt_time_base(tl->t));

    if (tl->t->hdr.tsc_khz)
        return cycles * KT_KHZ_PER_MHZ / (double)tl->t->hdr.tsc_khz;
    return cycles / KT_NS_PER_US;
}

/* Starts one event object: {"ph":..,"name":..,"pid":..,"tid":..,"ts":.. (no closing brace). */
static void kt_ev(struct kt_tl *tl, const char *ph, const char *name, unsigned int pid,
                  unsigned int tid, double ts)
{
    char buf[KT_TEXT];
    struct sbuf s;

    sbuf_init(&s, buf, sizeof(buf));
    sbuf_quote(&s, name, sizeof(buf), 1);
    fprintf(tl->out, "%s\n{\"ph\":\"%s\",\"name\":%s,\"pid\":%u,\"tid\":%u,\"ts\":%.3f",
            tl->first ? "" : ",", ph, buf, pid, tid, ts);
    tl->first = false;
}

static void kt_str_arg(struct kt_tl *tl, const char *key, const char *text, bool last)
{
    char buf[KT_TEXT];
    struct sbuf s;

    sbuf_init(&s, buf, sizeof(buf));
    sbuf_quote(&s, text, sizeof(buf), 1);
    fprintf(tl->out, "\"%s\":%s%s", key, buf, last ? "" : ",");
}

static void kt_rec_ev(struct kt_tl *tl, const char *ph, const char *name, size_t i)
{
    const struct kt_rec *r = &tl->t->recs[i];

    kt_ev(tl, ph, name, r->domid, r->vcpu, kt_us(tl, r->tsc));
}

static void kt_tl_call(struct kt_tl *tl, size_t i)
{
    const struct kt_rec *r = &tl->t->recs[i];
    size_t x = tl->p->partner[i];
    struct keel_tr_hcall_entry e;
    struct keel_tr_hcall_exit ex;
    const char *name;
    char call[KT_TEXT], res[KT_TEXT];
    struct sbuf s;

    kt_payload(r, &e, sizeof(e));
    name = kt_hcall_name(e.nr) ? kt_hcall_name(e.nr) : "hypercall";
    sbuf_init(&s, call, sizeof(call));
    kt_format_call(&s, e.nr, e.args);
    if (x == KT_NONE) {
        kt_rec_ev(tl, "B", name, i);
        fprintf(tl->out, ",\"cat\":\"hcall\",\"args\":{");
        kt_str_arg(tl, "call", call, true);
        fprintf(tl->out, "}}");
        return;
    }
    kt_payload(&tl->t->recs[x], &ex, sizeof(ex));
    sbuf_init(&s, res, sizeof(res));
    kt_format_result(&s, ex.result);
    kt_rec_ev(tl, "X", name, i);
    fprintf(tl->out, ",\"dur\":%.3f,\"cat\":\"hcall\",\"args\":{",
            kt_us(tl, tl->t->recs[x].tsc) - kt_us(tl, r->tsc));
    kt_str_arg(tl, "call", call, false);
    kt_str_arg(tl, "result", res, false);
    fprintf(tl->out, "\"cycles\":%" PRIu64 "}}", ex.cycles);
}

/* An instant event carrying the dump text of record i; scope "t", "p" or "g". */
static void kt_tl_instant(struct kt_tl *tl, size_t i, const char *name, const char *cat,
                          const char *scope)
{
    char text[KT_TEXT];
    struct sbuf s;

    sbuf_init(&s, text, sizeof(text));
    kt_describe(&s, &tl->t->recs[i], kt_time_base(tl->t));
    kt_rec_ev(tl, "i", name, i);
    fprintf(tl->out, ",\"s\":\"%s\",\"cat\":\"%s\",\"args\":{", scope, cat);
    kt_str_arg(tl, "text", text, true);
    fprintf(tl->out, "}}");
}

static void kt_tl_send(struct kt_tl *tl, size_t i)
{
    size_t j = tl->next_upcall[i];
    const struct kt_rec *u;

    kt_tl_instant(tl, i, "evtchn_send", "evt", "t");
    if (j == KT_NONE || !tl->shown[j])
        return;
    u = &tl->t->recs[j];
    tl->flow_id++;
    kt_rec_ev(tl, "s", "event", i);
    fprintf(tl->out, ",\"cat\":\"evt\",\"id\":%" PRIu64 "}", tl->flow_id);
    kt_ev(tl, "f", "event", u->domid, u->vcpu, kt_us(tl, u->tsc));
    fprintf(tl->out, ",\"bp\":\"e\",\"cat\":\"evt\",\"id\":%" PRIu64 "}", tl->flow_id);
}

static void kt_tl_upcall(struct kt_tl *tl, size_t i)
{
    char text[KT_TEXT];
    struct sbuf s;

    sbuf_init(&s, text, sizeof(text));
    kt_describe(&s, &tl->t->recs[i], kt_time_base(tl->t));
    kt_rec_ev(tl, "X", "upcall", i);
    fprintf(tl->out, ",\"dur\":%.3f,\"cat\":\"evt\",\"args\":{", KT_UPCALL_US);
    kt_str_arg(tl, "text", text, true);
    fprintf(tl->out, "}}");
}

/* The CPU track: a slice per stretch a vCPU ran, from switch sw to time end. */
static void kt_tl_run(struct kt_tl *tl, size_t sw, uint64_t end)
{
    const struct kt_rec *r = &tl->t->recs[sw];
    struct keel_tr_sched_switch p;
    char name[KT_TEXT];
    struct sbuf s;

    kt_payload(r, &p, sizeof(p));
    sbuf_init(&s, name, sizeof(name));
    if (p.to_dom == KEEL_TRACE_DOMID_IDLE)
        sbuf_printf(&s, "idle");
    else
        sbuf_printf(&s, "d%uv%u", p.to_dom, p.to_vcpu);
    kt_ev(tl, "X", name, KT_CPU_PID_BASE + r->cpu, 0, kt_us(tl, r->tsc));
    fprintf(tl->out, ",\"dur\":%.3f,\"cat\":\"sched\"}", kt_us(tl, end) - kt_us(tl, r->tsc));
}

static void kt_tl_record(struct kt_tl *tl, size_t i)
{
    const struct kt_rec *r = &tl->t->recs[i];

    switch (r->event) {
    case KEEL_TEV_HCALL_ENTRY: kt_tl_call(tl, i); break;
    case KEEL_TEV_HCALL_EXIT:
        if (tl->p->partner[i] == KT_NONE)
            kt_tl_instant(tl, i, "orphan exit", "hcall", "t");
        break;
    case KEEL_TEV_EVT_SEND: kt_tl_send(tl, i); break;
    case KEEL_TEV_EVT_UPCALL: kt_tl_upcall(tl, i); break;
    case KEEL_TEV_SCHED_SWITCH: break;
    case KEEL_TEV_DOM_CREATE: kt_tl_instant(tl, i, "domain_create", "dom", "p"); break;
    case KEEL_TEV_DOM_CRASH: kt_tl_instant(tl, i, "domain_crash", "dom", "p"); break;
    case KEEL_TEV_DOM_SHUTDOWN: kt_tl_instant(tl, i, "domain_shutdown", "dom", "p"); break;
    case KEEL_TEV_LOST: kt_tl_instant(tl, i, "lost records", "meta", "g"); break;
    case KEEL_TEV_MASK: kt_tl_instant(tl, i, "trace mask", "meta", "g"); break;
    case KEEL_TEV_TRAP_BOUNCE: kt_tl_instant(tl, i, "trap", "trap", "t"); break;
    case KEEL_TEV_MMU_UPDATE: kt_tl_instant(tl, i, "mmu_update entry", "mm", "t"); break;
    case KEEL_TEV_MMUEXT_OP: kt_tl_instant(tl, i, "mmuext_op entry", "mm", "t"); break;
    case KEEL_TEV_MULTICALL: kt_tl_instant(tl, i, "multicall entry", "hcall", "t"); break;
    case KEEL_TEV_GRANT_OP: kt_tl_instant(tl, i, "grant op", "grant", "t"); break;
    default: kt_tl_instant(tl, i, "event", "other", "t"); break;
    }
}

static void kt_tl_sched(struct kt_tl *tl)
{
    size_t last[UINT8_MAX + 1];
    const struct kt_trace *t = tl->t;

    for (size_t c = 0; c <= UINT8_MAX; c++)
        last[c] = KT_NONE;
    for (size_t i = 0; i < t->nrecs; i++) {
        if (!tl->shown[i] || t->recs[i].event != KEEL_TEV_SCHED_SWITCH)
            continue;
        if (last[t->recs[i].cpu] != KT_NONE)
            kt_tl_run(tl, last[t->recs[i].cpu], t->recs[i].tsc);
        last[t->recs[i].cpu] = i;
    }
    for (size_t c = 0; c <= UINT8_MAX; c++)
        if (last[c] != KT_NONE)
            kt_tl_run(tl, last[c], t->recs[t->nrecs - 1].tsc);
}

static void kt_tl_meta_name(struct kt_tl *tl, const char *what, unsigned int pid,
                            unsigned int tid, const char *name)
{
    kt_ev(tl, "M", what, pid, tid, 0.0);
    fprintf(tl->out, ",\"args\":{");
    kt_str_arg(tl, "name", name, true);
    fprintf(tl->out, "}}");
}

/* Whether key is new to the set seen[0..*n) (adding it if so); false when the set is full. */
static bool kt_first_time(uint32_t *seen, size_t *n, size_t cap, uint32_t key)
{
    for (size_t k = 0; k < *n; k++)
        if (seen[k] == key)
            return false;
    if (*n == cap)
        return false;
    seen[(*n)++] = key;
    return true;
}

#define KT_NAMED_MAX 4096   /* tracks named per kind; more still draw, unnamed */
#define KT_TRACK_KINDS 3    /* domains, vCPUs, CPUs */
#define KT_VCPU_KEY(d, v) (((uint32_t)(d) << 16) | (v))

/* Names each domain, vCPU and CPU that appears, in order of first appearance. */
static int kt_tl_names(struct kt_tl *tl)
{
    uint32_t *doms = calloc(KT_NAMED_MAX * KT_TRACK_KINDS, sizeof(uint32_t));
    uint32_t *vcpus = doms + KT_NAMED_MAX, *cpus = vcpus + KT_NAMED_MAX;
    size_t nd = 0, nv = 0, nc = 0;
    char name[KT_TEXT];

    if (!doms)
        return -1;
    for (size_t i = 0; i < tl->t->nrecs; i++) {
        const struct kt_rec *r = &tl->t->recs[i];

        if (kt_first_time(doms, &nd, KT_NAMED_MAX, r->domid)) {
            snprintf(name, sizeof(name), r->domid == KEEL_TRACE_DOMID_IDLE ? "idle" : "d%u",
                     r->domid);
            kt_tl_meta_name(tl, "process_name", r->domid, 0, name);
        }
        if (kt_first_time(vcpus, &nv, KT_NAMED_MAX, KT_VCPU_KEY(r->domid, r->vcpu))) {
            snprintf(name, sizeof(name), "vcpu%u", r->vcpu);
            kt_tl_meta_name(tl, "thread_name", r->domid, r->vcpu, name);
        }
        if (kt_first_time(cpus, &nc, KT_NAMED_MAX, r->cpu)) {
            snprintf(name, sizeof(name), "CPU %u", r->cpu);
            kt_tl_meta_name(tl, "process_name", KT_CPU_PID_BASE + r->cpu, 0, name);
        }
    }
    free(doms);
    return 0;
}

struct kt_upcall_key {
    uint16_t dom;
    size_t idx;
};

static int kt_upcall_cmp(const void *x, const void *y)
{
    const struct kt_upcall_key *a = x, *b = y;

    if (a->dom != b->dom)
        return a->dom < b->dom ? -1 : 1;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

/* The first upcall of dom after record i in keys[0..n) (sorted by dom, then index). */
static size_t kt_find_upcall(const struct kt_upcall_key *keys, size_t n, uint16_t dom, size_t i)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {   /* first key >= (dom, i + 1) */
        size_t mid = lo + (hi - lo) / 2;

        if (keys[mid].dom < dom || (keys[mid].dom == dom && keys[mid].idx <= i))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && keys[lo].dom == dom ? keys[lo].idx : KT_NONE;
}

/* For each send, the receiving domain's first upcall after it (KT_NONE if none). */
static size_t *kt_tl_upcalls(const struct kt_trace *t)
{
    size_t *next = malloc((t->nrecs + 1) * sizeof(*next));
    struct kt_upcall_key *keys = malloc((t->nrecs + 1) * sizeof(*keys));
    size_t n = 0;

    if (!next || !keys) {
        free(next);
        free(keys);
        return NULL;
    }
    for (size_t i = 0; i < t->nrecs; i++)
        if (t->recs[i].event == KEEL_TEV_EVT_UPCALL)
            keys[n++] = (struct kt_upcall_key){ .dom = t->recs[i].domid, .idx = i };
    qsort(keys, n, sizeof(*keys), kt_upcall_cmp);
    for (size_t i = 0; i < t->nrecs; i++) {
        struct keel_tr_evt_send sd;

        next[i] = KT_NONE;
        if (t->recs[i].event != KEEL_TEV_EVT_SEND)
            continue;
        kt_payload(&t->recs[i], &sd, sizeof(sd));
        next[i] = kt_find_upcall(keys, n, sd.remote_dom, i);
    }
    free(keys);
    return next;
}

int kt_timeline(FILE *out, const struct kt_trace *t, const struct kt_pairs *p,
                const struct kt_filter *f)
{
    struct kt_tl tl = { .out = out, .t = t, .p = p, .first = true };
    int rc = -1;

    tl.shown = calloc(t->nrecs + 1, sizeof(*tl.shown));
    tl.next_upcall = kt_tl_upcalls(t);
    if (!tl.shown || !tl.next_upcall)
        goto done;
    for (size_t i = 0; i < t->nrecs; i++)
        tl.shown[i] = kt_filter_match(f, t, p, i);
    fprintf(out, "{\"traceEvents\":[");
    if (kt_tl_names(&tl) < 0)
        goto done;
    for (size_t i = 0; i < t->nrecs; i++)
        if (tl.shown[i])
            kt_tl_record(&tl, i);
    kt_tl_sched(&tl);
    fprintf(out, "\n],\"displayTimeUnit\":\"ns\",\"otherData\":{\"tsc_khz\":%" PRIu64
            ",\"records\":%zu,\"lost\":%" PRIu64 ",\"clock\":\"%s\"}}\n", t->hdr.tsc_khz,
            t->nrecs, t->lost, t->hdr.tsc_khz ? "tsc" : "cycles shown as ns");
    rc = ferror(out) ? -1 : 0;
done:
    free(tl.shown);
    free(tl.next_upcall);
    return rc;
}

int kt_timeline_file(const char *path, const struct kt_trace *t, const struct kt_pairs *p,
                     const struct kt_filter *f)
{
    FILE *out = path ? fopen(path, "w") : stdout;
    int rc;

    if (!out) {
        perror(path);
        return -1;
    }
    rc = kt_timeline(out, t, p, f);
    if (path && fclose(out) != 0)
        rc = -1;
    return rc;
}
