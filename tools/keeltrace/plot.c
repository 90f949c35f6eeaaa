/* keeltrace plot: per-hypercall cycle histograms, rendered by gnuplot (PNG). */
#include "tools/keeltrace/plot.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tools/keeltrace/agg.h"
#include "tools/keeltrace/names.h"
#include "tools/keeltrace/stats.h"

#define KT_PATH 4096
#define KT_NAME 64
#define KT_DIR_MODE 0755
#define KT_PNG_W 800
#define KT_PNG_H 480
#define KT_PLOT_P50 50

unsigned int kt_bucket(uint64_t v)
{
    unsigned int b = 0;

    while (v > 1) {
        v >>= 1;
        b++;
    }
    return b;
}

unsigned int kt_histogram(const uint64_t *v, size_t n, size_t count[KT_PLOT_BINS])
{
    unsigned int lo = KT_PLOT_BINS - 1;

    memset(count, 0, KT_PLOT_BINS * sizeof(count[0]));
    for (size_t i = 0; i < n; i++) {
        unsigned int b = kt_bucket(v[i]);

        count[b]++;
        lo = b < lo ? b : lo;
    }
    return lo;
}

static int kt_mkdirs(const char *dir)
{
    char path[KT_PATH];
    size_t len = strlen(dir);

    if (len == 0 || len >= sizeof(path))
        return -1;
    memcpy(path, dir, len + 1);
    for (char *s = path + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(path, KT_DIR_MODE) < 0 && errno != EEXIST)
            return -1;
        *s = '/';
    }
    return mkdir(path, KT_DIR_MODE) < 0 && errno != EEXIST ? -1 : 0;
}

/* Feeds gnuplot one histogram, one bar per power-of-two bucket from the smallest sample's to
 * the largest's; returns gnuplot's exit status (0 on success). */
static int kt_gnuplot(const char *png, const char *name, const struct kt_agg *a)
{
    size_t count[KT_PLOT_BINS];
    unsigned int lo = kt_histogram(a->cycles, a->ncycles, count);
    unsigned int hi = kt_bucket(a->cycles[a->ncycles - 1]);
    FILE *g = popen("gnuplot", "w");

    if (!g)
        return -1;
    fprintf(g, "set terminal pngcairo size %d,%d noenhanced\nset output '%s'\n", KT_PNG_W,
            KT_PNG_H, png);
    fprintf(g, "set title '%s: %zu calls, p50 %" PRIu64 ", max %" PRIu64 " cycles'\n", name,
            a->ncycles, kt_percentile(a->cycles, a->ncycles, KT_PLOT_P50), a->cycles[a->ncycles - 1]);
    fprintf(g, "set xlabel 'cycles (bucket from this value to twice it)'\n"
               "set ylabel 'calls'\nset style fill solid 0.6\nset boxwidth 0.8\n"
               "set yrange [0:*]\nset xtics rotate by -45\n"
               "plot '-' using 0:2:xtic(1) with boxes notitle\n");
    for (unsigned int b = lo; b <= hi; b++)
        fprintf(g, "%" PRIu64 " %zu\n", b ? UINT64_C(1) << b : 0, count[b]);
    fprintf(g, "e\n");
    return pclose(g);
}

static int kt_collect(struct kt_aggset *set, const struct kt_trace *t, const struct kt_pairs *p,
                      const struct kt_filter *f)
{
    for (size_t i = 0; i < t->nrecs; i++) {
        struct keel_tr_hcall_exit x;
        struct kt_agg *a;

        if (t->recs[i].event != KEEL_TEV_HCALL_EXIT || !kt_filter_match(f, t, p, i))
            continue;
        kt_payload(&t->recs[i], &x, sizeof(x));
        a = kt_agg_get(set, x.nr);
        if (!a || kt_agg_add(a, x.result, 1, x.cycles) < 0)
            return -1;
    }
    kt_agg_finish(set);
    return 0;
}

int kt_plot(const char *dir, const struct kt_trace *t, const struct kt_pairs *p,
            const struct kt_filter *f)
{
    struct kt_aggset set = { 0 };
    int rc = kt_collect(&set, t, p, f);

    if (rc == 0 && strchr(dir, '\'')) {
        fprintf(stderr, "keeltrace: plot directory may not contain a quote: %s\n", dir);
        rc = -1;
    } else if (rc == 0 && kt_mkdirs(dir) < 0) {
        fprintf(stderr, "keeltrace: cannot create %s: %s\n", dir, strerror(errno));
        rc = -1;
    }
    for (size_t i = 0; i < set.n && rc == 0; i++) {
        char png[KT_PATH], name[KT_NAME];
        const char *n = kt_hcall_name(set.a[i].key);

        if (n)
            snprintf(name, sizeof(name), "%s", n);
        else
            snprintf(name, sizeof(name), "hypercall_%" PRIu64, set.a[i].key);
        snprintf(png, sizeof(png), "%s/latency-%s.png", dir, name);
        if (kt_gnuplot(png, name, &set.a[i]) != 0) {
            fprintf(stderr, "keeltrace: gnuplot failed on %s\n", png);
            rc = -1;
        } else {
            printf("%s\n", png);
        }
    }
    if (set.n == 0 && rc == 0)
        printf("no completed hypercalls to plot\n");
    kt_agg_free(&set);
    return rc;
}
