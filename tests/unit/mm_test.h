/* Shared includes and helpers of the MMU host tests (cmocka): table-driven cases become one
 * cmocka test each, named after the row. */
#ifndef TESTS_UNIT_MM_TEST_H
#define TESTS_UNIT_MM_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/env_host.h"
#include "tests/unit/mm_env_fake.h"

/* Fills tests[0..n) with one test per row: fn runs with *state pointing at rows[i]. */
#define MM_TEST_ROWS(tests, rows, fn)                                                  \
    for (size_t i_ = 0; i_ < ARRAY_SIZE(rows); i_++)                                   \
        (tests)[i_] = (struct CMUnitTest){ .name = (rows)[i_].name, .test_func = (fn), \
                                           .initial_state = (void *)&(rows)[i_] }

#endif
