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

#define KT_PATH 4096
#define KT_NAME 64
#define KT_DIR_MODE 0755
#define KT_PNG_W 800
#define KT_PNG_H 480

uint64_t kt_histogram(const uint64_t *sorted, size_t n, size_t *count, unsigned int nbins)
{
    uint64_t lo = sorted[0], span = sorted[n - 1] - sorted[0] + 1;
    uint64_t width = (span + nbins - 1) / nbins;

    memset(count, 0, nbins * sizeof(*count));
    for (size_t i = 0; i < n; i++)
        count[(sorted[i] - lo) / width]++;
    return width;
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

/* Feeds gnuplot one histogram; returns its exit status (0 on success). */
static int kt_gnuplot(const char *png, const char *name, const struct kt_agg *a)
{
    size_t count[KT_PLOT_BINS];
    uint64_t width = kt_histogram(a->cycles, a->ncycles, count, KT_PLOT_BINS);
    FILE *g = popen("gnuplot", "w");

    if (!g)
        return -1;
    fprintf(g, "set terminal pngcairo size %d,%d\nset output '%s'\n", KT_PNG_W, KT_PNG_H, png);
    fprintf(g, "set title '%s: %zu calls, p50 %" PRIu64 ", max %" PRIu64 " cycles'\n", name,
            a->ncycles, a->cycles[a->ncycles / 2], a->cycles[a->ncycles - 1]);
    fprintf(g, "set xlabel 'cycles'\nset ylabel 'calls'\nset style fill solid 0.6\n"
               "set boxwidth %" PRIu64 " absolute\nset yrange [0:*]\n"
               "plot '-' using 1:2 with boxes notitle\n", width);
    for (unsigned int b = 0; b < KT_PLOT_BINS; b++)
        fprintf(g, "%" PRIu64 " %zu\n", a->cycles[0] + b * width + width / 2, count[b]);
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
