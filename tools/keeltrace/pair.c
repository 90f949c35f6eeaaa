/* keeltrace's pairing: per-CPU stacks of open hypercall entries. */
#include "tools/keeltrace/pair.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define KT_DEPTH 16                 /* open calls remembered per CPU */
#define KT_CPUS (UINT8_MAX + 1)     /* the record's cpu field is 8 bits */

struct kt_stack {
    size_t open[KT_DEPTH];
    unsigned int n;
};

uint64_t kt_rec_nr(const struct kt_rec *r)
{
    uint64_t nr;

    kt_payload(r, &nr, sizeof(nr));   /* nr is the first word of entry and exit */
    return nr;
}

static bool kt_same_call(const struct kt_rec *a, const struct kt_rec *b)
{
    return a->domid == b->domid && a->vcpu == b->vcpu && kt_rec_nr(a) == kt_rec_nr(b);
}

/* A record inside a call: the innermost open call of the same vCPU on this CPU. */
static size_t kt_enclosing(const struct kt_stack *st, const struct kt_trace *t, size_t i)
{
    for (unsigned int k = st->n; k-- > 0;) {
        const struct kt_rec *o = &t->recs[st->open[k]];

        if (o->domid == t->recs[i].domid && o->vcpu == t->recs[i].vcpu)
            return st->open[k];
    }
    return KT_NONE;
}

/* A vCPU is inside at most one hypercall: an open call of the vCPU that makes a new one
 * lost its exit (a full buffer) or never returned (a crash); it stays unfinished. */
static void kt_drop_same_vcpu(struct kt_stack *st, const struct kt_trace *t, size_t i)
{
    unsigned int k = 0;

    while (k < st->n) {
        const struct kt_rec *o = &t->recs[st->open[k]];

        if (o->domid == t->recs[i].domid && o->vcpu == t->recs[i].vcpu) {
            memmove(st->open + k, st->open + k + 1, (st->n - k - 1) * sizeof(st->open[0]));
            st->n--;
        } else {
            k++;
        }
    }
}

static void kt_push_open(struct kt_stack *st, struct kt_pairs *p, const struct kt_trace *t,
                         size_t i)
{
    kt_drop_same_vcpu(st, t, i);
    if (st->n == KT_DEPTH) {   /* forget the oldest: its exit will be an orphan */
        memmove(st->open, st->open + 1, (KT_DEPTH - 1) * sizeof(st->open[0]));
        st->n--;
    }
    p->parent[i] = KT_NONE;
    st->open[st->n++] = i;
}

/* Finds and removes the open entry matching exit x in st; KT_NONE if there is none. */
static size_t kt_take_open(struct kt_stack *st, const struct kt_trace *t, size_t x)
{
    for (unsigned int k = st->n; k-- > 0;) {
        size_t e = st->open[k];

        if (kt_same_call(&t->recs[e], &t->recs[x])) {
            memmove(st->open + k, st->open + k + 1, (st->n - k - 1) * sizeof(st->open[0]));
            st->n--;
            return e;
        }
    }
    return KT_NONE;
}

static void kt_close(struct kt_stack *stacks, struct kt_pairs *p, const struct kt_trace *t,
                     size_t x)
{
    unsigned int cpu = t->recs[x].cpu;
    size_t e = kt_take_open(&stacks[cpu], t, x);

    for (unsigned int c = 0; e == KT_NONE && c < KT_CPUS; c++)
        if (c != cpu)
            e = kt_take_open(&stacks[c], t, x);
    if (e == KT_NONE) {
        p->orphans++;
        return;
    }
    p->partner[e] = x;
    p->partner[x] = e;
    p->parent[x] = p->parent[e];
}

int kt_pair(const struct kt_trace *t, struct kt_pairs *p)
{
    struct kt_stack *stacks = calloc(KT_CPUS, sizeof(*stacks));

    memset(p, 0, sizeof(*p));
    p->partner = malloc((t->nrecs + 1) * sizeof(size_t));
    p->parent = malloc((t->nrecs + 1) * sizeof(size_t));
    if (!stacks || !p->partner || !p->parent) {
        free(stacks);
        kt_pairs_free(p);
        return -1;
    }
    for (size_t i = 0; i < t->nrecs; i++) {
        const struct kt_rec *r = &t->recs[i];

        p->partner[i] = KT_NONE;
        if (r->event == KEEL_TEV_HCALL_ENTRY)
            kt_push_open(&stacks[r->cpu], p, t, i);
        else if (r->event == KEEL_TEV_HCALL_EXIT)
            kt_close(stacks, p, t, i);
        else
            p->parent[i] = kt_enclosing(&stacks[r->cpu], t, i);
    }
    for (size_t i = 0; i < t->nrecs; i++)
        p->unfinished += t->recs[i].event == KEEL_TEV_HCALL_ENTRY && p->partner[i] == KT_NONE;
    free(stacks);
    return 0;
}

void kt_pairs_free(struct kt_pairs *p)
{
    free(p->partner);
    free(p->parent);
    memset(p, 0, sizeof(*p));
}
