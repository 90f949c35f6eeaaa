/* Multiboot2 boot information: parsing the loader's tag list into struct boot_info, and
 * computing the usable RAM left once the hypervisor, the information and the modules are
 * set aside. Every size and offset in the input is untrusted: a malformed list is refused
 * with a reason, never walked past its end. */
#ifndef HV_MB2_H
#define HV_MB2_H

#include "hv/env.h"

#define MB2_BOOTLOADER_MAGIC 0x36d76289u

/* Multiboot2 memory types (tag 6). */
#define MB2_MEM_AVAILABLE 1u
#define MB2_MEM_RESERVED 2u
#define MB2_MEM_ACPI_RECLAIMABLE 3u
#define MB2_MEM_NVS 4u
#define MB2_MEM_BADRAM 5u

#define MB2_MAX_MMAP 256
#define MB2_MAX_MODULES 16

struct mb2_region {
    paddr_t base;
    uint64_t len;
    uint32_t type;            /* MB2_MEM_*; EFI entries are converted to these */
};

struct mb2_module {
    paddr_t start, end;       /* [start, end) */
    const char *cmdline;      /* points into the information; "" if empty */
};

struct boot_info {
    const char *cmdline;      /* boot command line, "" if absent */
    const char *loader;       /* boot loader name, "" if absent */
    struct mb2_region mmap[MB2_MAX_MMAP];
    unsigned nr_mmap;
    bool mmap_from_efi;       /* true when only an EFI memory map was given */
    struct mb2_module mods[MB2_MAX_MODULES];
    unsigned nr_mods;
    const void *rsdp;         /* copy of the ACPI RSDP inside the information, or NULL */
    unsigned rsdp_len;
    unsigned rsdp_revision;   /* 0 = ACPI 1.0 (tag 14), 2 = ACPI 2.0+ (tag 15) */
    bool vga_text;            /* a framebuffer tag said EGA text, or no framebuffer tag */
    bool efi;                 /* an EFI system table tag (11/12) was present */
    paddr_t info_start, info_end;  /* where the information itself lies */
};

/* Parses the information at info (virtual) which lies at machine address info_pa. avail is
 * how many bytes may be read there. Returns 0, or -EINVAL (malformed) or -ENOSPC (more than
 * MB2_MAX_MMAP regions, after merging adjacent ones of one type, or MB2_MAX_MODULES modules)
 * with *why set to a message. */
int mb2_parse(const void *info, size_t avail, paddr_t info_pa, struct boot_info *bi,
              const char **why) __must_check;

struct mem_range {
    paddr_t start, end;       /* [start, end), page aligned in results */
};

/* Usable RAM: available regions (merged where they overlap or touch), minus every part that
 * any non-available region also claims, minus the reserved ranges given (hypervisor image,
 * information, modules), each result shrunk inward to whole pages. Frames below 1 MiB are
 * left out (firmware and real-mode structures live there). Writes at most max ranges, sorted;
 * returns how many, or -ENOSPC if there were more. *overlaps counts conflicting region pairs. */
int mb2_usable_ranges(const struct boot_info *bi, const struct mem_range *reserved,
                      unsigned nr_reserved, struct mem_range *out, unsigned max,
                      unsigned *overlaps) __must_check;

#endif
