/* Keel's debug hypercall (abi/keel_debug.h): checks the hypervisor's own invariants on a test
 * guest's request. Reads state only; the audit runs only when Keel was booted with audit=1. */
#include "abi/keel_debug.h"
#include "hv/domain.h"
#include "hv/hypercall.h"

/* debug_op(cmd, arg): KEEL_DEBUGOP_audit gives the number of frame-count mismatches over the
 * running domains. Errors: -EINVAL (arg not 0), -ENOSYS (audit off, unknown cmd). All
 * arguments are untrusted and only compared. */
long hc_debug_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a3; (void)a4; (void)a5;
    if (cmd != KEEL_DEBUGOP_audit)
        return -XEN_ENOSYS;
    if (arg)
        return -XEN_EINVAL;
    return domain_audit_now();
}
