/* The demand-faulted heap (see heap.h). Only a not-present fault inside the part of the region
 * already handed out is served; anything else falls through to the crash path. */
#include "pvguest/heap.h"

#include "abi/errno.h"
#include "abi/mmu.h"
#include "pvguest/aspace.h"
#include "pvguest/boot.h"
#include "pvguest/mm.h"
#include "pvguest/mmu.h"
#include "pvguest/pt.h"
#include "pvguest/pte.h"
#include "pvguest/string.h"
#include "pvguest/traps.h"

#define HEAP_ALIGN 16

static uint64_t heap_brk = HEAP_BASE;
static uint64_t heap_nr_faults;

/* Backs the page at va with a fresh zeroed frame: 0 or an error (the fault is then fatal). */
static long heap_back(uint64_t va)
{
    uint64_t pfn, ma;
    long rc = mm_alloc_page(&pfn);

    if (rc)
        return rc;
    memset(mm_pfn_to_va(pfn), 0, PVG_PAGE_SIZE);
    rc = pt_l1_slot(va, &ma);   /* the L1 must exist for update_va_mapping */
    if (!rc)
        rc = mmu_update_va(va, (mm_pfn_to_mfn(pfn) << PVG_PAGE_SHIFT) | PTE_DATA_RW,
                           UVMF_INVLPG);
    if (rc)
        mm_free_page(pfn);
    return rc;
}

static bool heap_fault(struct trap_frame *f)
{
    volatile struct vcpu_info *vi = boot_vcpu_info();
    uint64_t va;

    if (!vi || (f->error_code & PFEC_PRESENT))
        return false;
    va = vi->arch.cr2;
    if (va < HEAP_BASE || va >= heap_brk)
        return false;
    if (heap_back(va & ~(PVG_PAGE_SIZE - 1)))
        return false;
    heap_nr_faults++;
    return true;
}

long heap_init(void)
{
    if (!aspace_switched())
        return -XEN_EINVAL;
    trap_set_handler(X86_EXC_PF, heap_fault);
    return 0;
}

void *heap_alloc(size_t n)
{
    uint64_t align = n >= PVG_PAGE_SIZE ? PVG_PAGE_SIZE : HEAP_ALIGN;
    uint64_t p = (heap_brk + align - 1) & ~(align - 1);
    uint64_t size = (n + HEAP_ALIGN - 1) & ~(uint64_t)(HEAP_ALIGN - 1);

    if (size < n || size > HEAP_BASE + HEAP_MAX_BYTES - p)
        return 0;
    heap_brk = p + size;
    return (void *)p;
}

uint64_t heap_faults(void)
{
    return heap_nr_faults;
}
