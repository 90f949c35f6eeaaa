/* Host tests of hv/lib/fmt.c: every conversion, flag and length modifier against expected
 * text, snprintk truncation, and a differential run against the host C library's snprintf. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <cmocka.h>

#include "hv/lib/fmt.h"

#define OUT_MAX 128
#define DIFF_ROUNDS 4000
#define DIFF_SEED 12345u
#define DIFF_MAX_WIDTH 24

/* Formats with compile-time format checking and compares text and returned length. */
#define CHECK(expect, ...)                                                   \
    do {                                                                     \
        char out_[OUT_MAX];                                                  \
        int n_ = snprintk(out_, sizeof(out_), __VA_ARGS__);                  \
        assert_string_equal(out_, (expect));                                 \
        assert_int_equal(n_, (int)strlen(expect));                           \
    } while (0)

/* For formats the compiler would reject (unknown conversions): no format attribute. */
static int fmt_unchecked(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintk(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

struct int_case { const char *fmt; int v; const char *expect; };

static void test_int(void **state)
{
    static const struct int_case cases[] = {
        { "%d", 0, "0" },           { "%d", 42, "42" },          { "%d", -1, "-1" },
        { "%i", 7, "7" },           { "%5d", 42, "   42" },      { "%-5d|", 42, "42   |" },
        { "%05d", 42, "00042" },    { "%05d", -42, "-0042" },    { "%-05d|", 3, "3    |" },
        { "%2d", 12345, "12345" },  { "%d", INT_MIN, "-2147483648" },
        { "%d", INT_MAX, "2147483647" }, { "%u", -1, "4294967295" }, { "%u", 0, "0" },
        { "%x", 255, "ff" },        { "%X", 0xABCDEF, "ABCDEF" }, { "%08x", 0xbeef, "0000beef" },
        { "%-6x|", 0x1f, "1f    |" }, { "%x", 0, "0" },          { "%3x", 0, "  0" },
    };
    char out[OUT_MAX];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int n = fmt_unchecked(out, sizeof(out), cases[i].fmt, cases[i].v);

        assert_string_equal(out, cases[i].expect);
        assert_int_equal(n, (int)strlen(cases[i].expect));
    }
}

static void test_long_lengths(void **state)
{
    (void)state;
    CHECK("-9223372036854775808", "%ld", (long)INT64_MIN);
    CHECK("-9223372036854775808", "%lld", (long long)INT64_MIN);
    CHECK("9223372036854775807", "%lld", LLONG_MAX);
    CHECK("18446744073709551615", "%lu", (unsigned long)UINT64_MAX);
    CHECK("18446744073709551615", "%llu", ULLONG_MAX);
    CHECK("ffffffffffffffff", "%lx", ~0ul);
    CHECK("FFFFFFFFFFFFFFFF", "%llX", ~0ull);
    CHECK("18446744073709551615", "%zu", SIZE_MAX);
    CHECK("-5", "%zd", (ssize_t)-5);
    CHECK("123abc", "%zx", (size_t)0x123abc);
    CHECK("-00000000000000000001", "%021ld", -1l);
    CHECK("  100000000", "%11lx", 1ul << 32);   /* a long is not truncated to 32 bits */
}

static void test_pointer(void **state)
{
    (void)state;
    CHECK("0x0000000000001234", "%p", (void *)0x1234);
    CHECK("0x0000000000000000", "%p", NULL);
    CHECK("0xffff800000000000", "%p", (void *)0xffff800000000000ul);
    CHECK("  0x0000000000000001", "%20p", (void *)1);
    CHECK("0x0000000000000001  |", "%-20p|", (void *)1);
}

static void test_string_char(void **state)
{
    static const char abc[3] = { 'a', 'b', 'c' };   /* no NUL: precision must bound it */
    const char *volatile null_str = NULL;           /* hidden from compile-time checks */

    (void)state;
    CHECK("abc", "%s", "abc");
    CHECK("  abc", "%5s", "abc");
    CHECK("abc  |", "%-5s|", "abc");
    CHECK("ab", "%.2s", "abc");
    CHECK("a", "%.*s", 1, "abc");
    CHECK("abc", "%.3s", abc);
    CHECK("", "%s", "");
    CHECK("(null)", "%s", null_str);
    CHECK("  (null)", "%8s", null_str);
    CHECK("   x", "%*s", 4, "x");
    CHECK("x   |", "%*s|", -4, "x");
    CHECK("x", "%c", 'x');
    CHECK("  x", "%3c", 'x');
    CHECK("x  |", "%-3c|", 'x');
    CHECK("100%", "100%%");
    CHECK("a1b-2c", "a%db%dc", 1, -2);
}

static void test_unknown_conversion(void **state)
{
    static const struct { const char *fmt; const char *expect; } cases[] = {
        { "%q", "%q" }, { "a%5qb", "a%5qb" }, { "abc%", "abc%" }, { "x%l", "x%l" },
        { "%-0", "%-0" }, { "%hd", "%hd" },
    };
    char out[OUT_MAX];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int n = fmt_unchecked(out, sizeof(out), cases[i].fmt, 0);

        assert_string_equal(out, cases[i].expect);
        assert_int_equal(n, (int)strlen(cases[i].expect));
    }
}

