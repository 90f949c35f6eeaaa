/* Checks parser and usable-range results against the information they came from, without
 * reusing the parser's own logic: strings must lie in the buffer, ranges must be covered. */
#include <string.h>

#include "tests/unit/fuzz_check.h"

#define FC_LOW 0x100000ull

static bool fc_string_inside(const char *s, const uint8_t *info, size_t size)
{
    const uint8_t *p = (const uint8_t *)s;

    if (p < info || p >= info + size)
        return false;
    return memchr(p, '\0', (size_t)(info + size - p)) != NULL;
}

static bool fc_is_default(const char *s)
{
    return s != NULL && s[0] == '\0';
}

const char *fuzz_check_boot_info(const struct boot_info *bi, const uint8_t *info, size_t size)
{
    if (bi->nr_mmap == 0 || bi->nr_mmap > MB2_MAX_MMAP || bi->nr_mods > MB2_MAX_MODULES)
        return "counts out of bounds";
    if (!fc_string_inside(bi->cmdline, info, size) && !fc_is_default(bi->cmdline))
        return "cmdline outside the information";
    if (!fc_string_inside(bi->loader, info, size) && !fc_is_default(bi->loader))
        return "loader outside the information";
    for (unsigned i = 0; i < bi->nr_mods; i++) {
        if (!fc_string_inside(bi->mods[i].cmdline, info, size))
            return "module cmdline outside the information";
        if (bi->mods[i].start > bi->mods[i].end)
            return "module start after end";
    }
    for (unsigned i = 0; i < bi->nr_mmap; i++) {
        if (bi->mmap[i].len == 0 || bi->mmap[i].base + bi->mmap[i].len < bi->mmap[i].base)
            return "empty or wrapping region kept";
    }
    if (bi->rsdp && ((const uint8_t *)bi->rsdp < info ||
                     (const uint8_t *)bi->rsdp + bi->rsdp_len > info + size))
        return "RSDP outside the information";
    if (bi->info_end - bi->info_start > size)
        return "information extent beyond its buffer";
    return NULL;
}

/* Whether [a, b) shares a byte with some region of the given kind. */
static bool fc_touches(const struct boot_info *bi, uint64_t a, uint64_t b, bool avail_only)
{
    for (unsigned i = 0; i < bi->nr_mmap; i++) {
        const struct mb2_region *r = &bi->mmap[i];
        bool avail = r->type == MB2_MEM_AVAILABLE;
        uint64_t end = r->base + r->len;

        if (avail_only != avail)
            continue;
        if (a < end && r->base < b)
            return true;
    }
    return false;
}

/* Whether available regions, chained end to start, cover all of [a, b). */
static bool fc_chain_covers(const struct boot_info *bi, uint64_t a, uint64_t b)
{
    uint64_t x = a;

    while (x < b) {
        uint64_t reach = x;

        for (unsigned i = 0; i < bi->nr_mmap; i++) {
            const struct mb2_region *r = &bi->mmap[i];

            if (r->type == MB2_MEM_AVAILABLE && r->base <= x && x < r->base + r->len &&
                r->base + r->len > reach)
                reach = r->base + r->len;
        }
        if (reach == x)
            return false;
        x = reach;
    }
    return true;
}

const char *fuzz_check_ranges(const struct boot_info *bi, const struct mem_range *res,
                              unsigned nres, const struct mem_range *out, int n)
{
    for (int i = 0; i < n; i++) {
        uint64_t a = out[i].start, b = out[i].end;

        if (a >= b || a < FC_LOW || (a | b) % 4096 != 0)
            return "range empty, below 1 MiB or not page aligned";
        if (i > 0 && out[i - 1].end >= a)
            return "ranges unsorted, overlapping or touching";
        if (fc_touches(bi, a, b, false))
            return "range meets a non-available region";
        for (unsigned k = 0; k < nres; k++) {
            if (res[k].start < res[k].end && a < res[k].end && res[k].start < b)
                return "range meets a reserved range";
        }
        if (!fc_chain_covers(bi, a, b))
            return "range not covered by available memory";
    }
    return NULL;
}
