/* Tests of console_io: write (happy path, empty, bad pointers), read, unknown sub-op.
 * Expectations are real Xen 4.17's (drivers/char/console.c do_console_io). */
#include "abi/console_io.h"
#include "abi/errno.h"
#include "pvguest/hypercall.h"
#include "pvguest/string.h"
#include "pvguest/test.h"
#include "pvguest/tests/badptr.h"

#define CONSOLE_UNKNOWN_CMD 0x7f
#define CONSOLE_READ_SIZE   16
#define CONSOLE_FILL        0xee

TEST_CASE(console_write);
static int console_write(struct test_ctx *t)
{
    static const char msg[] = "pvguest: console_io write test line\n";
    long rc = hypercall_console_io(CONSOLEIO_write, sizeof(msg) - 1, msg);

    if (rc)
        return test_fail(t, "write: rc %ld, want 0", rc);
    rc = hypercall_console_io(CONSOLEIO_write, 0, msg);
    if (rc)
        return test_fail(t, "empty write: rc %ld, want 0", rc);
    rc = hypercall_raw_5(__HYPERVISOR_console_io, CONSOLEIO_write, sizeof(msg) - 1,
                         (uint64_t)msg, 0, 0);
    if (rc)
        return test_fail(t, "raw syscall write: rc %ld, want 0", rc);
    return test_pass(t);
}

TEST_CASE(console_write_bad_pointers);
static int console_write_bad_pointers(struct test_ctx *t)
{
    const char *what;
    uint64_t addr;

    for (unsigned int i = 0; badptr_get(i, &addr, &what); i++) {
        long rc = hypercall_console_io(CONSOLEIO_write, 1, (const char *)addr);

        if (rc != -XEN_EFAULT)
            return test_fail(t, "write from %s %lx: rc %ld, want -EFAULT", what, addr, rc);
    }
    return test_pass(t);
}

/* Nothing is typed on the console during the test, so a read returns 0..count bytes. */
TEST_CASE(console_read);
static int console_read(struct test_ctx *t)
{
    char buf[CONSOLE_READ_SIZE + 1];
    long rc;

    memset(buf, CONSOLE_FILL, sizeof(buf));
    rc = hypercall_console_io(CONSOLEIO_read, CONSOLE_READ_SIZE, buf);
    if (rc < 0 || rc > CONSOLE_READ_SIZE)
        return test_fail(t, "read: rc %ld, want 0..%d", rc, CONSOLE_READ_SIZE);
    if ((unsigned char)buf[CONSOLE_READ_SIZE] != CONSOLE_FILL)
        return test_fail(t, "read wrote past count");
    return test_pass(t);
}

TEST_CASE(console_unknown_subop);
static int console_unknown_subop(struct test_ctx *t)
{
    static const char msg[] = "x";
    long rc = hypercall_console_io(CONSOLE_UNKNOWN_CMD, 1, msg);

    if (rc != -XEN_ENOSYS)
        return test_fail(t, "rc %ld, want -ENOSYS", rc);
    return test_pass(t);
}
