/* Host tests of mb2_usable_ranges (hv/mb2.c): a table of memory maps with their expected
 * usable ranges and overlap counts, then randomized maps checked against a brute-force model
 * that decides usability byte-block by byte-block. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hv/mb2.h"

#define KiB 0x400ull
#define MiB 0x100000ull
#define GiB 0x40000000ull
#define TiB (1024 * GiB)
#define MAXR 8                      /* regions or ranges per table row */
#define AV MB2_MEM_AVAILABLE
#define RS MB2_MEM_RESERVED

struct range_case {
    const char *name;
    struct mb2_region map[MAXR];
    struct mem_range res[MAXR];     /* caller's reserved ranges */
    struct mem_range expect[MAXR];
    int count;                      /* expected return value */
    unsigned overlaps;
};

static const struct range_case cases[] = {
    { "single", { { MiB, 15 * MiB, AV } }, { { 0 } }, { { MiB, 16 * MiB } }, 1, 0 },
    { "below_1MiB_dropped", { { 0, 640 * KiB, AV }, { 0, 2 * MiB, AV } }, { { 0 } },
      { { MiB, 2 * MiB } }, 1, 1 },
    { "touching_merge", { { MiB, MiB, AV }, { 2 * MiB, MiB, AV } }, { { 0 } },
      { { MiB, 3 * MiB } }, 1, 0 },
    { "overlapping_available", { { MiB, 2 * MiB, AV }, { 2 * MiB, 2 * MiB, AV } }, { { 0 } },
      { { MiB, 4 * MiB } }, 1, 1 },
    { "reserved_wins", { { MiB, 7 * MiB, AV }, { 3 * MiB, MiB, RS } }, { { 0 } },
      { { MiB, 3 * MiB }, { 4 * MiB, 8 * MiB } }, 2, 1 },
    { "reserved_first_in_map", { { 3 * MiB, MiB, RS }, { MiB, 7 * MiB, AV } }, { { 0 } },
      { { MiB, 3 * MiB }, { 4 * MiB, 8 * MiB } }, 2, 1 },
    { "acpi_nvs_badram_carved",
      { { MiB, 15 * MiB, AV }, { 2 * MiB, MiB, MB2_MEM_ACPI_RECLAIMABLE },
        { 5 * MiB, 4 * KiB, MB2_MEM_NVS }, { 9 * MiB, MiB, MB2_MEM_BADRAM } }, { { 0 } },
      { { MiB, 2 * MiB }, { 3 * MiB, 5 * MiB }, { 5 * MiB + 4 * KiB, 9 * MiB },
        { 10 * MiB, 16 * MiB } }, 4, 3 },
    { "unknown_type_is_not_available", { { MiB, MiB, 7 } }, { { 0 } }, { { 0 } }, 0, 0 },
    { "caller_reserved", { { MiB, 15 * MiB, AV } },
      { { MiB, 2 * MiB + 100 }, { 8 * MiB, 9 * MiB }, { 15 * MiB, 20 * MiB } },
      { { 2 * MiB + 4 * KiB, 8 * MiB }, { 9 * MiB, 15 * MiB } }, 2, 0 },
    { "page_rounding", { { MiB + 0x800, MiB, AV } }, { { 0 } },
      { { MiB + 4 * KiB, 2 * MiB } }, 1, 0 },
    { "sub_page_region_vanishes", { { MiB + 0x100, 0xe00, AV } }, { { 0 } }, { { 0 } }, 0, 0 },
    { "sub_page_hole_costs_a_page", { { MiB, MiB, AV }, { MiB + 0x10, 0x10, RS } }, { { 0 } },
      { { MiB + 4 * KiB, 2 * MiB } }, 1, 1 },
    { "above_4GiB", { { 4 * GiB, 4 * GiB, AV }, { MiB, 3 * GiB - MiB, AV } }, { { 0 } },
      { { MiB, 3 * GiB }, { 4 * GiB, 8 * GiB } }, 2, 0 },
    { "up_to_1TiB", { { 4 * GiB, TiB - 4 * GiB, AV } }, { { 0 } }, { { 4 * GiB, TiB } }, 1, 0 },
    { "clipped_at_2^52", { { (1ull << 52) - MiB, 2 * MiB, AV } }, { { 0 } },
      { { (1ull << 52) - MiB, 1ull << 52 } }, 1, 0 },
    { "empty_map", { { 0 } }, { { 0 } }, { { 0 } }, 0, 0 },
    { "three_way_overlap", { { MiB, 3 * MiB, AV }, { 2 * MiB, 3 * MiB, AV },
      { 3 * MiB, MiB, RS } }, { { 0 } }, { { MiB, 3 * MiB }, { 4 * MiB, 5 * MiB } }, 2, 3 },
};

