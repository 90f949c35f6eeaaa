/* pvguest's test runner: looks tests up in the .pvg_tests table, runs each selected one once and
 * prints its single verdict line, then a summary line that the peer/scenario scripts require. */
#include "pvguest/test.h"

#include <stdarg.h>

#include "pvguest/console.h"
#include "pvguest/fmt.h"
#include "pvguest/shutdown.h"
#include "pvguest/string.h"

#define TEST_NAME_MAX 64
/* test=bench runs every test whose name starts with bench_ (make bench, on Keel and Xen). */
#define TEST_BENCH_SELECTION "bench"
#define TEST_BENCH_PREFIX "bench_"

extern const struct test_case pvg_tests_start[], pvg_tests_end[];

static const char *const test_verdict_names[TEST_NR_VERDICTS] = {
    [TEST_SUCCESS] = "SUCCESS", [TEST_FAILURE] = "FAILURE",
    [TEST_SKIP] = "SKIP", [TEST_ERROR] = "ERROR",
};
static unsigned int test_counts[TEST_NR_VERDICTS];
static const char *test_current;

static int test_verdict(struct test_ctx *t, int verdict, const char *fmt, va_list ap)
{
    fmt_vsnprintf(t->why, sizeof(t->why), fmt, ap);
    return verdict;
}

int test_pass(struct test_ctx *t)
{
    t->why[0] = '\0';
    return TEST_SUCCESS;
}

int test_fail(struct test_ctx *t, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    test_verdict(t, TEST_FAILURE, fmt, ap);
    va_end(ap);
    return TEST_FAILURE;
}

int test_skip(struct test_ctx *t, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    test_verdict(t, TEST_SKIP, fmt, ap);
    va_end(ap);
    return TEST_SKIP;
}

int test_error(struct test_ctx *t, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    test_verdict(t, TEST_ERROR, fmt, ap);
    va_end(ap);
    return TEST_ERROR;
}

static void test_run_one(const struct test_case *tc)
{
    struct test_ctx t = { .name = tc->name };
    int v;

    test_current = tc->name;
    v = tc->fn(&t);
    test_current = 0;
    if (v < 0 || v >= TEST_NR_VERDICTS) {
        fmt_snprintf(t.why, sizeof(t.why), "bad verdict %d", v);
        v = TEST_ERROR;
    }
    test_counts[v]++;
    if (v == TEST_SUCCESS)
        printk("RESULT: SUCCESS %s\n", tc->name);
    else
        printk("RESULT: %s %s %s\n", test_verdict_names[v], tc->name, t.why);
}

static const struct test_case *test_find(const char *name, size_t len)
{
    for (const struct test_case *tc = pvg_tests_start; tc < pvg_tests_end; tc++)
        if (strlen(tc->name) == len && !strncmp(tc->name, name, len))
            return tc;
    return 0;
}

/* Runs each comma-separated name in order; an unknown name is an ERROR verdict. */
static void test_run_list(const char *list)
{
    while (*list) {
        size_t len = 0;
        const struct test_case *tc;

        while (list[len] && list[len] != ',')
            len++;
        tc = len ? test_find(list, len) : 0;
        if (tc) {
            test_run_one(tc);
        } else if (len) {
            char name[TEST_NAME_MAX];

            memcpy(name, list, len < sizeof(name) ? len : sizeof(name) - 1);
            name[len < sizeof(name) ? len : sizeof(name) - 1] = '\0';
            test_counts[TEST_ERROR]++;
            printk("RESULT: ERROR %s no such test\n", name);
        }
        list += len + (list[len] == ',');
    }
}

int test_run(const char *selection)
{
    if (!selection || !*selection) {
        printk("pvguest: no test= on the command line, nothing to run\n");
    } else if (!strcmp(selection, "all")) {
        for (const struct test_case *tc = pvg_tests_start; tc < pvg_tests_end; tc++)
            if (!tc->manual)
                test_run_one(tc);
    } else if (!strcmp(selection, TEST_BENCH_SELECTION)) {
        for (const struct test_case *tc = pvg_tests_start; tc < pvg_tests_end; tc++)
            if (!strncmp(tc->name, TEST_BENCH_PREFIX, sizeof(TEST_BENCH_PREFIX) - 1))
                test_run_one(tc);
    } else {
        test_run_list(selection);
    }
    printk("SUMMARY: success=%u failure=%u skip=%u error=%u\n", test_counts[TEST_SUCCESS],
           test_counts[TEST_FAILURE], test_counts[TEST_SKIP], test_counts[TEST_ERROR]);
    return (int)(test_counts[TEST_FAILURE] + test_counts[TEST_ERROR]);
}

void test_abort(const char *reason)
{
    if (test_current)
        printk("RESULT: FAILURE %s %s\n", test_current, reason);
    printk("pvguest: fatal: %s; crashing the domain\n", reason);
    shutdown_crash();
}
