/* multicall(list, count): runs a batch of hypercalls, storing each one's result in its
 * entry. An entry that is itself a multicall is refused in its own result (-EINVAL, Xen's
 * answer to re-entry) and the batch goes on. The batch stops early (leaving the rest undone)
 * at an iret, which is never run from a batch, or when an entry ended the domain or switched
 * the guest to user mode, so user code can never run kernel-only hypercalls (XSA-213). */
#include "abi/hcall.h"
#include "abi/xen.h"
#include "hv/domain.h"
#include "hv/hypercall.h"
#include "hv/trace.h"

#define MULTICALL_MAX 2048

/* Guest address of entry i, computed without wrapping around the address space (XSA-212). */
static int multicall_entry_at(uint64_t list, uint64_t i, uint64_t *at)
{
    uint64_t off;

    if (__builtin_mul_overflow(i, sizeof(struct multicall_entry), &off) ||
        __builtin_add_overflow(list, off, at))
        return -XEN_EFAULT;
    return 0;
}

static long multicall_run(const struct multicall_entry *e)
{
    if (e->op == __HYPERVISOR_multicall)
        return -XEN_EINVAL;   /* no nesting: one level of batch, as Xen */
    return hypercall_do(e->op, e->args);
}

long hc_multicall(uint64_t list, uint64_t count, uint64_t a3, uint64_t a4, uint64_t a5)
{
    struct vcpu *v = current;
    struct multicall_entry e;

    (void)a3; (void)a4; (void)a5;
    if (count > MULTICALL_MAX)
        return -XEN_EINVAL;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t at;
        if (multicall_entry_at(list, i, &at) || copy_from_guest(&e, at, sizeof(e)))
            return -XEN_EFAULT;
        if (e.op == __HYPERVISOR_iret)
            return 0;
        e.result = (uint64_t)multicall_run(&e);
        trace_multicall((uint32_t)i, &e);
        if (copy_to_guest(at + offsetof(struct multicall_entry, result), &e.result,
                          sizeof(e.result)))
            return -XEN_EFAULT;
        if (v->domain->state != DOM_RUNNING || !v->kernel_mode)
            return 0;
    }
    return 0;
}
