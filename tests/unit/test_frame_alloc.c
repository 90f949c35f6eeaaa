/* Host tests of hv/mm/frame_alloc.c over fake machine memory: only the bitmap needs backing,
 * so p2v maps one small arena wherever the test expects the bitmap and fails the test if the
 * allocator asks for anything else. Frames handed out are checked against the usable ranges,
 * the bitmap's own pages and each other. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hv/mm/frame_alloc.h"
#include "tests/unit/env_host.h"

#define KiB 0x400ull
#define MiB 0x100000ull
#define GiB 0x40000000ull
#define TiB (1024 * GiB)
#define PG 4096ull

/* ---- Fake direct map: one arena at a chosen machine address ------------------------- */
static struct {
    paddr_t base;
    size_t size;
    uint8_t *mem;
    paddr_t asked;                  /* the address p2v was called with */
} arena;

static void *fake_p2v(paddr_t pa)
{
    if (pa < arena.base || pa - arena.base >= arena.size)
        fail_msg("p2v(0x%llx) outside the arena", (unsigned long long)pa);
    arena.asked = pa;
    return arena.mem + (pa - arena.base);
}

static void arena_at(paddr_t base, size_t size)
{
    free(arena.mem);
    arena.mem = malloc(size);       /* exact size: a bitmap overrun is an ASan error */
    assert_non_null(arena.mem);
    arena.base = base;
    arena.size = size;
    arena.asked = 0;
}

static uint8_t *layout_seen;        /* freed by teardown, even when a test fails */

static int teardown(void **state)
{
    (void)state;
    free(arena.mem);
    arena.mem = NULL;
    free(layout_seen);
    layout_seen = NULL;
    return 0;
}

/* ---- Checking what the allocator hands out ------------------------------------------ */
struct layout {
    const struct mem_range *r;
    unsigned nr;
    uint64_t bm_first, bm_pages;    /* the bitmap's frames */
    uint8_t *seen;                  /* one byte per frame of the ranges, in range order */
    uint64_t frames;
};

static void layout_init(struct layout *l, const struct mem_range *r, unsigned nr,
                        uint64_t bm_pages)
{
    l->r = r;
    l->nr = nr;
    l->bm_first = arena.asked / PG;
    l->bm_pages = bm_pages;
    l->frames = 0;
    for (unsigned i = 0; i < nr; i++)
        l->frames += r[i].end / PG - (r[i].start + PG - 1) / PG;
    free(layout_seen);
    l->seen = layout_seen = calloc(l->frames, 1);
    assert_non_null(l->seen);
}

/* Dense index of frame m among the usable frames, or fails the test if m is not usable. */
static uint64_t layout_index(const struct layout *l, uint64_t m)
{
    uint64_t base = 0;

    for (unsigned i = 0; i < l->nr; i++) {
        uint64_t first = (l->r[i].start + PG - 1) / PG, end = l->r[i].end / PG;

        if (m >= first && m < end)
            return base + (m - first);
        base += end - first;
    }
    fail_msg("frame 0x%llx outside every usable range", (unsigned long long)m);
    return 0;
}

/* Records an allocation: usable, not the bitmap, not handed out twice, now not free. */
static void layout_take(struct layout *l, mfn_t m)
{
    uint64_t idx;

    assert_true(mfn_valid(m));
    idx = layout_index(l, mfn_x(m));
    if (mfn_x(m) >= l->bm_first && mfn_x(m) - l->bm_first < l->bm_pages)
        fail_msg("frame 0x%llx is a bitmap page", (unsigned long long)mfn_x(m));
    if (l->seen[idx])
        fail_msg("frame 0x%llx handed out twice", (unsigned long long)mfn_x(m));
    l->seen[idx] = 1;
    assert_false(frame_alloc_is_free(m));
}

/* Allocates until exhaustion; returns how many frames came out. */
static uint64_t alloc_all(struct layout *l, mfn_t *keep, uint64_t keep_max)
{
    uint64_t n = 0;
    mfn_t m;

    while (mfn_valid(m = frame_alloc())) {
        layout_take(l, m);
        if (n < keep_max)
            keep[n] = m;
        n++;
    }
    assert_int_equal(frame_alloc_free_count(), 0);
    return n;
}

/* ---- Tests ---------------------------------------------------------------------------- */
static const struct mem_range small[] = { { MiB, MiB + 100 * PG }, { 4 * MiB, 4 * MiB + 37 * PG } };

