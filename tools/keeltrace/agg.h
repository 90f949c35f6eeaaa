/* keeltrace's aggregates: a growable set of counters keyed by a number (a hypercall, a
 * domain, a command), each with its cycle samples and its errors by code. */
#ifndef KT_AGG_H
#define KT_AGG_H

#include <stddef.h>
#include <stdint.h>

#define KT_AGG_ERR_KINDS 16     /* distinct error codes kept per key; more go to "other" */

struct kt_err_count {
    int64_t code;
    size_t n;
};

struct kt_agg {
    uint64_t key;
    size_t count;               /* completed calls or entries */
    size_t unfinished;          /* entries without an exit */
    size_t errors;
    size_t other_errors;        /* errors beyond KT_AGG_ERR_KINDS codes */
    struct kt_err_count err[KT_AGG_ERR_KINDS];
    size_t nerr;
    uint64_t *cycles;           /* samples, sorted by kt_agg_finish */
    size_t ncycles, capcycles;
    uint64_t sum;
};

struct kt_aggset {
    struct kt_agg *a;
    size_t n, cap;
};

/* The aggregate for key (created empty); NULL when out of memory. */
struct kt_agg *kt_agg_get(struct kt_aggset *set, uint64_t key);
/* Counts one result (errors are negative) and, if has_cycles, one cycle sample. 0 or -1. */
int kt_agg_add(struct kt_agg *a, int64_t result, int has_cycles, uint64_t cycles);
/* Sorts keys ascending and every aggregate's samples and errors (most frequent first). */
void kt_agg_finish(struct kt_aggset *set);
void kt_agg_free(struct kt_aggset *set);

#endif
