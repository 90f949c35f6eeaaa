/* The machine frame allocator: one bit per usable frame (1 = free), the bits of each usable
 * range starting on a fresh 64-bit word so a range can be scanned a word at a time. The bitmap
 * costs memory in proportion to the RAM managed, not to the address space, and lives in pages
 * carved from the lowest usable range below bitmap_limit; those pages are never handed out.
 *
 *   usable:  [ r0 .......... ]      [ r1 ...... ]           [ r2 (above 4 GiB) ......... ]
 *   bitmap:  [ r0 words | pad ][ r1 words | pad ][ r2 words ........................... ]
 *            padding bits past a range's last frame stay 0 (never free).
 */
#include "hv/mm/frame_alloc.h"

#define FA_MAX_RANGES 128           /* tunable: distinct usable ranges tracked */
#define FA_WORD_BITS 64u

struct fa_range {
    uint64_t first;                 /* first frame number */
    uint64_t nr;                    /* frames in the range */
    uint64_t word0;                 /* its first word in the bitmap */
};

static struct fa_state {
    struct fa_range r[FA_MAX_RANGES];
    unsigned nr_ranges;
    uint64_t *bitmap;
    uint64_t total, free;
    unsigned cur_range;             /* next-fit cursor: where the last search stopped */
    uint64_t cur_off;
} fa;

static uint64_t fa_words(uint64_t frames)
{
    return (frames + FA_WORD_BITS - 1) / FA_WORD_BITS;
}

static uint64_t *fa_word(const struct fa_range *r, uint64_t off)
{
    return &fa.bitmap[r->word0 + off / FA_WORD_BITS];
}

static uint64_t fa_mask(uint64_t off)
{
    return 1ull << (off % FA_WORD_BITS);
}

static bool fa_bit_is_free(const struct fa_range *r, uint64_t off)
{
    return (*fa_word(r, off) & fa_mask(off)) != 0;
}

/* First offset in [from, to) whose bit says free (want_free) or used; to if none. */
static uint64_t fa_scan(const struct fa_range *r, uint64_t from, uint64_t to, bool want_free)
{
    uint64_t off = from;

    while (off < to) {
        uint64_t w = *fa_word(r, off);
        uint64_t base = off - off % FA_WORD_BITS;

        w = (want_free ? w : ~w) & ~(fa_mask(off) - 1);
        if (w != 0) {
            uint64_t hit = base + (uint64_t)__builtin_ctzll(w);

            return hit < to ? hit : to;
        }
        off = base + FA_WORD_BITS;
    }
    return to;
}

/* Index of the range holding frame m, or -1. Ranges are sorted: binary search. */
static int fa_find(uint64_t m)
{
    unsigned lo = 0, hi = fa.nr_ranges;

    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        const struct fa_range *r = &fa.r[mid];

        if (m < r->first)
            hi = mid;
        else if (m - r->first >= r->nr)
            lo = mid + 1;
        else
            return (int)mid;
    }
    return -1;
}

/* Copies the usable ranges in as whole frames; they must be sorted and disjoint. */
static int fa_load_ranges(const struct mem_range *usable, unsigned nr)
{
    uint64_t prev_end = 0;

    fa.nr_ranges = 0;
    for (unsigned i = 0; i < nr; i++) {
        uint64_t first = (usable[i].start + PAGE_SIZE - 1) >> PAGE_SHIFT;
        uint64_t end = usable[i].end >> PAGE_SHIFT;

        if (usable[i].start > usable[i].end || usable[i].start < prev_end)
            return -XEN_EINVAL;
        prev_end = usable[i].end;
        if (first >= end)
            continue;
        if (fa.nr_ranges == FA_MAX_RANGES)
            return -XEN_ENOMEM;
        fa.r[fa.nr_ranges++] = (struct fa_range){ .first = first, .nr = end - first };
    }
    return 0;
}

/* Lays the ranges out in the bitmap; returns the number of words needed. */
static uint64_t fa_layout(void)
{
    uint64_t words = 0;

    for (unsigned i = 0; i < fa.nr_ranges; i++) {
        fa.r[i].word0 = words;
        words += fa_words(fa.r[i].nr);
    }
    return words;
}

/* Takes pages frames for the bitmap from the start of the lowest range that has that many
 * below limit_mfn; returns the first of them, or INVALID_MFN_RAW. */
static uint64_t fa_carve(uint64_t pages, uint64_t limit_mfn)
{
    for (unsigned i = 0; i < fa.nr_ranges; i++) {
        struct fa_range *r = &fa.r[i];
        uint64_t bitmap_mfn = r->first;

        if (r->first >= limit_mfn || limit_mfn - r->first < pages || r->nr < pages)
            continue;
        r->first += pages;
        r->nr -= pages;
        if (r->nr == 0) {
            for (unsigned j = i; j + 1 < fa.nr_ranges; j++)
                fa.r[j] = fa.r[j + 1];
            fa.nr_ranges--;         /* r now names the next range */
        }
        return bitmap_mfn;
    }
    return INVALID_MFN_RAW;
}

/* Marks every managed frame free; padding bits stay 0. */
static void fa_fill(uint64_t words)
{
    memset(fa.bitmap, 0, words * sizeof(uint64_t));
    fa.total = 0;
    for (unsigned i = 0; i < fa.nr_ranges; i++) {
        const struct fa_range *r = &fa.r[i];
        uint64_t full = r->nr / FA_WORD_BITS;

        memset(&fa.bitmap[r->word0], UINT8_MAX, full * sizeof(uint64_t));
        if (r->nr % FA_WORD_BITS)
            fa.bitmap[r->word0 + full] = fa_mask(r->nr) - 1;
        fa.total += r->nr;
    }
    fa.free = fa.total;
}

