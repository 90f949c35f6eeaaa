/* A deliberate crash (manual test, never part of test=all): an unexpected #UD two calls deep.
 * pvguest must print a register dump and a backtrace naming crash_level2, crash_level1 and
 * crash_on_purpose, then shut the domain down with SHUTDOWN_crash. Scenario scripts check
 * exactly that (tools/xenpeer/verdict.sh crash mode on real Xen). */
#include "pvguest/test.h"

static void __attribute__((noinline)) crash_level2(void)
{
    __asm__ volatile("ud2" ::: "memory");
}

static void __attribute__((noinline)) crash_level1(void)
{
    crash_level2();
    __asm__ volatile("" ::: "memory"); /* keeps the call from becoming a tail jump */
}

TEST_CASE_MANUAL(crash_on_purpose);
static int crash_on_purpose(struct test_ctx *t)
{
    crash_level1();
    __asm__ volatile("" ::: "memory");
    return test_error(t, "still running after an unexpected #UD");
}
