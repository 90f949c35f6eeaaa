/* Host tests of the pure range arithmetic of hv/guest_access.c: which guest ranges may be
 * named at all, and how many pages a range touches, table-driven. The rows at the top of the
 * address space are the regression of the hostile-guest scenario atk_mmu_update_bad_reqs: a
 * request array ending exactly at 2^64 made va + n wrap to 0, the page walk checked nothing,
 * and the copy read through the failed translation (hypervisor page fault). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hv/guest_access.h"

/* guest_access.c's translation cache reads the page-table generation that hv/mm/ptype.c
 * keeps; the range arithmetic tested here never walks, so a constant stands in for it. */
uint64_t ptype_paths_gen;

#define PG      0x1000ull
#define TOP     (~0ull)                       /* the last byte of the address space */
#define KERNEL  0xffffffff80000000ull         /* a guest kernel address */
#define HV_M2P  0xffff800000000000ull         /* first byte of the hypervisor's slots */
#define NONCANON 0x0000800000000000ull

struct range_row {
    const char *name;
    uint64_t va;
    size_t n;
    bool ok;        /* guest_range_ok */
    size_t pages;   /* guest_range_pages (when ok) */
};

static const struct range_row rows[] = {
    { "empty", KERNEL, 0, true, 0 },
    { "one_byte", KERNEL, 1, true, 1 },
    { "whole_page", KERNEL, PG, true, 1 },
    { "straddles_two", KERNEL + PG - 8, 16, true, 2 },
    { "three_pages", KERNEL + 8, 2 * PG, true, 3 },
    { "ends_at_top_one_page", TOP - 15, 16, true, 1 },
    { "ends_at_top_two_pages", TOP - PG - 15, PG + 16, true, 2 },
    { "last_byte", TOP, 1, true, 1 },
    { "wraps", TOP - 7, 16, false, 0 },
    { "hypervisor", HV_M2P, 8, false, 0 },
    { "into_hypervisor", HV_M2P - 8, 16, false, 0 },
    { "non_canonical", NONCANON, 8, false, 0 },
};

static void test_row(void **state)
{
    const struct range_row *r = *state;

    assert_int_equal(guest_range_ok(r->va, r->n), r->ok);
    if (r->ok)
        assert_int_equal(guest_range_pages(r->va, r->n), r->pages);
}

int main(void)
{
    struct CMUnitTest tests[sizeof(rows) / sizeof(rows[0])];

    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        tests[i] = (struct CMUnitTest){ rows[i].name, test_row, NULL, NULL, (void *)&rows[i] };
    return cmocka_run_group_tests_name("guest_range", tests, NULL, NULL);
}
