/* Invariants a successful mb2_parse / mb2_usable_ranges result must satisfy; the fuzz target
 * aborts when one fails, so libFuzzer reports the input. */
#ifndef TESTS_UNIT_FUZZ_CHECK_H
#define TESTS_UNIT_FUZZ_CHECK_H

#include "hv/mb2.h"

/* Returns NULL if bi is consistent with the information info[0..size), else what is wrong. */
const char *fuzz_check_boot_info(const struct boot_info *bi, const uint8_t *info, size_t size);

/* Returns NULL if out[0..n) are sorted, disjoint, page-aligned ranges at or above 1 MiB that
 * lie inside available regions and outside every other region and reserved range. */
const char *fuzz_check_ranges(const struct boot_info *bi, const struct mem_range *res,
                              unsigned nres, const struct mem_range *out, int n);

#endif