/* The buffer is allocated at exactly the size given, so any write past it trips ASan. */
static void test_truncation(void **state)
{
    char *buf = malloc(5);
    char one;

    (void)state;
    assert_non_null(buf);
    assert_int_equal(snprintk(buf, 5, "%s", "hello world"), 11);
    assert_string_equal(buf, "hell");
    assert_int_equal(snprintk(buf, 5, "%d", -12345), 6);
    assert_string_equal(buf, "-123");
    assert_int_equal(snprintk(buf, 5, "abcd"), 4);
    assert_string_equal(buf, "abcd");
    assert_int_equal(snprintk(&one, 1, "xyz"), 3);
    assert_int_equal(one, '\0');
    assert_int_equal(snprintk(NULL, 0, "%d", 12345), 5);
    free(buf);
}

struct count_sink { int calls; char last; };

static void count_sink(void *ctx, char c)
{
    struct count_sink *s = ctx;

    s->calls++;
    s->last = c;
}

static int vformat_count(struct count_sink *s, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = fmt_vformat(count_sink, s, fmt, ap);
    va_end(ap);
    return n;
}

static void test_vformat_sink(void **state)
{
    struct count_sink s = { 0, 0 };

    (void)state;
    assert_int_equal(vformat_count(&s, "%s=%08x!", "key", 0x1234u), 13);
    assert_int_equal(s.calls, 13);
    assert_int_equal(s.last, '!');
}

/* Builds a random "%[-0][width][len]conv" and returns the conversion character. */
static char diff_spec(char *spec, size_t size, int *len)
{
    static const char convs[] = "diuxXsc";
    static const char *const lens[] = { "", "l", "ll", "z" };
    char conv = convs[rand() % (int)(sizeof(convs) - 1)];
    bool numeric = conv != 's' && conv != 'c';
    const char *flag = rand() % 2 ? "-" : (numeric && rand() % 2 ? "0" : "");
    int width = rand() % DIFF_MAX_WIDTH;

    *len = numeric ? rand() % 4 : 0;
    snprintf(spec, size, "[%%%s%.0d%s%c]", flag, width, lens[*len], conv);
    return conv;
}

static void test_differential_libc(void **state)
{
    char spec[OUT_MAX], ours[OUT_MAX], ref[OUT_MAX];

    (void)state;
    srand(DIFF_SEED);
    for (int i = 0; i < DIFF_ROUNDS; i++) {
        int len, n_ours, n_ref;
        char conv = diff_spec(spec, sizeof(spec), &len);
        uint64_t bits = ((uint64_t)rand() << 33) ^ ((uint64_t)rand() << 2) ^ (uint64_t)rand();
        long long v = (long long)(bits >> (rand() % 64));   /* small and large magnitudes */

        v = rand() % 2 && v != LLONG_MIN ? -v : v;
        if (conv == 's') {
            n_ours = snprintk(ours, sizeof(ours), spec, "str");
            n_ref = snprintf(ref, sizeof(ref), spec, "str");
        } else if (len != 0) {
            n_ours = snprintk(ours, sizeof(ours), spec, v);
            n_ref = snprintf(ref, sizeof(ref), spec, v);
        } else {
            n_ours = snprintk(ours, sizeof(ours), spec, (int)v);
            n_ref = snprintf(ref, sizeof(ref), spec, (int)v);
        }
        if (strcmp(ours, ref) != 0 || n_ours != n_ref)
            fail_msg("spec %s: ours \"%s\" (%d), libc \"%s\" (%d)", spec, ours, n_ours, ref, n_ref);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int),
        cmocka_unit_test(test_long_lengths),
        cmocka_unit_test(test_pointer),
        cmocka_unit_test(test_string_char),
        cmocka_unit_test(test_unknown_conversion),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_vformat_sink),
        cmocka_unit_test(test_differential_libc),
    };

    return cmocka_run_group_tests_name("fmt", tests, NULL, NULL);
}
