/* A deliberate crash (manual test, never part of test=all): an unexpected #UD two calls deep.
 * pvguest must print a register dump and a backtrace naming crash_level2, crash_level1 and
 * crash_on_purpose, then shut the domain down with SHUTDOWN_crash. Scenario scripts check
 * exactly that (tools/xenpeer/verdict.sh crash mode on real Xen). */
#include "pvguest/hypercall.h"
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

/* A fault the guest has no handler for (manual test): the trap table is cleared, then #UD.
 * The hypervisor must crash this domain alone with its own diagnostic (domain, vCPU, RIP and
 * the guest symbol crash_unhandled_level, error code, CR2). */
static void __attribute__((noinline, noipa)) crash_unhandled_level(void)
{
    __asm__ volatile("nop; ud2" ::: "memory");   /* not folded with crash_level2 */
}

TEST_CASE_MANUAL(crash_no_handler);
static int crash_no_handler(struct test_ctx *t)
{
    long rc = hypercall_set_trap_table(0);

    if (rc)
        return test_error(t, "clearing the trap table: rc %ld", rc);
    crash_unhandled_level();
    __asm__ volatile("" ::: "memory");
    return test_error(t, "still running after an unhandled #UD");
}
