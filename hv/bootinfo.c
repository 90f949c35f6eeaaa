/* Boot-time memory setup from the multiboot2 information. */
#include "hv/bootinfo.h"
#include "hv/mm/directmap.h"
#include "hv/mm/frame_alloc.h"
#include "arch/x86_64/memlayout.h"

#define MB2_INFO_HEADER_SIZE 8
#define MAX_USABLE_RANGES 128
#define MAX_RESERVED (MB2_MAX_MODULES + 2)
#define MIB_SHIFT 20

struct boot_info boot_info;
static paddr_t ram_top;

paddr_t bootinfo_ram_top(void)
{
    return ram_top;
}

extern const char hv_image_end[];

static const char *mem_type_name(uint32_t t)
{
    switch (t) {
    case MB2_MEM_AVAILABLE: return "available";
    case MB2_MEM_ACPI_RECLAIMABLE: return "ACPI reclaimable";
    case MB2_MEM_NVS: return "ACPI NVS";
    case MB2_MEM_BADRAM: return "bad RAM";
    default: return "reserved";
    }
}

void bootinfo_parse(paddr_t info_pa)
{
    const char *why = "unknown";
    size_t avail;

    if (info_pa >= EARLY_DIRECTMAP_SIZE - MB2_INFO_HEADER_SIZE)
        panic("multiboot2 information at %lx lies outside the boot map", info_pa);
    avail = EARLY_DIRECTMAP_SIZE - info_pa;
    if (mb2_parse(maddr_to_virt(info_pa), avail, info_pa, &boot_info, &why))
        panic("malformed multiboot2 information: %s", why);
}

static unsigned reserved_ranges(struct mem_range *r)
{
    unsigned n = 0;

    r[n++] = (struct mem_range){ HV_LOAD_PHYS, virt_to_maddr(hv_image_end) };
    r[n++] = (struct mem_range){ boot_info.info_start, boot_info.info_end };
    for (unsigned i = 0; i < boot_info.nr_mods; i++)
        r[n++] = (struct mem_range){ boot_info.mods[i].start, boot_info.mods[i].end };
    return n;
}

static void print_memory_map(void)
{
    for (unsigned i = 0; i < boot_info.nr_mmap; i++) {
        const struct mb2_region *m = &boot_info.mmap[i];
        printk("hv: mem %016lx-%016lx %s\n", m->base, m->base + m->len,
               mem_type_name(m->type));
    }
}

void bootinfo_memory_init(void)
{
    static struct mem_range usable[MAX_USABLE_RANGES];
    struct mem_range resv[MAX_RESERVED];
    unsigned overlaps = 0, nres = reserved_ranges(resv);
    int n;
    paddr_t top = 0;

    print_memory_map();
    n = mb2_usable_ranges(&boot_info, resv, nres, usable, MAX_USABLE_RANGES, &overlaps);
    if (n <= 0)
        panic("no usable memory in the memory map (%d)", n);
    if (overlaps)
        printk("hv: warning: %u overlapping memory map entries; reserved wins\n", overlaps);
    if (frame_alloc_init(usable, (unsigned)n, maddr_to_virt, EARLY_DIRECTMAP_SIZE))
        panic("frame allocator: no room for its bitmap below 4 GiB");
    for (int i = 0; i < n; i++)
        top = usable[i].end > top ? usable[i].end : top;
    ram_top = top;
    if (directmap_init(top))
        panic("out of memory building the direct map");
    directmap_drop_identity();
    printk("hv: free frames: %lu (%lu MiB) of %lu usable, RAM top %lx\n",
           frame_alloc_free_count(), frame_alloc_free_count() >> (MIB_SHIFT - PAGE_SHIFT),
           frame_alloc_total_count(), top);
}
