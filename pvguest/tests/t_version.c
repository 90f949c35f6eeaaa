/* Tests of xen_version: every sub-op Keel implements, the unknown sub-op, and bad pointers.
 * Expectations are real Xen 4.17's (common/kernel.c do_xen_version). */
#include "abi/arch_x86.h"
#include "abi/errno.h"
#include "abi/version.h"
#include "pvguest/boot.h"
#include "pvguest/hypercall.h"
#include "pvguest/layout.h"
#include "pvguest/mm.h"
#include "pvguest/string.h"
#include "pvguest/test.h"
#include "pvguest/tests/badptr.h"

#define VERSION_MAJOR_SHIFT 16
#define VERSION_MAJOR_MIN   3    /* every PV ABI since xen-3.0 */
#define VERSION_UNKNOWN_CMD 0x100
#define VERSION_PAGE_SIZE   4096
#define VERSION_FILL        0xff /* poison: a sub-op that writes must replace it */

TEST_CASE(version_number);
static int version_number(struct test_ctx *t)
{
    long page = hypercall_xen_version(XENVER_version, 0);
    long raw = hypercall_raw_5(__HYPERVISOR_xen_version, XENVER_version, 0, 0, 0, 0);

    if (page != raw)
        return test_fail(t, "page path %lx, raw syscall %lx", page, raw);
    if (page < 0 || (page >> VERSION_MAJOR_SHIFT) < VERSION_MAJOR_MIN)
        return test_fail(t, "version %lx", page);
    return test_pass(t);
}

/* Calls a string sub-op into a poisoned buffer; the result must be NUL-terminated. */
static int version_string(struct test_ctx *t, int cmd, char *buf, size_t size)
{
    long rc;

    memset(buf, VERSION_FILL, size);
    rc = hypercall_xen_version(cmd, buf);
    if (rc)
        return test_fail(t, "sub-op %d: rc %ld", cmd, rc);
    if (strnlen(buf, size) == size)
        return test_fail(t, "sub-op %d: no NUL in %zu bytes", cmd, size);
    return test_pass(t);
}

TEST_CASE(version_extraversion);
static int version_extraversion(struct test_ctx *t)
{
    xen_extraversion_t buf;

    return version_string(t, XENVER_extraversion, buf, sizeof(buf));
}

TEST_CASE(version_capabilities);
static int version_capabilities(struct test_ctx *t)
{
    static xen_capabilities_info_t caps;
    int v = version_string(t, XENVER_capabilities, caps, sizeof(caps));

    if (v != TEST_SUCCESS)
        return v;
    if (!string_contains(caps, sizeof(caps), "xen-3.0-x86_64"))
        return test_fail(t, "capabilities \"%s\" lack xen-3.0-x86_64", caps);
    return test_pass(t);
}

TEST_CASE(version_compile_info);
static int version_compile_info(struct test_ctx *t)
{
    struct xen_compile_info ci;
    long rc;

    memset(&ci, VERSION_FILL, sizeof(ci));
    rc = hypercall_xen_version(XENVER_compile_info, &ci);
    if (rc)
        return test_fail(t, "rc %ld", rc);
    if (strnlen(ci.compiler, sizeof(ci.compiler)) == sizeof(ci.compiler) ||
        strnlen(ci.compile_by, sizeof(ci.compile_by)) == sizeof(ci.compile_by) ||
        strnlen(ci.compile_domain, sizeof(ci.compile_domain)) == sizeof(ci.compile_domain) ||
        strnlen(ci.compile_date, sizeof(ci.compile_date)) == sizeof(ci.compile_date))
        return test_fail(t, "a field lacks its NUL");
    return test_pass(t);
}

TEST_CASE(version_platform_parameters);
static int version_platform_parameters(struct test_ctx *t)
{
    struct xen_platform_parameters pp = { .virt_start = 0 };
    long rc = hypercall_xen_version(XENVER_platform_parameters, &pp);

    if (rc)
        return test_fail(t, "rc %ld", rc);
    if (pp.virt_start != HYPERVISOR_VIRT_START)
        return test_fail(t, "virt_start %lx, want %lx", pp.virt_start, HYPERVISOR_VIRT_START);
    return test_pass(t);
}

/* Bits a 64-bit PV guest must never be offered: they describe HVM or translated guests. */
#define VERSION_NEVER_PV ((1U << XENFEAT_writable_page_tables) |                           \
                          (1U << XENFEAT_auto_translated_physmap) |                        \
                          (1U << XENFEAT_supervisor_mode_kernel) |                         \
                          (1U << XENFEAT_hvm_callback_vector) |                            \
                          (1U << XENFEAT_hvm_safe_pvclock) | (1U << XENFEAT_hvm_pirqs))

TEST_CASE(version_get_features);
static int version_get_features(struct test_ctx *t)
{
    struct xen_feature_info fi = { .submap_idx = 0, .submap = ~0U };
    long rc = hypercall_xen_version(XENVER_get_features, &fi);
    bool dom0 = fi.submap & (1U << XENFEAT_dom0);

    if (rc)
        return test_fail(t, "submap 0: rc %ld", rc);
    if (fi.submap & VERSION_NEVER_PV)
        return test_fail(t, "submap 0 = %x offers non-PV features", fi.submap);
    if (dom0 != boot_is_initdomain())
        return test_fail(t, "XENFEAT_dom0 %d but SIF_INITDOMAIN %d", dom0, boot_is_initdomain());
    fi = (struct xen_feature_info){ .submap_idx = 1, .submap = VERSION_FILL };
    rc = hypercall_xen_version(XENVER_get_features, &fi);
    if (rc != -XEN_EINVAL || fi.submap != VERSION_FILL)
        return test_fail(t, "submap 1: rc %ld submap %x, want -EINVAL, untouched", rc, fi.submap);
    return test_pass(t);
}

