/* keeltrace dump: strace-style lines. Column 1 is cycles since the first record. */
#include "tools/keeltrace/dump.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tools/keeltrace/decode.h"
#include "tools/keeltrace/names.h"

#define KT_LINE 1024

static void kt_who(struct sbuf *s, const struct kt_rec *r)
{
    if (r->domid == KEEL_TRACE_DOMID_IDLE)
        sbuf_printf(s, "idle");
    else
        sbuf_printf(s, "d%uv%u", r->domid, r->vcpu);
}

static void kt_nr_name(struct sbuf *s, uint64_t nr)
{
    const char *n = kt_hcall_name(nr);

    if (n)
        sbuf_printf(s, "%s", n);
    else
        sbuf_printf(s, "hypercall_%" PRIu64, nr);
}

static void kt_describe_batch(struct sbuf *s, const struct kt_rec *r)
{
    union {
        struct keel_tr_multicall mc;
        struct keel_tr_mmu_update mu;
        struct keel_tr_mmuext_op me;
    } u;

    if (r->event == KEEL_TEV_MULTICALL) {
        kt_payload(r, &u.mc, sizeof(u.mc));
        sbuf_printf(s, "[%u] ", u.mc.index);
        if (r->nwords * KEEL_TRACE_WORD >= sizeof(u.mc))
            kt_format_call(s, u.mc.op, u.mc.args);
        else
            kt_nr_name(s, u.mc.op);   /* a 1.0 record: no arguments */
        sbuf_printf(s, " = ");
        kt_format_result(s, u.mc.result);
    } else if (r->event == KEEL_TEV_MMU_UPDATE) {
        kt_payload(r, &u.mu, sizeof(u.mu));
        sbuf_printf(s, "[%u] ", u.mu.index);
        kt_format_mmu_req(s, u.mu.ptr, u.mu.val, u.mu.level);
        sbuf_printf(s, " = ");
        kt_format_result(s, u.mu.result);
    } else {
        kt_payload(r, &u.me, sizeof(u.me));
        sbuf_printf(s, "[%u] ", u.me.index);
        kt_format_mmuext(s, u.me.cmd, u.me.arg1, u.me.arg2);
        sbuf_printf(s, " = ");
        kt_format_result(s, u.me.result);
    }
}

static void kt_describe_evt(struct sbuf *s, const struct kt_rec *r)
{
    union {
        struct keel_tr_evt_send send;
        struct keel_tr_evt_upcall up;
        struct keel_tr_sched_switch sw;
    } u;

    if (r->event == KEEL_TEV_EVT_SEND) {
        kt_payload(r, &u.send, sizeof(u.send));
        sbuf_printf(s, "evtchn_send port=%u -> d%u port=%u", u.send.port, u.send.remote_dom,
                    u.send.remote_port);
    } else if (r->event == KEEL_TEV_EVT_UPCALL) {
        kt_payload(r, &u.up, sizeof(u.up));
        sbuf_printf(s, "upcall pending_sel=0x%" PRIx64, u.up.pending_sel);
    } else {
        kt_payload(r, &u.sw, sizeof(u.sw));
        sbuf_printf(s, "switch ");
        kt_who(s, &(struct kt_rec){ .domid = u.sw.from_dom, .vcpu = u.sw.from_vcpu });
        sbuf_printf(s, " -> ");
        kt_who(s, &(struct kt_rec){ .domid = u.sw.to_dom, .vcpu = u.sw.to_vcpu });
    }
}

static void kt_describe_trap(struct sbuf *s, const struct kt_rec *r)
{
    struct keel_tr_trap p;
    const char *v;

    kt_payload(r, &p, sizeof(p));
    v = kt_vector_name(p.vector);
    if (v)
        sbuf_printf(s, "trap %s", v);
    else
        sbuf_printf(s, "trap vector=%u", p.vector);
    sbuf_printf(s, " ec=0x%x rip=0x%" PRIx64 " cr2=0x%" PRIx64, p.error_code, p.rip, p.cr2);
}

static void kt_describe_dom(struct sbuf *s, const struct kt_rec *r)
{
    union {
        struct keel_tr_dom_create c;
        struct keel_tr_dom_crash x;
        struct keel_tr_dom_shutdown d;
    } u;
    const char *why;

    if (r->event == KEEL_TEV_DOM_CREATE) {
        kt_payload(r, &u.c, sizeof(u.c));
        sbuf_printf(s, "domain_create pages=%" PRIu64 " vcpus=%u%s", u.c.nr_pages,
                    u.c.max_vcpus, (u.c.flags & KEEL_TRACE_DOMF_PRIVILEGED) ? " privileged" : "");
    } else if (r->event == KEEL_TEV_DOM_CRASH) {
        kt_payload(r, &u.x, sizeof(u.x));
        sbuf_printf(s, "domain_crash rip=0x%" PRIx64 " reason=", u.x.rip);
        sbuf_quote(s, u.x.reason, sizeof(u.x.reason), 0);
    } else {
        kt_payload(r, &u.d, sizeof(u.d));
        why = kt_shutdown_name(u.d.reason);
        if (why)
            sbuf_printf(s, "domain_shutdown reason=%s code=%u", why, u.d.code);
        else
            sbuf_printf(s, "domain_shutdown reason=%u code=%u", u.d.reason, u.d.code);
    }
}

