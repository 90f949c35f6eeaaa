/* Tests of set_callbacks, callback_op (register/unregister, errors) and stack_switch, with
 * real Xen 4.17's results (pv/callback.c, pv/misc-hypercalls.c). Every test re-registers
 * pvguest's own entry points before it returns. */
#include "abi/arch_x86.h"
#include "abi/callback.h"
#include "abi/errno.h"
#include "pvguest/hypercall.h"
#include "pvguest/test.h"
#include "pvguest/tests/badptr.h"
#include "pvguest/traps.h"

#define CALLBACKS_NONCANONICAL xen_mk_ulong(0x8000000000000000)
#define CALLBACKS_UNKNOWN_TYPE 99
#define CALLBACKS_UNKNOWN_CMD  9

static long callbacks_restore(void)
{
    return hypercall_3(__HYPERVISOR_set_callbacks, (uint64_t)trap_event_entry,
                       (uint64_t)trap_failsafe_entry, (uint64_t)trap_syscall_entry);
}

static long callbacks_op(int cmd, const void *arg)
{
    return hypercall_2(__HYPERVISOR_callback_op, (uint64_t)cmd, (uint64_t)arg);
}

static long callbacks_register(uint16_t type, uint16_t flags, uint64_t address)
{
    struct callback_register reg = { .type = type, .flags = flags, .address = address };

    return callbacks_op(CALLBACKOP_register, &reg);
}

/* set_callbacks returns 0 even for a non-canonical address: Xen ignores the per-callback
 * result (that callback is simply left unchanged). */
TEST_CASE(callbacks_set_callbacks);
static int callbacks_set_callbacks(struct test_ctx *t)
{
    long rc = callbacks_restore();

    if (rc)
        return test_fail(t, "set_callbacks: rc %ld", rc);
    rc = hypercall_3(__HYPERVISOR_set_callbacks, CALLBACKS_NONCANONICAL,
                     (uint64_t)trap_failsafe_entry, (uint64_t)trap_syscall_entry);
    if (rc)
        return test_fail(t, "non-canonical event: rc %ld, want 0 (Xen ignores it)", rc);
    rc = callbacks_restore();
    return rc ? test_fail(t, "restore: rc %ld", rc) : test_pass(t);
}

TEST_CASE(callbacks_register_ok);
static int callbacks_register_ok(struct test_ctx *t)
{
    static const struct {
        uint16_t type, flags;
        void (*entry)(void);
    } regs[] = {
        { CALLBACKTYPE_event, 0, trap_event_entry },
        { CALLBACKTYPE_failsafe, CALLBACKF_mask_events, trap_failsafe_entry },
        { CALLBACKTYPE_syscall, CALLBACKF_mask_events, trap_syscall_entry },
        { CALLBACKTYPE_failsafe, 0, trap_failsafe_entry },
        { CALLBACKTYPE_syscall, 0, trap_syscall_entry },
    };

    for (unsigned int i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
        long rc = callbacks_register(regs[i].type, regs[i].flags, (uint64_t)regs[i].entry);

        if (rc)
            return test_fail(t, "register type %u flags %u: rc %ld", regs[i].type,
                             regs[i].flags, rc);
    }
    return test_pass(t);
}

TEST_CASE(callbacks_register_errors);
static int callbacks_register_errors(struct test_ctx *t)
{
    struct callback_unregister unreg = { .type = CALLBACKTYPE_event };
    long rc = callbacks_register(CALLBACKTYPE_event, 0, CALLBACKS_NONCANONICAL);

    if (rc != -XEN_EINVAL)
        return test_fail(t, "non-canonical address: rc %ld, want -EINVAL", rc);
    rc = callbacks_register(CALLBACKS_UNKNOWN_TYPE, 0, (uint64_t)trap_event_entry);
    if (rc != -XEN_ENOSYS)
        return test_fail(t, "unknown type: rc %ld, want -ENOSYS", rc);
    rc = callbacks_op(CALLBACKOP_unregister, &unreg);
    if (rc != -XEN_EINVAL)
        return test_fail(t, "unregister event: rc %ld, want -EINVAL", rc);
    unreg.type = CALLBACKS_UNKNOWN_TYPE;
    rc = callbacks_op(CALLBACKOP_unregister, &unreg);
    if (rc != -XEN_ENOSYS)
        return test_fail(t, "unregister unknown type: rc %ld, want -ENOSYS", rc);
    rc = callbacks_op(CALLBACKS_UNKNOWN_CMD, &unreg);
    if (rc != -XEN_ENOSYS)
        return test_fail(t, "unknown sub-op: rc %ld, want -ENOSYS", rc);
    rc = callbacks_restore();
    return rc ? test_fail(t, "restore: rc %ld", rc) : test_pass(t);
}

TEST_CASE(callbacks_bad_pointers);
static int callbacks_bad_pointers(struct test_ctx *t)
{
    const char *what;
    uint64_t addr;

    for (unsigned int i = 0; badptr_get(i, &addr, &what); i++) {
        long rc = callbacks_op(CALLBACKOP_register, (const void *)addr);

        if (rc != -XEN_EFAULT)
            return test_fail(t, "register from %s %lx: rc %ld, want -EFAULT", what, addr, rc);
        rc = callbacks_op(CALLBACKOP_unregister, (const void *)addr);
        if (rc != -XEN_EFAULT)
            return test_fail(t, "unregister from %s %lx: rc %ld, want -EFAULT", what, addr,
                             rc);
    }
    return test_pass(t);
}

/* stack_switch records where bounce frames from user mode go; pvguest has no user mode, so
 * only the result is observable. */
TEST_CASE(stack_switch);
static int stack_switch(struct test_ctx *t)
{
    extern char pvg_stack_top[];
    long rc = hypercall_2(__HYPERVISOR_stack_switch, FLAT_KERNEL_SS, (uint64_t)pvg_stack_top);

    return rc ? test_fail(t, "stack_switch: rc %ld", rc) : test_pass(t);
}
