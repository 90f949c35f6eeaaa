/* Tests of vm_assist, sched_op (yield, bad pointer, unknown sub-op) and set_trap_table's
 * errors, with real Xen 4.17's results (common/domain.c, common/sched/core.c, pv/callback.c). */
#include "abi/arch_x86.h"
#include "abi/errno.h"
#include "abi/sched.h"
#include "abi/xen.h"
#include "pvguest/hypercall.h"
#include "pvguest/test.h"
#include "pvguest/tests/badptr.h"
#include "pvguest/traps.h"

#define MISC_VMASST_UNKNOWN_TYPE 31 /* a bit Xen does not define */
#define MISC_VMASST_TOO_BIG      64 /* beyond BITS_PER_LONG */
#define MISC_VMASST_UNKNOWN_CMD  2
#define MISC_SCHED_UNKNOWN_CMD   99
#define MISC_NONCANONICAL        xen_mk_ulong(0x8000000000000000)
#define MISC_SPARE_VECTOR        0x80

static long misc_vm_assist(unsigned int cmd, unsigned int type)
{
    return hypercall_2(__HYPERVISOR_vm_assist, cmd, type);
}

TEST_CASE(vm_assist);
static int vm_assist(struct test_ctx *t)
{
    static const unsigned int known[] = {
        VMASST_TYPE_runstate_update_flag, VMASST_TYPE_architectural_iopl,
        VMASST_TYPE_m2p_strict,
    };

    for (unsigned int i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        long on = misc_vm_assist(VMASST_CMD_enable, known[i]);
        long off = misc_vm_assist(VMASST_CMD_disable, known[i]);

        if (on || off)
            return test_fail(t, "type %u: enable %ld disable %ld, want 0 0", known[i], on, off);
    }
    if (misc_vm_assist(VMASST_CMD_enable, MISC_VMASST_UNKNOWN_TYPE) != -XEN_EINVAL ||
        misc_vm_assist(VMASST_CMD_disable, MISC_VMASST_TOO_BIG) != -XEN_EINVAL)
        return test_fail(t, "unknown type not refused with -EINVAL");
    if (misc_vm_assist(MISC_VMASST_UNKNOWN_CMD, VMASST_TYPE_runstate_update_flag) !=
        -XEN_ENOSYS)
        return test_fail(t, "unknown cmd on a known type: want -ENOSYS");
    if (misc_vm_assist(MISC_VMASST_UNKNOWN_CMD, MISC_VMASST_UNKNOWN_TYPE) != -XEN_EINVAL)
        return test_fail(t, "unknown cmd on an unknown type: want -EINVAL (type first)");
    return test_pass(t);
}

TEST_CASE(sched_yield);
static int sched_yield(struct test_ctx *t)
{
    long rc = hypercall_sched_op(SCHEDOP_yield, 0);
    long raw = hypercall_raw_5(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0, 0, 0);

    return rc || raw ? test_fail(t, "yield: rc %ld raw %ld", rc, raw) : test_pass(t);
}

/* A shutdown whose argument cannot be read fails with -EFAULT and the domain keeps running
 * (this test returning at all shows it). */
TEST_CASE(sched_errors);
static int sched_errors(struct test_ctx *t)
{
    const char *what;
    uint64_t addr;
    long rc = hypercall_sched_op(MISC_SCHED_UNKNOWN_CMD, 0);

    if (rc != -XEN_ENOSYS)
        return test_fail(t, "unknown sub-op: rc %ld, want -ENOSYS", rc);
    for (unsigned int i = 0; badptr_get(i, &addr, &what); i++) {
        rc = hypercall_sched_op(SCHEDOP_shutdown, (void *)addr);
        if (rc != -XEN_EFAULT)
            return test_fail(t, "shutdown from %s %lx: rc %ld, want -EFAULT", what, addr, rc);
    }
    return test_pass(t);
}

/* Xen applies entries in order and stops at the first bad one; pvguest's own table goes back
 * in at the end (every vector it uses is re-registered). */
TEST_CASE(trap_table_errors);
static int trap_table_errors(struct test_ctx *t)
{
    struct trap_info bad[] = {
        { .vector = MISC_SPARE_VECTOR, .cs = FLAT_KERNEL_CS, .address = MISC_NONCANONICAL },
        { .address = 0 },
    };
    const char *what;
    uint64_t addr;
    long rc = hypercall_set_trap_table(bad);

    if (rc != -XEN_EINVAL)
        return test_fail(t, "non-canonical handler: rc %ld, want -EINVAL", rc);
    for (unsigned int i = 0; badptr_get(i, &addr, &what); i++) {
        rc = hypercall_set_trap_table((const void *)addr);
        if (rc != -XEN_EFAULT)
            return test_fail(t, "table at %s %lx: rc %ld, want -EFAULT", what, addr, rc);
    }
    rc = trap_init();
    return rc ? test_error(t, "re-installing the trap table: rc %ld", rc) : test_pass(t);
}