static void kt_describe_meta(struct sbuf *s, const struct kt_rec *r, uint64_t base)
{
    union {
        struct keel_tr_lost l;
        struct keel_tr_mask m;
    } u;

    if (r->event == KEEL_TEV_LOST) {
        kt_payload(r, &u.l, sizeof(u.l));
        sbuf_printf(s, "*** lost %" PRIu64 " records (buffer full), the first at %" PRIu64
                    " ***", u.l.count, u.l.first_tsc - base);
    } else {
        kt_payload(r, &u.m, sizeof(u.m));
        sbuf_printf(s, "trace mask ");
        kt_format_mask(s, u.m.old_mask);
        sbuf_printf(s, " -> ");
        kt_format_mask(s, u.m.new_mask);
    }
}

static void kt_describe_grant(struct sbuf *s, const struct kt_rec *r)
{
    struct keel_tr_grant_op g;
    const char *n;

    kt_payload(r, &g, sizeof(g));
    n = kt_gnttab_name(g.cmd);
    if (n)
        sbuf_printf(s, "grant %s", n);
    else
        sbuf_printf(s, "grant cmd=%u", g.cmd);
    sbuf_printf(s, " ref=%u dom=%u = ", g.ref, g.remote_dom);
    kt_format_result(s, g.result);
}

static void kt_describe_raw(struct sbuf *s, const struct kt_rec *r)
{
    sbuf_printf(s, "event 0x%04x", r->event);
    for (unsigned int i = 0; i < r->nwords; i++) {
        uint64_t w;

        memcpy(&w, r->payload + (size_t)i * KEEL_TRACE_WORD, sizeof(w));
        sbuf_printf(s, " 0x%" PRIx64, w);
    }
}

void kt_describe(struct sbuf *s, const struct kt_rec *r, uint64_t base)
{
    switch (r->event) {
    case KEEL_TEV_MULTICALL: case KEEL_TEV_MMU_UPDATE: case KEEL_TEV_MMUEXT_OP:
        kt_describe_batch(s, r); break;
    case KEEL_TEV_EVT_SEND: case KEEL_TEV_EVT_UPCALL: case KEEL_TEV_SCHED_SWITCH:
        kt_describe_evt(s, r); break;
    case KEEL_TEV_TRAP_BOUNCE: kt_describe_trap(s, r); break;
    case KEEL_TEV_DOM_CREATE: case KEEL_TEV_DOM_CRASH: case KEEL_TEV_DOM_SHUTDOWN:
        kt_describe_dom(s, r); break;
    case KEEL_TEV_LOST: case KEEL_TEV_MASK: kt_describe_meta(s, r, base); break;
    case KEEL_TEV_GRANT_OP: kt_describe_grant(s, r); break;
    default: kt_describe_raw(s, r); break;
    }
}

static void kt_exit_tail(struct sbuf *s, const struct kt_rec *x)
{
    struct keel_tr_hcall_exit e;

    kt_payload(x, &e, sizeof(e));
    sbuf_printf(s, " = ");
    kt_format_result(s, e.result);
    sbuf_printf(s, " <%" PRIu64 " cyc>", e.cycles);
}

static void kt_call(struct sbuf *s, const struct kt_rec *r)
{
    struct keel_tr_hcall_entry e;

    kt_payload(r, &e, sizeof(e));
    kt_format_call(s, e.nr, e.args);
}

/* The text of record i; *skip is set when its exit is folded into this line. */
static void kt_line(struct sbuf *s, const struct kt_trace *t, const struct kt_pairs *p,
                    size_t i, size_t next, bool *skip)
{
    const struct kt_rec *r = &t->recs[i];
    size_t mate = p->partner[i];

    sbuf_printf(s, "%12" PRIu64 " c%u ", r->tsc - kt_time_base(t), r->cpu);
    kt_who(s, r);
    sbuf_printf(s, p->parent[i] != KT_NONE ? "   " : " ");
    if (r->event == KEEL_TEV_HCALL_ENTRY) {
        kt_call(s, r);
        if (mate != KT_NONE && mate == next) {
            kt_exit_tail(s, &t->recs[mate]);
            *skip = true;
        } else {
            sbuf_printf(s, " ...");
        }
    } else if (r->event == KEEL_TEV_HCALL_EXIT) {
        sbuf_printf(s, mate != KT_NONE ? "<... " : "<unstarted ");
        kt_nr_name(s, kt_rec_nr(r));
        sbuf_printf(s, mate != KT_NONE ? " resumed>" : ">");
        kt_exit_tail(s, r);
    } else {
        kt_describe(s, r, kt_time_base(t));
    }
}

/* next[i]: the first record after i that passes f (t->nrecs if none). */
static size_t *kt_next_shown(const struct kt_trace *t, const struct kt_pairs *p,
                             const struct kt_filter *f, bool *shown)
{
    size_t *next = malloc((t->nrecs + 1) * sizeof(*next));
    size_t after = t->nrecs;

    if (!next)
        return NULL;
    for (size_t i = t->nrecs; i-- > 0;) {
        next[i] = after;
        shown[i] = kt_filter_match(f, t, p, i);
        if (shown[i])
            after = i;
    }
    return next;
}

int kt_dump(FILE *out, const struct kt_trace *t, const struct kt_pairs *p,
            const struct kt_filter *f)
{
    bool *shown = calloc(t->nrecs + 1, sizeof(*shown));
    size_t *next = shown ? kt_next_shown(t, p, f, shown) : NULL;
    char line[KT_LINE];
    int rc = 0;

    if (!next) {
        free(shown);
        return -1;
    }
    for (size_t i = 0; i < t->nrecs && rc == 0; i++) {
        struct sbuf s;
        bool skip = false;

        if (!shown[i])
            continue;
        sbuf_init(&s, line, sizeof(line));
        kt_line(&s, t, p, i, next[i], &skip);
        if (fprintf(out, "%s\n", line) < 0)
            rc = -1;
        if (skip)
            shown[next[i]] = false;
    }
    free(next);
    free(shown);
    return rc;
}
