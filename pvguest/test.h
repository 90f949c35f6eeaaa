/* pvguest's test framework (XTF-style verdicts). A test is a function registered with
 * TEST_CASE(name) in a linker-section table; it returns test_pass(t), test_fail(t, ...),
 * test_skip(t, ...) or test_error(t, ...). Each run prints exactly one line
 *     RESULT: SUCCESS <name> | FAILURE <name> <why> | SKIP <name> <why> | ERROR <name> <why>
 * and the run ends with "SUMMARY: ..." (FAILURE: the hypervisor is wrong; ERROR: the test
 * itself could not run). */
#ifndef PVGUEST_TEST_H
#define PVGUEST_TEST_H

#define TEST_WHY_MAX 160

enum test_verdict { TEST_SUCCESS, TEST_FAILURE, TEST_SKIP, TEST_ERROR, TEST_NR_VERDICTS };

struct test_ctx {
    const char *name;
    char why[TEST_WHY_MAX];
};

struct test_case {
    const char *name;
    int (*fn)(struct test_ctx *t);
    _Bool manual; /* run only when named, never by test=all (e.g. a deliberate crash) */
};

/* Declares test function `name` and registers it under that name (table sorted by name). */
#define TEST_CASE(name)                                                                    \
    static int name(struct test_ctx *t);                                                   \
    static const struct test_case test_case_##name                                         \
        __attribute__((used, section(".pvg_tests." #name), aligned(8))) = { #name, name, 0 }

/* Same, for a test that test=all leaves out. */
#define TEST_CASE_MANUAL(name)                                                             \
    static int name(struct test_ctx *t);                                                   \
    static const struct test_case test_case_##name                                         \
        __attribute__((used, section(".pvg_tests." #name), aligned(8))) = { #name, name, 1 }

int test_pass(struct test_ctx *t);
int test_fail(struct test_ctx *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int test_skip(struct test_ctx *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int test_error(struct test_ctx *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Runs the tests named in `selection` ("all" = every test not marked manual, or names
 * separated by commas), prints the
 * summary; returns the number of FAILURE and ERROR verdicts. */
int test_run(const char *selection);
/* Called on a fatal guest exception: reports the running test as FAILURE and crashes. */
void test_abort(const char *reason) __attribute__((noreturn));

#endif
