/* pvguest's page-table hypercalls (see mmu.h). A queue that failed keeps its first error and
 * drops later requests, so a caller checks once, at mmu_flush. */
#include "pvguest/mmu.h"

#include "abi/errno.h"
#include "abi/xen.h"
#include "pvguest/hypercall.h"
#include "pvguest/pte.h"

long mmu_update(const struct mmu_update *reqs, unsigned int n)
{
    unsigned int done = 0;
    long rc = hypercall_5(__HYPERVISOR_mmu_update, (uint64_t)reqs, n, (uint64_t)&done,
                          DOMID_SELF, 0);

    if (!rc && done != n)
        rc = -XEN_EIO;
    return rc;
}

static void mmu_send(struct mmu_queue *q)
{
    long rc = q->n ? mmu_update(q->req, q->n) : 0;

    if (rc && !q->rc)
        q->rc = rc;
    q->n = 0;
}

void mmu_queue_pte(struct mmu_queue *q, uint64_t ma, uint64_t val)
{
    if (q->rc)
        return;
    q->req[q->n++] = (struct mmu_update){ .ptr = ma | MMU_NORMAL_PT_UPDATE, .val = val };
    if (q->n == MMU_QUEUE_MAX)
        mmu_send(q);
}

long mmu_flush(struct mmu_queue *q)
{
    if (!q->rc)
        mmu_send(q);
    q->n = 0;
    return q->rc;
}

long mmu_ext(unsigned int cmd, uint64_t arg1)
{
    struct mmuext_op op = { .cmd = cmd, .arg1.mfn = arg1 };
    unsigned int done = 0;
    long rc = hypercall_5(__HYPERVISOR_mmuext_op, (uint64_t)&op, 1, (uint64_t)&done,
                          DOMID_SELF, 0);

    if (!rc && done != 1)
        rc = -XEN_EIO;
    return rc;
}

long mmu_update_va(uint64_t va, uint64_t pte, uint64_t flags)
{
    return hypercall_3(__HYPERVISOR_update_va_mapping, va, pte, flags);
}

uint64_t mmu_entry_ma(uint64_t mfn, unsigned int index)
{
    return (mfn << PVG_PAGE_SHIFT) + (uint64_t)index * PT_ENTRY_BYTES;
}