static void init_small(void)
{
    arena_at(MiB, PG);
    assert_int_equal(frame_alloc_init(small, 2, fake_p2v, 16 * MiB), 0);
}

static void test_alloc_all_then_free(void **state)
{
    struct layout l;
    mfn_t got[136];

    (void)state;
    init_small();
    assert_int_equal(arena.asked, MiB);             /* lowest range with room */
    assert_int_equal(frame_alloc_total_count(), 136);
    assert_int_equal(frame_alloc_free_count(), 136);
    layout_init(&l, small, 2, 1);
    assert_int_equal(alloc_all(&l, got, 136), 136);
    assert_false(mfn_valid(frame_alloc()));
    assert_false(mfn_valid(frame_alloc_contig(1, 1)));
    for (unsigned i = 0; i < 136; i++) {
        frame_free(got[i]);
        assert_true(frame_alloc_is_free(got[i]));
        assert_int_equal(frame_alloc_free_count(), i + 1);
    }
    assert_true(mfn_valid(frame_alloc()));
}

static void test_next_fit(void **state)
{
    struct layout l;
    mfn_t a, b, c, got[135];

    (void)state;
    init_small();
    layout_init(&l, small, 2, 1);
    a = frame_alloc();
    frame_free(a);
    b = frame_alloc();
    assert_int_equal(mfn_x(b), mfn_x(a) + 1);       /* the cursor moved on */
    layout_take(&l, b);
    assert_int_equal(alloc_all(&l, got, 135), 135); /* a comes last, after the wrap */
    assert_int_equal(mfn_x(got[134]), mfn_x(a));
    frame_free(a);
    frame_free(got[50]);
    c = frame_alloc();                              /* after the cursor first (not a) */
    assert_int_equal(mfn_x(c), mfn_x(got[50]));
    c = frame_alloc();                              /* then wraps around to a */
    assert_int_equal(mfn_x(c), mfn_x(a));
}

static void call_free(void *arg)
{
    frame_free(*(mfn_t *)arg);
}

struct contig_arg { mfn_t first; uint64_t n; };

static void call_free_contig(void *arg)
{
    struct contig_arg *c = arg;

    frame_free_contig(c->first, c->n);
}

static void test_bad_free_panics(void **state)
{
    static const uint64_t unmanaged[] = { 0x10, MiB / PG, 2 * MiB / PG, ~0ull - 1, 0 };
    struct contig_arg ca;
    mfn_t m;

    (void)state;
    init_small();
    m = frame_alloc();
    frame_free(m);
    assert_true(env_host_panics(call_free, &m));
    assert_non_null(strstr(env_host_panic_msg, "double free"));
    assert_int_equal(frame_alloc_free_count(), 136);
    for (unsigned i = 0; i < sizeof(unmanaged) / sizeof(unmanaged[0]); i++) {
        mfn_t u = _mfn(unmanaged[i]);

        assert_true(env_host_panics(call_free, &u));
        assert_non_null(strstr(env_host_panic_msg, "not managed"));
    }
    /* A contiguous free with one frame already free changes nothing before panicking. */
    ca.first = frame_alloc_contig(4, 1);
    ca.n = 4;
    frame_free(_mfn(mfn_x(ca.first) + 2));
    assert_true(env_host_panics(call_free_contig, &ca));
    assert_int_equal(frame_alloc_free_count(), 136 - 3);
    assert_false(frame_alloc_is_free(ca.first));
    ca.n = 2;
    assert_false(env_host_panics(call_free_contig, &ca));
    assert_int_equal(frame_alloc_free_count(), 136 - 1);
}

struct contig_case { uint64_t n, align; bool ok; };

static void test_contig(void **state)
{
    static const struct contig_case cases[] = {
        { 1, 1, true }, { 3, 1, true }, { 8, 8, true }, { 16, 512, true }, { 1, 1024, true },
        { 512, 512, true }, { 0, 1, false }, { 1, 0, false }, { 2, 3, false },
        { 4097, 1, false }, { 1, 1ull << 63, false },
    };
    static const struct mem_range one[] = { { 2 * MiB - 5 * PG, 18 * MiB } };
    struct layout l;

    (void)state;
    arena_at(2 * MiB - 5 * PG, PG);
    assert_int_equal(frame_alloc_init(one, 1, fake_p2v, 16 * MiB), 0);
    layout_init(&l, one, 1, 1);
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint64_t before = frame_alloc_free_count();
        mfn_t m = frame_alloc_contig(cases[i].n, cases[i].align);

        assert_int_equal(mfn_valid(m), cases[i].ok);
        if (!cases[i].ok) {
            assert_int_equal(frame_alloc_free_count(), before);
            continue;
        }
        assert_int_equal(mfn_x(m) % cases[i].align, 0);
        assert_int_equal(frame_alloc_free_count(), before - cases[i].n);
        for (uint64_t k = 0; k < cases[i].n; k++)
            layout_take(&l, _mfn(mfn_x(m) + k));
    }
}

