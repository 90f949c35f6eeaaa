/* libFuzzer target for the multiboot2 parser: the input is the information itself, copied to
 * an exact-size buffer (so ASan sees any read past it); accepted inputs are checked against
 * fuzz_check's invariants, and their memory maps run through mb2_usable_ranges. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hv/mb2.h"
#include "tests/unit/fuzz_check.h"

#define FUZZ_INFO_PA 0x10000ull
#define FUZZ_MAX_OUT 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_die(const char *what, const char *why)
{
    fprintf(stderr, "fuzz_mb2: %s: %s\n", what, why);
    abort();
}

/* Reserves the information and the first module, as the hypervisor does, then checks. */
static void fuzz_ranges(const struct boot_info *bi)
{
    struct mem_range res[2] = { { bi->info_start, bi->info_end }, { 0, 0 } };
    struct mem_range out[FUZZ_MAX_OUT];
    unsigned nres = 1, overlaps;
    const char *why;
    int n;

    if (bi->nr_mods)
        res[nres++] = (struct mem_range){ bi->mods[0].start, bi->mods[0].end };
    n = mb2_usable_ranges(bi, res, nres, out, FUZZ_MAX_OUT, &overlaps);
    if (n == -XEN_ENOSPC)
        return;
    if (n < 0)
        fuzz_die("mb2_usable_ranges", "refused a parsed map");
    why = fuzz_check_ranges(bi, res, nres, out, n);
    if (why)
        fuzz_die("mb2_usable_ranges", why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct boot_info bi;
    uint8_t *info = malloc(size ? size : 1);
    const char *why = NULL;
    int rc;

    if (!info)
        return 0;
    memcpy(info, data, size);
    rc = mb2_parse(info, size, FUZZ_INFO_PA, &bi, &why);
    if (rc != 0 && (why == NULL || (rc != -XEN_EINVAL && rc != -XEN_ENOSPC)))
        fuzz_die("mb2_parse", "error without a reason or with an unexpected code");
    if (rc == 0) {
        why = fuzz_check_boot_info(&bi, info, size);
        if (why)
            fuzz_die("mb2_parse", why);
        fuzz_ranges(&bi);
    }
    free(info);
    return 0;
}