int frame_alloc_init(const struct mem_range *usable, unsigned nr, void *(*p2v)(paddr_t),
                     paddr_t bitmap_limit)
{
    uint64_t words, pages, bm_mfn;
    int rc;

    memset(&fa, 0, sizeof(fa));
    if ((nr && usable == NULL) || p2v == NULL)
        return -XEN_EINVAL;
    rc = fa_load_ranges(usable, nr);
    if (rc)
        return rc;
    words = fa_layout();
    pages = (words * sizeof(uint64_t) + PAGE_SIZE - 1) >> PAGE_SHIFT;
    if (pages == 0)
        return -XEN_ENOMEM;
    bm_mfn = fa_carve(pages, bitmap_limit >> PAGE_SHIFT);
    if (bm_mfn == INVALID_MFN_RAW) {
        fa.nr_ranges = 0;
        return -XEN_ENOMEM;
    }
    words = fa_layout();            /* the carve shrank a range: never more words */
    fa.bitmap = p2v(bm_mfn << PAGE_SHIFT);
    fa_fill(words);
    return fa.total ? 0 : -XEN_ENOMEM;
}

static void fa_take(unsigned i, uint64_t off, uint64_t n)
{
    for (uint64_t k = off; k < off + n; k++)
        *fa_word(&fa.r[i], k) &= ~fa_mask(k);
    fa.free -= n;
}

/* Next fit: from the cursor to the end of all ranges, then from the start up to it. */
mfn_t frame_alloc(void)
{
    unsigned n = fa.nr_ranges;

    if (fa.free == 0)
        return INVALID_MFN;
    for (unsigned k = 0; k <= n; k++) {
        unsigned i = (fa.cur_range + k) % n;
        uint64_t from = k == 0 ? fa.cur_off : 0;
        uint64_t to = k == n ? fa.cur_off : fa.r[i].nr;
        uint64_t off = fa_scan(&fa.r[i], from, to, true);

        if (off < to) {
            fa_take(i, off, 1);
            fa.cur_range = i;
            fa.cur_off = off + 1;
            return _mfn(fa.r[i].first + off);
        }
    }
    panic("frame_alloc: free count %lu but no free bit", (unsigned long)fa.free);
}

/* Smallest multiple of align at or above x; UINT64_MAX when that overflows. */
static uint64_t fa_align_up(uint64_t x, uint64_t align)
{
    uint64_t down = x & ~(align - 1);

    if (down == x)
        return x;
    return down > UINT64_MAX - align ? UINT64_MAX : down + align;
}

/* First fit within one range: try aligned candidates, skipping past each used frame. */
static bool fa_contig_in(unsigned i, uint64_t n, uint64_t align, uint64_t *off_out)
{
    const struct fa_range *r = &fa.r[i];
    uint64_t end = r->first + r->nr;
    uint64_t c = fa_align_up(r->first, align);

    while (c < end && end - c >= n) {
        uint64_t off = c - r->first;
        uint64_t used = fa_scan(r, off, off + n, false);

        if (used == off + n) {
            *off_out = off;
            return true;
        }
        c = fa_align_up(r->first + used + 1, align);
    }
    return false;
}

mfn_t frame_alloc_contig(uint64_t n, uint64_t align)
{
    uint64_t off;

    if (n == 0 || align == 0 || (align & (align - 1)) != 0 || n > fa.free)
        return INVALID_MFN;
    for (unsigned i = 0; i < fa.nr_ranges; i++) {
        if (fa_contig_in(i, n, align, &off)) {
            fa_take(i, off, n);
            return _mfn(fa.r[i].first + off);
        }
    }
    return INVALID_MFN;
}

/* Panics unless frame m is managed and allocated; returns its range. */
static int fa_check_allocated(uint64_t m, const char *who)
{
    int i = fa_find(m);

    if (i < 0)
        panic("%s: frame 0x%lx is not managed by the allocator", who, (unsigned long)m);
    if (fa_bit_is_free(&fa.r[i], m - fa.r[i].first))
        panic("%s: double free of frame 0x%lx", who, (unsigned long)m);
    return i;
}

static void fa_release(int i, uint64_t m)
{
    *fa_word(&fa.r[i], m - fa.r[i].first) |= fa_mask(m - fa.r[i].first);
    fa.free++;
}

void frame_free(mfn_t m)
{
    fa_release(fa_check_allocated(mfn_x(m), "frame_free"), mfn_x(m));
}

/* Checks all n frames before freeing any, so a bad call changes nothing before it panics. */
void frame_free_contig(mfn_t first, uint64_t n)
{
    uint64_t f = mfn_x(first);

    if (f + n < f)
        panic("frame_free_contig: range 0x%lx+%lu wraps", (unsigned long)f, (unsigned long)n);
    for (uint64_t k = 0; k < n; k++)
        (void)fa_check_allocated(f + k, "frame_free_contig");
    for (uint64_t k = 0; k < n; k++)
        fa_release(fa_find(f + k), f + k);
}

uint64_t frame_alloc_free_count(void)
{
    return fa.free;
}

uint64_t frame_alloc_total_count(void)
{
    return fa.total;
}

bool frame_alloc_is_free(mfn_t m)
{
    int i = fa_find(mfn_x(m));

    return i >= 0 && fa_bit_is_free(&fa.r[i], mfn_x(m) - fa.r[i].first);
}