/* After freeing every other frame of a full allocator, no two contiguous frames exist. */
static void test_contig_fragmented(void **state)
{
    struct layout l;
    mfn_t got[136], m;

    (void)state;
    init_small();
    layout_init(&l, small, 2, 1);
    alloc_all(&l, got, 136);
    for (unsigned i = 0; i < 136; i += 2)
        frame_free(got[i]);
    assert_false(mfn_valid(frame_alloc_contig(2, 1)));
    frame_free(got[1]);
    m = frame_alloc_contig(3, 1);
    assert_int_equal(mfn_x(m), mfn_x(got[0]));
    frame_free_contig(m, 3);
    assert_int_equal(frame_alloc_free_count(), 69);
}

/* Unaligned range edges: only whole pages inside are managed; the bitmap takes the first. */
static void test_partial_pages(void **state)
{
    static const struct mem_range r[] = { { MiB + 100, MiB + 10 * PG + 5 },
                                          { 3 * MiB, 3 * MiB + 50 * PG } };
    struct layout l;

    (void)state;
    arena_at(MiB + PG, PG);
    assert_int_equal(frame_alloc_init(r, 2, fake_p2v, 16 * MiB), 0);
    assert_int_equal(arena.asked, MiB + PG);
    assert_int_equal(frame_alloc_total_count(), 8 + 50);
    layout_init(&l, r, 2, 1);
    assert_int_equal(alloc_all(&l, NULL, 0), 58);
}

/* Sparse memory up to 1 TiB: the bitmap (9 pages) is the only memory the test backs. */
static void test_above_4g(void **state)
{
    static const struct mem_range r[] = { { MiB, 2 * MiB }, { 4 * GiB, 5 * GiB },
                                          { TiB - 16 * MiB, TiB } };
    uint64_t total = 256 - 9 + 262144 + 4096;
    struct layout l;
    mfn_t big;

    (void)state;
    arena_at(MiB, 9 * PG);
    assert_int_equal(frame_alloc_init(r, 3, fake_p2v, 4 * GiB), 0);
    assert_int_equal(frame_alloc_total_count(), total);
    layout_init(&l, r, 3, 9);
    assert_int_equal(alloc_all(&l, NULL, 0), total);
    assert_int_equal(l.seen[l.frames - 1], 1);       /* the frame just below 1 TiB */
    frame_free(_mfn(TiB / PG - 1));
    assert_int_equal(mfn_x(frame_alloc()), TiB / PG - 1);
    for (uint64_t m = 4 * GiB / PG; m < 5 * GiB / PG; m++)
        frame_free(_mfn(m));
    big = frame_alloc_contig(512, 512);              /* 2 MiB, 2 MiB aligned */
    assert_int_equal(mfn_x(big), 4 * GiB / PG);
}

/* 1 TiB of address space (almost all RAM): a 32 MiB bitmap, no per-frame host memory. */
static void test_one_tib(void **state)
{
    static const struct mem_range r[] = { { MiB, 2 * GiB }, { 4 * GiB, TiB } };
    uint64_t frames = (2 * GiB - MiB) / PG + (TiB - 4 * GiB) / PG;
    uint64_t words = (2 * GiB - MiB) / PG / 64 + (TiB - 4 * GiB) / PG / 64;
    uint64_t pages = (words * 8 + PG - 1) / PG;
    mfn_t m;

    (void)state;
    arena_at(MiB, pages * PG);
    assert_int_equal(frame_alloc_init(r, 2, fake_p2v, 2 * GiB), 0);
    assert_int_equal(frame_alloc_total_count(), frames - pages);
    m = frame_alloc();
    assert_int_equal(mfn_x(m), MiB / PG + pages);
    m = frame_alloc_contig(GiB / PG, GiB / PG);
    assert_int_equal(mfn_x(m), GiB / PG);
    assert_int_equal(frame_alloc_free_count(), frames - pages - 1 - GiB / PG);
    m = frame_alloc_contig(GiB / PG, GiB / PG);
    assert_int_equal(mfn_x(m), 4 * GiB / PG);
    frame_free_contig(m, GiB / PG);
    assert_true(frame_alloc_is_free(m));
}

