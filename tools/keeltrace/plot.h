/* keeltrace plot: a latency histogram per hypercall, drawn as PNG by gnuplot. */
#ifndef KT_PLOT_H
#define KT_PLOT_H

#include "tools/keeltrace/filter.h"
#include "tools/keeltrace/pair.h"
#include "tools/keeltrace/reader.h"

#define KT_PLOT_BINS 64   /* power-of-two buckets: bucket b holds [2^b, 2^(b+1)), 0 in b 0 */

/* Writes dir/latency-<hypercall>.png for each hypercall with completed calls (gnuplot must
 * be on PATH) and prints each file's name. Returns 0, or -1 (message printed). */
int kt_plot(const char *dir, const struct kt_trace *t, const struct kt_pairs *p,
            const struct kt_filter *f);

/* Log2 histogram of n samples into count[KT_PLOT_BINS]; returns the bucket of the smallest
 * sample (latencies span decades: equal-width bins hide everything behind one outlier). */
unsigned int kt_histogram(const uint64_t *v, size_t n, size_t count[KT_PLOT_BINS]);
/* The bucket of one sample. */
unsigned int kt_bucket(uint64_t v);

#endif
