/* keeltrace's record filters. */
#include "tools/keeltrace/filter.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tools/keeltrace/names.h"

#define KT_DEC_BASE 10

void kt_filter_init(struct kt_filter *f)
{
    memset(f, 0, sizeof(*f));
    f->hcall = -1;
}

/* Parses a decimal number that fills s entirely. */
static int kt_number(const char *s, uint64_t max, uint64_t *v)
{
    char *end;
    unsigned long long n;

    errno = 0;
    n = strtoull(s, &end, KT_DEC_BASE);
    if (!*s || *s == '-' || *end || errno || n > max)
        return -1;
    *v = n;
    return 0;
}

static int kt_window(struct kt_filter *f, const char *val)
{
    const char *colon = strchr(val, ':');
    char from[32];

    if (!colon || (size_t)(colon - val) >= sizeof(from))
        return -1;
    memcpy(from, val, (size_t)(colon - val));
    from[colon - val] = '\0';
    f->has_from = from[0] != '\0';
    f->has_to = colon[1] != '\0';
    if (f->has_from && kt_number(from, UINT64_MAX, &f->from) < 0)
        return -1;
    if (f->has_to && kt_number(colon + 1, UINT64_MAX, &f->to) < 0)
        return -1;
    return 0;
}

int kt_filter_set(struct kt_filter *f, char opt, const char *val)
{
    uint64_t v;

    switch (opt) {
    case 'd':
        if (kt_number(val, UINT16_MAX, &v) < 0)
            return -1;
        f->has_dom = true;
        f->dom = (uint16_t)v;
        return 0;
    case 'h':
        f->hcall = kt_hcall_number(val);
        return f->hcall < 0 ? -1 : 0;
    case 'c':
        return kt_parse_classes(val, &f->classes);
    case 't':
        return kt_window(f, val);
    default:
        return -1;
    }
}

uint64_t kt_time_base(const struct kt_trace *t)
{
    return t->nrecs ? t->recs[0].tsc : 0;
}

static bool kt_match_dom(const struct kt_filter *f, const struct kt_rec *r)
{
    struct keel_tr_sched_switch s;

    if (!f->has_dom || r->domid == f->dom)
        return true;
    if (r->event != KEEL_TEV_SCHED_SWITCH)
        return false;
    kt_payload(r, &s, sizeof(s));
    return s.from_dom == f->dom;
}

/* -h: the call's own records, the records inside it, and multicall entries naming it. */
static bool kt_match_hcall(const struct kt_filter *f, const struct kt_trace *t,
                           const struct kt_pairs *p, size_t i)
{
    const struct kt_rec *r = &t->recs[i];

    if (f->hcall < 0)
        return true;
    if (r->event == KEEL_TEV_HCALL_ENTRY || r->event == KEEL_TEV_HCALL_EXIT ||
        r->event == KEEL_TEV_MULTICALL)
        return kt_rec_nr(r) == (uint64_t)f->hcall;
    return p && p->parent[i] != KT_NONE && kt_rec_nr(&t->recs[p->parent[i]]) ==
                                               (uint64_t)f->hcall;
}

bool kt_filter_match(const struct kt_filter *f, const struct kt_trace *t,
                     const struct kt_pairs *p, size_t i)
{
    const struct kt_rec *r = &t->recs[i];
    uint64_t rel = r->tsc - kt_time_base(t);
    unsigned int cls = KEEL_TEV_CLASS(r->event);

    if ((f->has_from && rel < f->from) || (f->has_to && rel > f->to))
        return false;
    if (cls == KEEL_TRC_META)
        return true;
    if (f->classes && (cls >= KEEL_TRC_NR || !(f->classes & KEEL_TRC_BIT(cls))))
        return false;
    return kt_match_dom(f, r) && kt_match_hcall(f, t, p, i);
}
