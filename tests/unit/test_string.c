/* Host tests of hv/lib/string.c (through string_shim.c's renaming) against libc: every
 * length and misalignment for the bulk operations, both overlap directions for memmove, and
 * sign conventions for the comparisons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/string_shim.h"

#define BUF 96
#define MAX_LEN 64
#define MAX_SHIFT 8

static void fill(uint8_t *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(seed * 31 + i * 7 + 1);
}

static void test_memset(void **state)
{
    uint8_t a[BUF], b[BUF];

    (void)state;
    for (size_t off = 0; off < MAX_SHIFT; off++) {
        for (size_t n = 0; n <= MAX_LEN; n++) {
            fill(a, BUF, 1);
            fill(b, BUF, 1);
            assert_ptr_equal(keel_memset(a + off, 0x1a5, n), a + off);  /* only the byte */
            memset(b + off, 0xa5, n);
            assert_memory_equal(a, b, BUF);
        }
    }
}

static void test_memcpy(void **state)
{
    uint8_t src[BUF], a[BUF], b[BUF];

    (void)state;
    fill(src, BUF, 2);
    for (size_t so = 0; so < MAX_SHIFT; so++) {
        for (size_t n = 0; n <= MAX_LEN; n++) {
            fill(a, BUF, 3);
            fill(b, BUF, 3);
            assert_ptr_equal(keel_memcpy(a + 3, src + so, n), a + 3);
            memcpy(b + 3, src + so, n);
            assert_memory_equal(a, b, BUF);
        }
    }
}

/* Every source/destination offset pair inside one buffer, overlapping both ways. */
static void test_memmove(void **state)
{
    uint8_t a[BUF], b[BUF];

    (void)state;
    for (size_t s = 0; s < 2 * MAX_SHIFT; s++) {
        for (size_t d = 0; d < 2 * MAX_SHIFT; d++) {
            for (size_t n = 0; n <= MAX_LEN; n += 7) {
                fill(a, BUF, 4);
                fill(b, BUF, 4);
                assert_ptr_equal(keel_memmove(a + d, a + s, n), a + d);
                memmove(b + d, b + s, n);
                assert_memory_equal(a, b, BUF);
            }
        }
    }
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static void test_memcmp(void **state)
{
    static const struct { const char *a, *b; size_t n; int s; } cases[] = {
        { "abc", "abc", 3, 0 }, { "abc", "abd", 3, -1 }, { "abd", "abc", 3, 1 },
        { "abc", "abd", 2, 0 }, { "\x80", "\x01", 1, 1 }, { "x", "y", 0, 0 },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(sign(keel_memcmp(cases[i].a, cases[i].b, cases[i].n)), cases[i].s);
}

static void test_strings(void **state)
{
    static const struct { const char *a, *b; size_t n; int s, sn; } cases[] = {
        { "", "", 5, 0, 0 },          { "a", "", 5, 1, 1 },        { "", "a", 5, -1, -1 },
        { "abc", "abd", 2, -1, 0 },   { "abc", "abc", 9, 0, 0 },   { "ab", "abc", 3, -1, -1 },
        { "\xff", "\x01", 1, 1, 1 },  { "same", "diff", 0, 1, 0 },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(sign(keel_strcmp(cases[i].a, cases[i].b)), cases[i].s);
        assert_int_equal(sign(keel_strncmp(cases[i].a, cases[i].b, cases[i].n)), cases[i].sn);
        assert_int_equal(keel_strlen(cases[i].a), strlen(cases[i].a));
    }
    assert_int_equal(keel_strnlen("abcdef", 3), 3);
    assert_int_equal(keel_strnlen("ab", 3), 2);
    assert_int_equal(keel_strnlen("", 0), 0);
}

/* strnlen must stop at max: the buffer has no NUL and is exactly max bytes (ASan). */
static void test_strnlen_bound(void **state)
{
    char *p = malloc(4);

    (void)state;
    assert_non_null(p);
    memcpy(p, "abcd", 4);
    assert_int_equal(keel_strnlen(p, 4), 4);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memset),  cmocka_unit_test(test_memcpy),
        cmocka_unit_test(test_memmove), cmocka_unit_test(test_memcmp),
        cmocka_unit_test(test_strings), cmocka_unit_test(test_strnlen_bound),
    };

    return cmocka_run_group_tests_name("string", tests, NULL, NULL);
}
