/* pvguest's view of the domain builder's hand-over. shared_info is mapped with
 * update_va_mapping over shared_info_page, a page of .bss whose own frame then stays unused. */
#include "pvguest/boot.h"

#include "abi/mmu.h"
#include "pvguest/hypercall.h"
#include "pvguest/layout.h"
#include "pvguest/pte.h"

static const struct start_info *boot_si;
static bool boot_shared_mapped;
static char shared_info_page[PVG_PAGE_SIZE] __attribute__((aligned(PVG_PAGE_SIZE)));

long boot_init(const struct start_info *si)
{
    uint64_t pte = si->shared_info | PTE_P | PTE_RW | PTE_A | PTE_D;
    long rc;

    boot_si = si;
    rc = hypercall_3(__HYPERVISOR_update_va_mapping, (uint64_t)shared_info_page, pte,
                     UVMF_INVLPG);
    boot_shared_mapped = rc == 0;
    return rc;
}

const struct start_info *boot_start_info(void)
{
    return boot_si;
}

volatile struct shared_info *boot_shared_info(void)
{
    return boot_shared_mapped ? (volatile struct shared_info *)shared_info_page : 0;
}

/* Set once vCPU 0's vcpu_info has moved out of shared_info (VCPUOP_register_vcpu_info). */
static volatile struct vcpu_info *boot_vcpu_info_moved;

volatile struct vcpu_info *boot_vcpu_info(void)
{
    volatile struct shared_info *s = boot_shared_info();

    if (boot_vcpu_info_moved)
        return boot_vcpu_info_moved;
    return s ? &s->vcpu_info[0] : 0;
}

void boot_vcpu_info_moved_to(volatile struct vcpu_info *info)
{
    boot_vcpu_info_moved = info;
}

bool boot_is_initdomain(void)
{
    return boot_si && (boot_si->flags & SIF_INITDOMAIN);
}
