/* pvguest's page-table hypercalls: a queue of MMU_NORMAL_PT_UPDATE requests sent to
 * mmu_update in batches (a full queue is sent at once; mmu_flush sends the rest), and
 * single mmuext_op/update_va_mapping calls. Every call checks the `done` count the
 * hypervisor wrote back, so a partly applied batch is an error, never silently accepted. */
#ifndef PVGUEST_MMU_H
#define PVGUEST_MMU_H

#include <stdint.h>

#include "abi/mmu.h"

/* Requests per mmu_update call (Xen and Keel accept more; this bounds our buffer). */
#define MMU_QUEUE_MAX 128

struct mmu_queue {
    struct mmu_update req[MMU_QUEUE_MAX];
    unsigned int n;
    long rc;     /* first error of any batch sent from this queue (sticky), or 0 */
};

/* Adds "entry at machine address ma := val"; sends the batch when the queue is full. */
void mmu_queue_pte(struct mmu_queue *q, uint64_t ma, uint64_t val);
/* Sends what is queued; returns the queue's sticky result (0 or the first -XEN_E*). */
long mmu_flush(struct mmu_queue *q);

/* mmu_update(reqs, n, &done, DOMID_SELF): 0, the error, or -XEN_EIO if done != n on success. */
long mmu_update(const struct mmu_update *reqs, unsigned int n);
/* One mmuext_op with arg1 = mfn or linear address. */
long mmu_ext(unsigned int cmd, uint64_t arg1);
/* update_va_mapping(va, pte, flags). */
long mmu_update_va(uint64_t va, uint64_t pte, uint64_t flags);

/* Machine address of entry `index` of the table in frame mfn. */
uint64_t mmu_entry_ma(uint64_t mfn, unsigned int index);

#endif
