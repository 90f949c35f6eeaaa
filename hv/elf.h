/* Guest kernel images: an ELF64 x86_64 PV kernel and its Xen notes, checked by Xen's libelf
 * rules (plus Keel's own limits), its segments copied out, and guest RIPs named from its symbol
 * table. The image is untrusted: nothing is ever read outside [data, data + size). */
#ifndef HV_ELF_H
#define HV_ELF_H

#include "abi/features.h"
#include "hv/env.h"

#define ELF_MAX_LOAD 16     /* loadable (PT_LOAD) segments Keel accepts in one kernel */
#define ELF_NOTE_STR_MAX 32 /* string notes are kept truncated to this, NUL included */
#define ELF_REASON_MAX 96   /* room for the text elf_parse explains a refusal with */

/*
 * The XENFEAT bits a kernel may mark required ('!' in its FEATURES note) and still be loaded:
 *   pae_pgdir_above_4gb        page-table pages may sit anywhere in machine memory (always so)
 *   mmu_pt_update_preserve_ad  MMU_PT_UPDATE_PRESERVE_AD is accepted
 *   dom0                       only domain 0 has it: elf_parse lets it pass and the domain
 *                              builder refuses a kernel requiring it for any other domain
 * Not writable_page_tables: Keel validates every page-table update through mmu_update and
 * never lets a guest write its page tables directly.
 */
#define ELF_KEEL_FEATURES ((1U << XENFEAT_pae_pgdir_above_4gb) | \
                           (1U << XENFEAT_mmu_pt_update_preserve_ad) | \
                           (1U << XENFEAT_dom0))

/* One PT_LOAD segment: guest VA it is loaded at, where its bytes are in the image. */
struct elf_load_seg {
    uint64_t va;
    uint64_t offset;
    uint64_t filesz;
    uint64_t memsz;
};

struct elf_image {
    const uint8_t *data;
    size_t size;
    uint64_t entry;                   /* XEN_ELFNOTE_ENTRY, else e_entry */
    uint64_t virt_base;               /* VIRT_BASE (0 if absent) */
    uint64_t paddr_offset;            /* PADDR_OFFSET (0 if absent, as Xen with notes) */
    uint64_t virt_kstart, virt_kend;  /* lowest load VA, end of the highest (not page-rounded) */
    bool has_hypercall_page;
    uint64_t hypercall_page;          /* VA, page aligned, inside a loaded segment */
    bool has_init_p2m;
    uint64_t init_p2m;                /* VA of the separate p2m mapping (outside the kernel) */
    bool mod_start_pfn;               /* MOD_START_PFN non-zero: initrd passed as a PFN */
    uint32_t features_required;       /* XENFEAT bits named with '!' in FEATURES */
    uint32_t features_wanted;         /* every bit named in FEATURES, required ones included */
    uint32_t supported_features;      /* XEN_ELFNOTE_SUPPORTED_FEATURES (0 if absent) */
    char guest_os[ELF_NOTE_STR_MAX];
    char guest_version[ELF_NOTE_STR_MAX];
    char xen_version[ELF_NOTE_STR_MAX];
    char loader[ELF_NOTE_STR_MAX];
    unsigned nr_load;
    struct elf_load_seg load[ELF_MAX_LOAD];
    /* SHT_SYMTAB and its string table, for naming guest RIPs; NULL/0 when absent or unusable. */
    const uint8_t *symtab;
    uint64_t nr_syms;
    const char *strtab;
    uint64_t strtab_size;
    char reason[ELF_REASON_MAX];      /* why elf_parse refused the image */
};

/*
 * Parses and checks the kernel image [data, data + size) (untrusted). Returns 0, or
 * -XEN_ENOEXEC (not an x86_64 executable ELF, or no Xen notes) or -XEN_EINVAL (anything
 * malformed or refused) with *why set to a short sentence naming what is wrong (it points into
 * img->reason). On success *why is NULL and img describes the image, which must stay in place
 * for elf_load and elf_symbolize. The builder still checks the memory the segments need, the
 * extent of the INIT_P2M mapping and the dom0 feature.
 */
int elf_parse(const void *data, size_t size, struct elf_image *img, const char **why)
    __must_check;

/*
 * Copies every loadable segment of an image elf_parse accepted to its VA
 * (p_paddr + virt_base - paddr_offset) through write(), then zero-fills memsz beyond filesz
 * through zero(). The callbacks translate guest VAs to frames; they are called only for n > 0.
 */
void elf_load(const struct elf_image *img,
              void (*write)(void *ctx, uint64_t va, const void *src, size_t n),
              void (*zero)(void *ctx, uint64_t va, size_t n), void *ctx);

/* Name of the FUNC symbol containing va and the offset into it (into *off), or NULL. The name
 * points into the image and is NUL-terminated inside it. */
const char *elf_symbolize(const struct elf_image *img, uint64_t va, uint64_t *off);

/*
 * Parses a FEATURES string (up to len bytes or its NUL) such as
 * "writable_page_tables|!pae_pgdir_above_4gb": ORs every named XENFEAT bit into *wanted and
 * those marked '!' into *required too. Returns 0, or -XEN_EINVAL when a required name is
 * unknown (an unknown optional name is ignored, as Xen does).
 */
int elf_parse_features(const char *s, size_t len, uint32_t *wanted, uint32_t *required)
    __must_check;

/* The FEATURES name of XENFEAT bit n, or NULL if Keel does not know it. */
const char *elf_feature_name(unsigned n);

#endif
