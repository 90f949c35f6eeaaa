/* The hypervisor's side of the MMU seam (hv/mm/mm_env.h): the running vCPU, the direct map,
 * TLB maintenance and CR3 loads. copy_from_guest/copy_to_guest live in hv/guest_access.c and
 * m2p_set in hv/mm/m2p.c. */
#include "hv/mm/mm_env.h"
#include "hv/mm/directmap.h"
#include "hv/domain.h"
#include "hv/vcpu.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"

uint64_t hv_idle_cr3;

struct mm_vcpu *mm_current(void)
{
    return current ? &current->mm : NULL;
}

bool mm_domain_exists(domid_t d)
{
    return d == DOMID_IO || d == DOMID_XEN || domain_by_id(d) != NULL;
}

void *mm_map_frame(mfn_t m)
{
    return maddr_to_virt(mfn_to_paddr(m));
}

void mm_flush_tlb_local(void)
{
    flush_tlb_local();
}

void mm_invlpg(vaddr_t va)
{
    invlpg(va);
}

void mm_write_cr3(mfn_t m)
{
    write_cr3(mfn_valid(m) ? mfn_to_paddr(m) : hv_idle_cr3);
}

const uint64_t *mm_hv_l4_template(void)
{
    return maddr_to_virt(hv_idle_cr3);
}
