/* keeltrace's aggregates: counters, errors by code and cycle samples per key. */
#include "tools/keeltrace/agg.h"

#include <stdlib.h>
#include <string.h>

#define KT_AGG_FIRST 16

struct kt_agg *kt_agg_get(struct kt_aggset *set, uint64_t key)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->a[i].key == key)
            return &set->a[i];
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : KT_AGG_FIRST;
        struct kt_agg *n = realloc(set->a, cap * sizeof(*n));

        if (!n)
            return NULL;
        set->a = n;
        set->cap = cap;
    }
    memset(&set->a[set->n], 0, sizeof(set->a[0]));
    set->a[set->n].key = key;
    return &set->a[set->n++];
}

static void kt_agg_error(struct kt_agg *a, int64_t code)
{
    a->errors++;
    for (size_t i = 0; i < a->nerr; i++) {
        if (a->err[i].code == code) {
            a->err[i].n++;
            return;
        }
    }
    if (a->nerr == KT_AGG_ERR_KINDS) {
        a->other_errors++;
        return;
    }
    a->err[a->nerr++] = (struct kt_err_count){ .code = code, .n = 1 };
}

int kt_agg_add(struct kt_agg *a, int64_t result, int has_cycles, uint64_t cycles)
{
    a->count++;
    if (result < 0)
        kt_agg_error(a, result);
    if (!has_cycles)
        return 0;
    if (a->ncycles == a->capcycles) {
        size_t cap = a->capcycles ? a->capcycles * 2 : KT_AGG_FIRST;
        uint64_t *n = realloc(a->cycles, cap * sizeof(*n));

        if (!n)
            return -1;
        a->cycles = n;
        a->capcycles = cap;
    }
    a->cycles[a->ncycles++] = cycles;
    a->sum += cycles;
    return 0;
}

static int kt_u64_cmp(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

    return (a > b) - (a < b);
}

static int kt_key_cmp(const void *x, const void *y)
{
    uint64_t a = ((const struct kt_agg *)x)->key, b = ((const struct kt_agg *)y)->key;

    return (a > b) - (a < b);
}

/* Most frequent first; equal counts by code, closest to zero first. */
static int kt_errc_cmp(const void *x, const void *y)
{
    const struct kt_err_count *a = x, *b = y;

    if (a->n != b->n)
        return a->n < b->n ? 1 : -1;
    return (a->code < b->code) - (a->code > b->code);
}

void kt_agg_finish(struct kt_aggset *set)
{
    if (set->n)
        qsort(set->a, set->n, sizeof(set->a[0]), kt_key_cmp);
    for (size_t i = 0; i < set->n; i++) {
        struct kt_agg *a = &set->a[i];

        if (a->ncycles)
            qsort(a->cycles, a->ncycles, sizeof(a->cycles[0]), kt_u64_cmp);
        if (a->nerr)
            qsort(a->err, a->nerr, sizeof(a->err[0]), kt_errc_cmp);
    }
}

void kt_agg_free(struct kt_aggset *set)
{
    for (size_t i = 0; i < set->n; i++)
        free(set->a[i].cycles);
    free(set->a);
    memset(set, 0, sizeof(*set));
}
