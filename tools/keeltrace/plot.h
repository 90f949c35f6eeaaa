/* keeltrace plot: a latency histogram per hypercall, drawn as PNG by gnuplot. */
#ifndef KT_PLOT_H
#define KT_PLOT_H

#include "tools/keeltrace/filter.h"
#include "tools/keeltrace/pair.h"
#include "tools/keeltrace/reader.h"

#define KT_PLOT_BINS 20

/* Writes dir/latency-<hypercall>.png for each hypercall with completed calls (gnuplot must
 * be on PATH) and prints each file's name. Returns 0, or -1 (message printed). */
int kt_plot(const char *dir, const struct kt_trace *t, const struct kt_pairs *p,
            const struct kt_filter *f);

/* Histogram of n sorted samples into nbins equal bins from sorted[0] to sorted[n-1]:
 * count[b] and the bin width (>= 1). */
uint64_t kt_histogram(const uint64_t *sorted, size_t n, size_t *count, unsigned int nbins);

#endif