static unsigned count_nonempty_regions(const struct mb2_region *r)
{
    unsigned n = 0;

    while (n < MAXR && r[n].len)
        n++;
    return n;
}

static unsigned count_nonempty_ranges(const struct mem_range *r)
{
    unsigned n = 0;

    while (n < MAXR && r[n].end)
        n++;
    return n;
}

static void run_case(void **state)
{
    const struct range_case *c = *state;
    struct boot_info *bi = calloc(1, sizeof(*bi));
    struct mem_range out[MAXR];
    unsigned overlaps = ~0u;
    int n;

    assert_non_null(bi);
    bi->nr_mmap = count_nonempty_regions(c->map);
    memcpy(bi->mmap, c->map, bi->nr_mmap * sizeof(c->map[0]));
    n = mb2_usable_ranges(bi, c->res, count_nonempty_ranges(c->res), out, MAXR, &overlaps);
    assert_int_equal(n, c->count);
    assert_int_equal(overlaps, c->overlaps);
    for (int i = 0; i < n; i++) {
        assert_int_equal(out[i].start, c->expect[i].start);
        assert_int_equal(out[i].end, c->expect[i].end);
    }
    free(bi);
}

/* Too small an output array: -ENOSPC, and only max entries written. */
static void test_enospc(void **state)
{
    struct boot_info *bi = calloc(1, sizeof(*bi));
    struct mem_range out[3];
    unsigned ov;

    (void)state;
    assert_non_null(bi);
    for (unsigned i = 0; i < 3; i++)
        bi->mmap[i] = (struct mb2_region){ (2 * i + 1) * MiB, MiB, AV };
    bi->nr_mmap = 3;
    out[2].start = 0xdead;
    assert_int_equal(mb2_usable_ranges(bi, NULL, 0, out, 2, &ov), -XEN_ENOSPC);
    assert_int_equal(out[2].start, 0xdead);
    assert_int_equal(mb2_usable_ranges(bi, NULL, 0, out, 3, &ov), 3);
    free(bi);
}

static void test_bad_arguments(void **state)
{
    struct boot_info *bi = calloc(1, sizeof(*bi));
    struct mem_range bad = { 2 * MiB, MiB }, out[1];

    (void)state;
    assert_non_null(bi);
    bi->mmap[0] = (struct mb2_region){ MiB, MiB, AV };
    bi->nr_mmap = 1;
    assert_int_equal(mb2_usable_ranges(bi, &bad, 1, out, 1, NULL), -XEN_EINVAL);
    assert_int_equal(mb2_usable_ranges(NULL, NULL, 0, out, 1, NULL), -XEN_EINVAL);
    bi->nr_mmap = MB2_MAX_MMAP + 1;
    assert_int_equal(mb2_usable_ranges(bi, NULL, 0, out, 1, NULL), -XEN_EINVAL);
    free(bi);
}

/* ---- Randomized comparison with a brute-force model ---------------------------------- */
#define MODEL_UNIT 256ull           /* every random edge is a multiple of this */
#define MODEL_SPAN (8 * MiB)
#define MODEL_UNITS (MODEL_SPAN / MODEL_UNIT)
#define MODEL_PAGE_UNITS (4096 / MODEL_UNIT)
#define MODEL_ROUNDS 300
#define MODEL_SEED 4242u

