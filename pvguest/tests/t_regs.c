/* Tests of the hypercall register contract: with a sentinel in every register, a hypercall
 * changes only rax through the hypercall page (whose stub saves rcx and r11) and only rax,
 * rcx and r11 through a raw syscall; unknown hypercall numbers return -ENOSYS either way. */
#include "abi/console_io.h"
#include "abi/errno.h"
#include "abi/version.h"
#include "pvguest/hypercall.h"
#include "pvguest/test.h"
#include "pvguest/tests/probe.h"

#define REGS_UNKNOWN_SLOT_A 43   /* unassigned in Xen 4.17 */
#define REGS_UNKNOWN_SLOT_B 63   /* last of Xen's NR_hypercalls */
#define REGS_UNKNOWN_SLOT_C 127  /* last slot of the hypercall page */
#define REGS_UNKNOWN_RAW    1000 /* beyond the page */
#define REGS_SALT_PAGE      0x10
#define REGS_SALT_RAW       0x11

/* Compares out with in for every register not in the `changed` bit mask (1 << GPR_x). */
static int regs_compare(struct test_ctx *t, const char *what, const struct gprs *in,
                        const struct gprs *out, unsigned int changed)
{
    for (unsigned int i = 0; i < GPR_COUNT; i++)
        if (!(changed & (1U << i)) && out->r[i] != in->r[i])
            return test_fail(t, "%s: %s %lx, want %lx", what, gpr_names[i], out->r[i],
                             in->r[i]);
    return test_pass(t);
}

TEST_CASE(hcall_regs_preserved_page);
static int hcall_regs_preserved_page(struct test_ctx *t)
{
    static const char msg[] = "pvguest: register sentinel test\n";
    long version = hypercall_xen_version(XENVER_version, 0);
    struct gprs in, out;
    int v;

    probe_fill(&in, REGS_SALT_PAGE);
    in.r[GPR_RDI] = XENVER_version;
    probe_regs_call(&in, &out, hypercall_stub(__HYPERVISOR_xen_version));
    if ((long)out.r[GPR_RAX] != version)
        return test_fail(t, "xen_version %lx, want %lx", out.r[GPR_RAX], version);
    v = regs_compare(t, "xen_version via page", &in, &out, 1U << GPR_RAX);
    if (v != TEST_SUCCESS)
        return v;
    in.r[GPR_RDI] = CONSOLEIO_write;
    in.r[GPR_RSI] = sizeof(msg) - 1;
    in.r[GPR_RDX] = (uint64_t)msg;
    probe_regs_call(&in, &out, hypercall_stub(__HYPERVISOR_console_io));
    if (out.r[GPR_RAX])
        return test_fail(t, "console_io write: rc %ld", (long)out.r[GPR_RAX]);
    return regs_compare(t, "console_io via page", &in, &out, 1U << GPR_RAX);
}

TEST_CASE(hcall_regs_preserved_raw);
static int hcall_regs_preserved_raw(struct test_ctx *t)
{
    const unsigned int clobbered = (1U << GPR_RAX) | (1U << GPR_RCX) | (1U << GPR_R11);
    long version = hypercall_xen_version(XENVER_version, 0);
    struct gprs in, out;

    probe_fill(&in, REGS_SALT_RAW);
    in.r[GPR_RAX] = __HYPERVISOR_xen_version;
    in.r[GPR_RDI] = XENVER_version;
    probe_regs_call(&in, &out, (uint64_t)probe_op_syscall);
    if ((long)out.r[GPR_RAX] != version)
        return test_fail(t, "xen_version %lx, want %lx", out.r[GPR_RAX], version);
    return regs_compare(t, "xen_version via syscall", &in, &out, clobbered);
}

TEST_CASE(hcall_unknown_number);
static int hcall_unknown_number(struct test_ctx *t)
{
    static const unsigned int slots[] = {
        REGS_UNKNOWN_SLOT_A, REGS_UNKNOWN_SLOT_B, REGS_UNKNOWN_SLOT_C,
    };
    struct gprs in, out;
    long rc;

    for (unsigned int i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
        rc = hypercall_5(slots[i], 0, 0, 0, 0, 0);
        if (rc != -XEN_ENOSYS)
            return test_fail(t, "page slot %u: rc %ld, want -ENOSYS", slots[i], rc);
        rc = hypercall_raw_5(slots[i], 0, 0, 0, 0, 0);
        if (rc != -XEN_ENOSYS)
            return test_fail(t, "raw %u: rc %ld, want -ENOSYS", slots[i], rc);
    }
    probe_fill(&in, REGS_SALT_RAW + 1);
    in.r[GPR_RAX] = REGS_UNKNOWN_RAW;
    probe_regs_call(&in, &out, (uint64_t)probe_op_syscall);
    if ((long)out.r[GPR_RAX] != -XEN_ENOSYS)
        return test_fail(t, "raw %u: rc %ld, want -ENOSYS", REGS_UNKNOWN_RAW,
                         (long)out.r[GPR_RAX]);
    return regs_compare(t, "unknown hypercall", &in, &out,
                        (1U << GPR_RAX) | (1U << GPR_RCX) | (1U << GPR_R11));
}
