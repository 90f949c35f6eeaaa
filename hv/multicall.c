/* multicall(list, count): runs a batch of hypercalls, storing each one's result in its
 * entry. It stops early (leaving the rest undone) at an entry that is itself a multicall or
 * an iret, or when an entry ended the domain or switched the guest to user mode, so user
 * code can never run kernel-only hypercalls through a batch (XSA-213). */
#include "abi/hcall.h"
#include "abi/xen.h"
#include "hv/domain.h"
#include "hv/hypercall.h"
#include "hv/trace.h"

#define MULTICALL_MAX 2048

static bool multicall_forbidden(uint64_t op)
{
    return op == __HYPERVISOR_multicall || op == __HYPERVISOR_iret;
}

long hc_multicall(uint64_t list, uint64_t count, uint64_t a3, uint64_t a4, uint64_t a5)
{
    struct vcpu *v = current;
    struct multicall_entry e;

    (void)a3; (void)a4; (void)a5;
    if (count > MULTICALL_MAX)
        return -XEN_EINVAL;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t at = list + i * sizeof(e);
        if (copy_from_guest(&e, at, sizeof(e)))
            return -XEN_EFAULT;
        if (multicall_forbidden(e.op))
            return 0;
        e.result = (uint64_t)hypercall_do(e.op, e.args);
        trace_multicall((uint32_t)i, &e);
        if (copy_to_guest(at + offsetof(struct multicall_entry, result), &e.result,
                          sizeof(e.result)))
            return -XEN_EFAULT;
        if (v->domain->state != DOM_RUNNING || !v->kernel_mode)
            return 0;
    }
    return 0;
}