TEST_CASE(version_pagesize);
static int version_pagesize(struct test_ctx *t)
{
    long rc = hypercall_xen_version(XENVER_pagesize, 0);
    uint64_t dummy;

    if (rc != VERSION_PAGE_SIZE)
        return test_fail(t, "pagesize %ld", rc);
    rc = hypercall_xen_version(XENVER_pagesize, &dummy);
    if (rc != -XEN_EINVAL)
        return test_fail(t, "non-NULL arg: rc %ld, want -EINVAL (Xen)", rc);
    return test_pass(t);
}

TEST_CASE(version_unknown_subop);
static int version_unknown_subop(struct test_ctx *t)
{
    char buf[XEN_EXTRAVERSION_SIZE];
    long rc;

    memset(buf, VERSION_FILL, sizeof(buf));
    rc = hypercall_xen_version(VERSION_UNKNOWN_CMD, buf);
    if (rc != -XEN_ENOSYS)
        return test_fail(t, "rc %ld, want -ENOSYS", rc);
    if (!string_all(buf, sizeof(buf), VERSION_FILL))
        return test_fail(t, "unknown sub-op wrote to its argument");
    return test_pass(t);
}

/* Sub-ops that take a pointer, with the size they access. */
static const struct {
    int cmd;
    const char *name;
} version_ptr_ops[] = {
    { XENVER_extraversion, "extraversion" },
    { XENVER_compile_info, "compile_info" },
    { XENVER_capabilities, "capabilities" },
    { XENVER_platform_parameters, "platform_parameters" },
    { XENVER_get_features, "get_features" },
};
#define VERSION_NR_PTR_OPS (sizeof(version_ptr_ops) / sizeof(version_ptr_ops[0]))

TEST_CASE(version_bad_pointers);
static int version_bad_pointers(struct test_ctx *t)
{
    const char *what;
    uint64_t addr;

    for (unsigned int op = 0; op < VERSION_NR_PTR_OPS; op++) {
        for (unsigned int i = 0; badptr_get(i, &addr, &what); i++) {
            long rc = hypercall_xen_version(version_ptr_ops[op].cmd, (void *)addr);

            if (rc != -XEN_EFAULT)
                return test_fail(t, "%s to %s %lx: rc %ld, want -EFAULT",
                                 version_ptr_ops[op].name, what, addr, rc);
        }
    }
    return test_pass(t);
}

/* Writes aimed at a read-only mapping (the boot L4) fail and leave the page as it was. */
TEST_CASE(version_readonly_target);
static int version_readonly_target(struct test_ctx *t)
{
    static char before[VERSION_PAGE_SIZE];
    const char *ro = (const char *)badptr_readonly_page();

    memcpy(before, ro, sizeof(before));
    for (unsigned int op = 0; op < VERSION_NR_PTR_OPS; op++) {
        long rc = hypercall_xen_version(version_ptr_ops[op].cmd, (void *)ro);

        if (rc != -XEN_EFAULT)
            return test_fail(t, "%s into read-only page: rc %ld, want -EFAULT",
                             version_ptr_ops[op].name, rc);
        if (memcmp(before, ro, sizeof(before)))
            return test_fail(t, "%s changed the read-only page", version_ptr_ops[op].name);
    }
    return test_pass(t);
}

/* A buffer that runs off the end of the mapping: -EFAULT (Xen may have written the mapped
 * head: it copies until the fault, so only the result is checked). */
TEST_CASE(version_straddling_pointer);
static int version_straddling_pointer(struct test_ctx *t)
{
    uint64_t end = PVG_VIRT_BASE + (mm_mapped_end() << PVG_PAGE_SHIFT);
    long rc = hypercall_xen_version(XENVER_extraversion,
                                    (void *)(end - XEN_EXTRAVERSION_SIZE / 2));

    if (rc != -XEN_EFAULT)
        return test_fail(t, "extraversion across %lx: rc %ld, want -EFAULT", end, rc);
    return test_pass(t);
}

/* x86 has no alignment rule for hypercall buffers: odd addresses work. */
TEST_CASE(version_misaligned_pointer);
static int version_misaligned_pointer(struct test_ctx *t)
{
    static uint8_t buf[2 * sizeof(struct xen_platform_parameters) + 1];
    struct xen_platform_parameters pp;
    struct xen_feature_info fi = { .submap_idx = 0 };
    long rc = hypercall_xen_version(XENVER_platform_parameters, buf + 1);

    memcpy(&pp, buf + 1, sizeof(pp));
    if (rc || pp.virt_start != HYPERVISOR_VIRT_START)
        return test_fail(t, "platform_parameters at odd address: rc %ld virt_start %lx",
                         rc, pp.virt_start);
    memcpy(buf + 1, &fi, sizeof(fi));
    rc = hypercall_xen_version(XENVER_get_features, buf + 1);
    if (rc)
        return test_fail(t, "get_features at odd address: rc %ld", rc);
    return test_pass(t);
}