struct init_case {
    const char *what;
    struct mem_range r[3];
    unsigned nr;
    paddr_t limit;
    int rc;
};

static void test_init_errors(void **state)
{
    static const struct init_case cases[] = {
        { "unsorted", { { 4 * MiB, 5 * MiB }, { MiB, 2 * MiB } }, 2, GiB, -XEN_EINVAL },
        { "overlapping", { { MiB, 3 * MiB }, { 2 * MiB, 5 * MiB } }, 2, GiB, -XEN_EINVAL },
        { "inverted", { { 3 * MiB, MiB } }, 1, GiB, -XEN_EINVAL },
        { "empty", { { 0 } }, 0, GiB, -XEN_ENOMEM },
        { "sub_page_only", { { MiB + 1, MiB + PG + 1 } }, 1, GiB, -XEN_ENOMEM },
        { "nothing_below_limit", { { 8 * GiB, 9 * GiB } }, 1, 4 * GiB, -XEN_ENOMEM },
        { "bitmap_needs_more_than_fits", { { MiB, MiB + PG }, { 4 * GiB, 5 * GiB } }, 2,
          4 * GiB, -XEN_ENOMEM },
        { "bitmap_is_the_only_page", { { MiB, MiB + PG } }, 1, GiB, -XEN_ENOMEM },
    };

    (void)state;
    arena_at(MiB, PG);
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int rc = frame_alloc_init(cases[i].r, cases[i].nr, fake_p2v, cases[i].limit);

        if (rc != cases[i].rc)
            fail_msg("%s: got %d, want %d", cases[i].what, rc, cases[i].rc);
        assert_false(mfn_valid(frame_alloc()));
        assert_int_equal(frame_alloc_free_count(), 0);
    }
    assert_int_equal(frame_alloc_init(small, 2, NULL, GiB), -XEN_EINVAL);
}

static void test_too_many_ranges(void **state)
{
    enum { N = 200 };
    struct mem_range r[N];
    int rc;

    (void)state;
    for (unsigned i = 0; i < N; i++)
        r[i] = (struct mem_range){ MiB + 2 * i * PG, MiB + (2 * i + 1) * PG };
    arena_at(MiB, PG);
    rc = frame_alloc_init(r, N, fake_p2v, GiB);
    assert_int_equal(rc, -XEN_ENOMEM);
    rc = frame_alloc_init(r, N / 2, fake_p2v, GiB);  /* 100 ranges fit */
    assert_int_equal(rc, 0);
    assert_int_equal(frame_alloc_total_count(), N / 2 - 1);
}

/* The bitmap goes to the lowest range with room below the limit, here above 4 GiB. */
static void test_bitmap_above_4g(void **state)
{
    static const struct mem_range r[] = { { MiB, MiB + PG }, { 4 * GiB, 5 * GiB } };

    (void)state;
    arena_at(4 * GiB, 9 * PG);
    assert_int_equal(frame_alloc_init(r, 2, fake_p2v, 8 * GiB), 0);
    assert_int_equal(arena.asked, 4 * GiB);
    assert_int_equal(frame_alloc_total_count(), 1 + 262144 - 9);
    assert_false(frame_alloc_is_free(_mfn(4 * GiB / PG)));
    assert_true(frame_alloc_is_free(_mfn(4 * GiB / PG + 9)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_alloc_all_then_free, teardown),
        cmocka_unit_test_teardown(test_next_fit, teardown),
        cmocka_unit_test_teardown(test_bad_free_panics, teardown),
        cmocka_unit_test_teardown(test_contig, teardown),
        cmocka_unit_test_teardown(test_contig_fragmented, teardown),
        cmocka_unit_test_teardown(test_partial_pages, teardown),
        cmocka_unit_test_teardown(test_above_4g, teardown),
        cmocka_unit_test_teardown(test_one_tib, teardown),
        cmocka_unit_test_teardown(test_init_errors, teardown),
        cmocka_unit_test_teardown(test_too_many_ranges, teardown),
        cmocka_unit_test_teardown(test_bitmap_above_4g, teardown),
    };

    return cmocka_run_group_tests_name("frame_alloc", tests, NULL, NULL);
}
