/* keeltrace stats: per hypercall and per domain call counts, errors by code and cycle
 * statistics (mean, p50, p99, max); batch entries, events and lost records summarised. */
#ifndef KT_STATS_H
#define KT_STATS_H

#include <stdio.h>

#include "tools/keeltrace/filter.h"
#include "tools/keeltrace/pair.h"
#include "tools/keeltrace/reader.h"

/* Returns 0, or -1 on an output or memory error. */
int kt_stats(FILE *out, const struct kt_trace *t, const struct kt_pairs *p,
             const struct kt_filter *f);

/* Nearest-rank percentile (pct in 1..100) of n sorted values; 0 when n is 0. */
uint64_t kt_percentile(const uint64_t *sorted, size_t n, unsigned int pct);

#endif