static uint64_t rand_edge(void)
{
    return (uint64_t)(rand() % (int)MODEL_UNITS) * MODEL_UNIT;
}

static void random_map(struct boot_info *bi, struct mem_range *res, unsigned *nres)
{
    bi->nr_mmap = 1 + (unsigned)rand() % 10;
    for (unsigned i = 0; i < bi->nr_mmap; i++) {
        uint64_t a = rand_edge(), b = rand_edge();

        bi->mmap[i].base = a < b ? a : b;
        bi->mmap[i].len = a < b ? b - a : a - b;
        bi->mmap[i].type = rand() % 3 ? AV : 1 + (uint32_t)rand() % 5;
    }
    *nres = (unsigned)rand() % 3;
    for (unsigned i = 0; i < *nres; i++) {
        uint64_t a = rand_edge(), b = rand_edge();

        res[i] = (struct mem_range){ a < b ? a : b, a < b ? b : a };
    }
}

/* Unit u is usable: inside an available region, no other region or reserved range, >= 1 MiB. */
static bool model_unit(const struct boot_info *bi, const struct mem_range *res, unsigned nres,
                       uint64_t u)
{
    uint64_t x = u * MODEL_UNIT;
    bool avail = false;

    for (unsigned i = 0; i < bi->nr_mmap; i++) {
        const struct mb2_region *r = &bi->mmap[i];

        if (x >= r->base && x < r->base + r->len) {
            if (r->type != AV)
                return false;
            avail = true;
        }
    }
    for (unsigned i = 0; i < nres; i++) {
        if (x >= res[i].start && x < res[i].end)
            return false;
    }
    return avail && x >= MiB;
}

/* Expected output: maximal runs of pages whose every unit is usable. */
static int model_ranges(const struct boot_info *bi, const struct mem_range *res, unsigned nres,
                        struct mem_range *out)
{
    int n = 0;
    bool open = false;

    for (uint64_t p = 0; p < MODEL_UNITS / MODEL_PAGE_UNITS; p++) {
        bool ok = true;

        for (uint64_t k = 0; k < MODEL_PAGE_UNITS && ok; k++)
            ok = model_unit(bi, res, nres, p * MODEL_PAGE_UNITS + k);
        if (ok && !open)
            out[n++].start = p * 4096;
        if (ok)
            out[n - 1].end = (p + 1) * 4096;
        open = ok;
    }
    return n;
}

static void test_random_vs_model(void **state)
{
    enum { MAXOUT = 64 };
    struct boot_info *bi = calloc(1, sizeof(*bi));
    struct mem_range res[3], got[MAXOUT], want[MAXOUT];

    (void)state;
    assert_non_null(bi);
    srand(MODEL_SEED);
    for (int round = 0; round < MODEL_ROUNDS; round++) {
        unsigned nres;
        int n, m;

        random_map(bi, res, &nres);
        n = mb2_usable_ranges(bi, res, nres, got, MAXOUT, NULL);
        m = model_ranges(bi, res, nres, want);
        assert_int_equal(n, m);
        for (int i = 0; i < n; i++) {
            assert_int_equal(got[i].start, want[i].start);
            assert_int_equal(got[i].end, want[i].end);
        }
    }
    free(bi);
}

int main(void)
{
    enum { N = sizeof(cases) / sizeof(cases[0]) };
    struct CMUnitTest tests[N + 3];

    for (unsigned i = 0; i < N; i++) {
        tests[i] = (struct CMUnitTest){ .name = cases[i].name, .test_func = run_case,
                                        .initial_state = (void *)&cases[i] };
    }
    tests[N] = (struct CMUnitTest){ .name = "enospc", .test_func = test_enospc };
    tests[N + 1] = (struct CMUnitTest){ .name = "bad_arguments", .test_func = test_bad_arguments };
    tests[N + 2] = (struct CMUnitTest){ .name = "random_vs_model",
                                        .test_func = test_random_vs_model };
    return _cmocka_run_group_tests("mb2_ranges", tests, N + 3, NULL, NULL);
}
