/* The list of bad guest pointers (see badptr.h). The unmapped address is the first page of the
 * lower half, which no builder maps for a kernel linked at -2 GiB. */
#include "pvguest/tests/badptr.h"

#include "abi/arch_x86.h"
#include "pvguest/aspace.h"
#include "pvguest/boot.h"
#include "pvguest/layout.h"
#include "pvguest/pt.h"

#define BADPTR_XEN_PRIVATE    xen_mk_ulong(0xffff830000000000) /* Xen's direct map */
#define BADPTR_NONCANON_LOW   xen_mk_ulong(0x0000800000000000) /* first non-canonical */
#define BADPTR_NONCANON_HIGH  xen_mk_ulong(0x8000000000000000)
#define BADPTR_UNMAPPED       PVG_PAGE_SIZE

static const struct {
    const char *what;
    uint64_t addr;
} badptr_list[] = {
    { "hypervisor M2P", HYPERVISOR_VIRT_START },
    { "hypervisor private", BADPTR_XEN_PRIVATE },
    { "hypervisor end", HYPERVISOR_VIRT_END - PVG_PAGE_SIZE },
    { "non-canonical low", BADPTR_NONCANON_LOW },
    { "non-canonical high", BADPTR_NONCANON_HIGH },
    { "unmapped", BADPTR_UNMAPPED },
};

bool badptr_get(unsigned int i, uint64_t *addr, const char **what)
{
    if (i >= sizeof(badptr_list) / sizeof(badptr_list[0]))
        return false;
    *addr = badptr_list[i].addr;
    *what = badptr_list[i].what;
    return true;
}

/* A page-table frame: the builder's L4, or pvguest's own once it has switched to it. */
uint64_t badptr_readonly_page(void)
{
    return aspace_switched() ? (uint64_t)pt_table(aspace_l4()) : boot_start_info()->pt_base;
}
