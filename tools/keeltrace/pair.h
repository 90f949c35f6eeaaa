/* keeltrace's pairing of hypercall entry and exit records, and of batch-entry records with the
 * hypercall that contains them. Invariant: a pair always has the same hypercall number,
 * domain and vCPU, and the exit never comes before its entry. */
#ifndef KT_PAIR_H
#define KT_PAIR_H

#include <stddef.h>
#include <stdint.h>

#include "tools/keeltrace/reader.h"

#define KT_NONE SIZE_MAX

struct kt_pairs {
    size_t *partner;        /* entry <-> exit record index, or KT_NONE */
    size_t *parent;         /* open hypercall entry enclosing this record, or KT_NONE */
    size_t unfinished;      /* entries never matched by an exit */
    size_t orphans;         /* exits with no entry in the trace */
};

/* Pairs the records of t (sorted by time) with a stack of open calls per CPU; an exit is
 * matched on (number, domain, vCPU), first on its own CPU, then on the others (migration).
 * Returns 0 or -1 (out of memory). */
int kt_pair(const struct kt_trace *t, struct kt_pairs *p);
void kt_pairs_free(struct kt_pairs *p);

/* The hypercall number of an entry or exit record. */
uint64_t kt_rec_nr(const struct kt_rec *r);

#endif
