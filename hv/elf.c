/* Guest kernel images: decode-then-check of an ELF64 x86_64 PV kernel and its Xen notes, by
 * the rules of Xen's libelf (elf_xen_parse, elf_xen_note_check, elf_xen_addr_calc_check).
 * Every header is copied out of the image only after its range was checked against the size. */
#include "hv/elf.h"

#include "abi/arch_x86.h"
#include "abi/elfnote.h"
#include "arch/x86_64/pte.h"
#include "hv/elf64.h"
#include "hv/lib/fmt.h"

/* ---- Parse state and the bounds-checked reader. ------------------------------------------ */

struct elf_ctx {
    struct elf_image *img;
    struct elf64_ehdr eh;
    bool have[XEN_ELFNOTE_MAX + 1];   /* which Xen notes appeared */
    unsigned nr_xen_notes;
    uint16_t phidx[ELF_MAX_LOAD];     /* program-header index of each load[] entry */
};

/* [off, off + len) lies inside an image of size bytes; no sum is formed, so none overflows. */
static bool elf_range_ok(size_t size, uint64_t off, uint64_t len)
{
    return off <= size && len <= size - off;
}

/* Copies n bytes at off into dst; the caller has checked the range. */
static void elf_copy(const struct elf_image *img, uint64_t off, void *dst, size_t n)
{
    memcpy(dst, img->data + off, n);
}

static int elf_fail(struct elf_ctx *c, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records why the image is refused (into img->reason) and returns err. */
static int elf_fail(struct elf_ctx *c, int err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintk(c->img->reason, sizeof(c->img->reason), fmt, ap);
    va_end(ap);
    return err;
}

static uint64_t elf_align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

/* ---- File header and table locations. ---------------------------------------------------- */

static int elf_check_header(struct elf_ctx *c)
{
    const struct elf64_ehdr *eh = &c->eh;
    const struct elf_image *img = c->img;

    if (img->size < sizeof(*eh))
        return elf_fail(c, -XEN_ENOEXEC, "image is smaller than an ELF header");
    elf_copy(img, 0, &c->eh, sizeof(c->eh));
    if (memcmp(eh->e_ident, ELF_MAGIC, sizeof(ELF_MAGIC) - 1))
        return elf_fail(c, -XEN_ENOEXEC, "not an ELF image (bad magic)");
    if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return elf_fail(c, -XEN_ENOEXEC, "not a 64-bit little-endian ELF");
    if (eh->e_machine != EM_X86_64)
        return elf_fail(c, -XEN_ENOEXEC, "not an x86_64 ELF (machine %u)", eh->e_machine);
    if (eh->e_type != ET_EXEC)
        return elf_fail(c, -XEN_ENOEXEC, "not an executable ELF (type %u)", eh->e_type);
    if (eh->e_phentsize != sizeof(struct elf64_phdr))
        return elf_fail(c, -XEN_EINVAL, "program header size is %u", eh->e_phentsize);
    if (!elf_range_ok(img->size, eh->e_phoff, (uint64_t)eh->e_phnum * eh->e_phentsize))
        return elf_fail(c, -XEN_EINVAL, "program header table extends past the end of the image");
    if (eh->e_shnum == 0)
        return 0;
    if (eh->e_shentsize != sizeof(struct elf64_shdr))
        return elf_fail(c, -XEN_EINVAL, "section header size is %u", eh->e_shentsize);
    if (!elf_range_ok(img->size, eh->e_shoff, (uint64_t)eh->e_shnum * eh->e_shentsize))
        return elf_fail(c, -XEN_EINVAL, "section header table extends past the end of the image");
    return 0;
}

/* Program and section header i; elf_check_header proved both tables lie in the image. */
static void elf_phdr(const struct elf_ctx *c, unsigned i, struct elf64_phdr *ph)
{
    elf_copy(c->img, c->eh.e_phoff + (uint64_t)i * sizeof(*ph), ph, sizeof(*ph));
}

static void elf_shdr(const struct elf_ctx *c, unsigned i, struct elf64_shdr *sh)
{
    elf_copy(c->img, c->eh.e_shoff + (uint64_t)i * sizeof(*sh), sh, sizeof(*sh));
}

/* ---- Xen notes. --------------------------------------------------------------------------- */

enum elf_note_kind { NOTE_IGNORED, NOTE_NUM, NOTE_STR };

/* What Xen's elf_xen_parse_note knows; other types are skipped, as Xen skips them.
 * L1_MFN_VALID (two u64s, save/restore only) is not read. */
static const struct {
    const char *name;
    uint8_t kind;
} elf_note_types[XEN_ELFNOTE_MAX + 1] = {
    [XEN_ELFNOTE_ENTRY] = { "ENTRY", NOTE_NUM },
    [XEN_ELFNOTE_HYPERCALL_PAGE] = { "HYPERCALL_PAGE", NOTE_NUM },
    [XEN_ELFNOTE_VIRT_BASE] = { "VIRT_BASE", NOTE_NUM },
    [XEN_ELFNOTE_PADDR_OFFSET] = { "PADDR_OFFSET", NOTE_NUM },
    [XEN_ELFNOTE_XEN_VERSION] = { "XEN_VERSION", NOTE_STR },
    [XEN_ELFNOTE_GUEST_OS] = { "GUEST_OS", NOTE_STR },
    [XEN_ELFNOTE_GUEST_VERSION] = { "GUEST_VERSION", NOTE_STR },
    [XEN_ELFNOTE_LOADER] = { "LOADER", NOTE_STR },
    [XEN_ELFNOTE_PAE_MODE] = { "PAE_MODE", NOTE_STR },
    [XEN_ELFNOTE_FEATURES] = { "FEATURES", NOTE_STR },
    [XEN_ELFNOTE_BSD_SYMTAB] = { "BSD_SYMTAB", NOTE_STR },
    [XEN_ELFNOTE_HV_START_LOW] = { "HV_START_LOW", NOTE_NUM },
    [XEN_ELFNOTE_L1_MFN_VALID] = { "L1_MFN_VALID", NOTE_IGNORED },
    [XEN_ELFNOTE_SUSPEND_CANCEL] = { "SUSPEND_CANCEL", NOTE_NUM },
    [XEN_ELFNOTE_INIT_P2M] = { "INIT_P2M", NOTE_NUM },
    [XEN_ELFNOTE_MOD_START_PFN] = { "MOD_START_PFN", NOTE_NUM },
    [XEN_ELFNOTE_SUPPORTED_FEATURES] = { "SUPPORTED_FEATURES", NOTE_NUM },
    [XEN_ELFNOTE_PHYS32_ENTRY] = { "PHYS32_ENTRY", NOTE_NUM },
};

/* Copies a NUL-terminated note string, truncating it to fit dst. */
static void elf_note_strcpy(char dst[ELF_NOTE_STR_MAX], const char *s)
{
    size_t n = strnlen(s, ELF_NOTE_STR_MAX - 1);

    memcpy(dst, s, n);
    dst[n] = '\0';
}

static int elf_note_str(struct elf_ctx *c, uint32_t type, const char *s)
{
    struct elf_image *img = c->img;
    uint32_t want = 0, req = 0;

    switch (type) {
    case XEN_ELFNOTE_XEN_VERSION: elf_note_strcpy(img->xen_version, s); break;
    case XEN_ELFNOTE_GUEST_OS: elf_note_strcpy(img->guest_os, s); break;
    case XEN_ELFNOTE_GUEST_VERSION: elf_note_strcpy(img->guest_version, s); break;
    case XEN_ELFNOTE_LOADER: elf_note_strcpy(img->loader, s); break;
    case XEN_ELFNOTE_FEATURES:
        if (elf_parse_features(s, strlen(s), &want, &req))
            return elf_fail(c, -XEN_EINVAL, "FEATURES note requires an unknown feature");
        img->features_wanted |= want;
        img->features_required |= req;
        break;
    }
    return 0;
}

static void elf_note_num(struct elf_ctx *c, uint32_t type, uint64_t v)
{
    struct elf_image *img = c->img;

    switch (type) {
    case XEN_ELFNOTE_ENTRY: img->entry = v; break;
    case XEN_ELFNOTE_HYPERCALL_PAGE: img->hypercall_page = v; break;
    case XEN_ELFNOTE_VIRT_BASE: img->virt_base = v; break;
    case XEN_ELFNOTE_PADDR_OFFSET: img->paddr_offset = v; break;
    case XEN_ELFNOTE_INIT_P2M: img->init_p2m = v; break;
    case XEN_ELFNOTE_MOD_START_PFN: img->mod_start_pfn = v != 0; break;
    case XEN_ELFNOTE_SUPPORTED_FEATURES: img->supported_features |= (uint32_t)v; break;
    }
}

/* One "Xen" note whose descriptor [desc, desc + descsz) lies in the image. */
static int elf_xen_note(struct elf_ctx *c, uint32_t type, uint64_t desc, uint32_t descsz)
{
    const char *s = (const char *)c->img->data + desc;
    uint64_t v = 0;

    c->nr_xen_notes++;
    if (type > XEN_ELFNOTE_MAX || elf_note_types[type].kind == NOTE_IGNORED)
        return 0;
    c->have[type] = true;
    if (elf_note_types[type].kind == NOTE_STR) {
        if (strnlen(s, descsz) == descsz)
            return elf_fail(c, -XEN_EINVAL, "%s note is not NUL-terminated",
                            elf_note_types[type].name);
        return elf_note_str(c, type, s);
    }
    if (descsz != sizeof(uint8_t) && descsz != sizeof(uint16_t) &&
        descsz != sizeof(uint32_t) && descsz != sizeof(uint64_t))
        return elf_fail(c, -XEN_EINVAL, "%s note has a %u-byte value",
                        elf_note_types[type].name, descsz);
    elf_copy(c->img, desc, &v, descsz); /* little-endian, like the image */
    elf_note_num(c, type, v);
    return 0;
}

/* Walks the notes in [off, off + len), a range of the image; what names the container. */
static int elf_walk_notes(struct elf_ctx *c, uint64_t off, uint64_t len, const char *what,
                          unsigned idx)
{
    uint64_t end = off + len;
    struct elf64_nhdr nh;

    if (off % ELF_NOTE_ALIGN)
        return elf_fail(c, -XEN_EINVAL, "note %s %u is not 4-byte aligned", what, idx);
    while (off < end) {
        uint64_t name = off + sizeof(nh), namepad, desc;
        int rc;

        if (end - off < sizeof(nh))
            return elf_fail(c, -XEN_EINVAL, "truncated note in %s %u", what, idx);
        elf_copy(c->img, off, &nh, sizeof(nh));
        namepad = elf_align_up(nh.n_namesz, ELF_NOTE_ALIGN);
        if (namepad > end - name || nh.n_descsz > end - name - namepad)
            return elf_fail(c, -XEN_EINVAL, "truncated note in %s %u", what, idx);
        desc = name + namepad;
        off = desc + elf_align_up(nh.n_descsz, ELF_NOTE_ALIGN);
        /* The owner is the NUL-terminated string "Xen" (Xen compares strings, so a longer,
         * NUL-padded namesz is fine); the 4 bytes compared lie inside namesz. */
        if (nh.n_namesz < sizeof(XEN_ELFNOTE_NAME) ||
            memcmp(c->img->data + name, XEN_ELFNOTE_NAME, sizeof(XEN_ELFNOTE_NAME)))
            continue;
        rc = elf_xen_note(c, nh.n_type, desc, nh.n_descsz);
        if (rc)
            return rc;
    }
    return 0;
}

/* Notes come from PT_NOTE segments; SHT_NOTE sections are read only when the segments hold
 * no Xen note (Xen's order). A PT_NOTE at offset 0 is a binutils quirk Xen skips too. */
static int elf_collect_notes(struct elf_ctx *c)
{
    size_t size = c->img->size;
    struct elf64_phdr ph;
    struct elf64_shdr sh;
    int rc;

    for (unsigned i = 0; i < c->eh.e_phnum; i++) {
        elf_phdr(c, i, &ph);
        if (ph.p_type != PT_NOTE || ph.p_offset == 0)
            continue;
        if (!elf_range_ok(size, ph.p_offset, ph.p_filesz))
            return elf_fail(c, -XEN_EINVAL, "note segment %u extends past the end of the image", i);
        rc = elf_walk_notes(c, ph.p_offset, ph.p_filesz, "segment", i);
        if (rc)
            return rc;
    }
    for (unsigned i = 1; i < c->eh.e_shnum && c->nr_xen_notes == 0; i++) {
        elf_shdr(c, i, &sh);
        if (sh.sh_type != SHT_NOTE)
            continue;
        if (!elf_range_ok(size, sh.sh_offset, sh.sh_size))
            return elf_fail(c, -XEN_EINVAL, "note section %u extends past the end of the image", i);
        rc = elf_walk_notes(c, sh.sh_offset, sh.sh_size, "section", i);
        if (rc)
            return rc;
    }
    if (c->nr_xen_notes == 0)
        return elf_fail(c, -XEN_ENOEXEC, "no Xen ELF notes (not a Xen PV kernel)");
    return 0;
}

/* elf_xen_note_check: which loader and which Xen the kernel was built for. */
static int elf_check_notes(struct elf_ctx *c)
{
    static const char generic[] = "generic", linux_os[] = "linux", xen30[] = "xen-3.0";
    const struct elf_image *img = c->img;

    if (strncmp(img->loader, generic, sizeof(generic) - 1) &&
        strncmp(img->guest_os, linux_os, sizeof(linux_os) - 1))
        return elf_fail(c, -XEN_EINVAL, "LOADER note is not generic (and GUEST_OS is not linux)");
    if (strncmp(img->xen_version, xen30, sizeof(xen30) - 1))
        return elf_fail(c, -XEN_EINVAL, "XEN_VERSION note is not xen-3.0");
    if (c->have[XEN_ELFNOTE_PADDR_OFFSET] && !c->have[XEN_ELFNOTE_VIRT_BASE])
        return elf_fail(c, -XEN_EINVAL, "PADDR_OFFSET note without a VIRT_BASE note");
    if (img->features_required & ~ELF_KEEL_FEATURES) {
        unsigned bit = __builtin_ctz(img->features_required & ~ELF_KEEL_FEATURES);

        return elf_fail(c, -XEN_EINVAL, "kernel requires feature %s, which Keel does not offer",
                        elf_feature_name(bit));
    }
    return 0;
}

/* ---- Loadable segments and addresses. ----------------------------------------------------- */

/* va = paddr + virt_base - paddr_offset, exactly (no wrap), or false. */
static bool elf_load_va(const struct elf_image *img, uint64_t paddr, uint64_t *va)
{
    if (img->virt_base >= img->paddr_offset)
        return !__builtin_add_overflow(paddr, img->virt_base - img->paddr_offset, va);
    return !__builtin_sub_overflow(paddr, img->paddr_offset - img->virt_base, va);
}

/* Checks one PT_LOAD (program header i) and appends it to img->load. */
static int elf_add_segment(struct elf_ctx *c, unsigned i, const struct elf64_phdr *ph)
{
    struct elf_image *img = c->img;
    uint64_t va, end, last;

    if (ph->p_filesz > ph->p_memsz)
        return elf_fail(c, -XEN_EINVAL, "segment %u: file size exceeds memory size", i);
    if (!elf_range_ok(img->size, ph->p_offset, ph->p_filesz))
        return elf_fail(c, -XEN_EINVAL, "segment %u extends past the end of the image", i);
    if (img->nr_load == ELF_MAX_LOAD)
        return elf_fail(c, -XEN_EINVAL, "more than %u loadable segments", ELF_MAX_LOAD);
    if (!elf_load_va(img, ph->p_paddr, &va) || __builtin_add_overflow(va, ph->p_memsz, &end))
        return elf_fail(c, -XEN_EINVAL, "segment %u: load address overflows", i);
    last = ph->p_memsz ? end - 1 : va;
    if (!va_is_canonical(va) || !va_is_canonical(last))
        return elf_fail(c, -XEN_EINVAL, "segment %u: load range is not canonical", i);
    if (va < HYPERVISOR_VIRT_END && last >= HYPERVISOR_VIRT_START)
        return elf_fail(c, -XEN_EINVAL, "segment %u: load range touches the hypervisor area", i);
    c->phidx[img->nr_load] = (uint16_t)i;
    img->load[img->nr_load++] = (struct elf_load_seg){
        .va = va, .offset = ph->p_offset, .filesz = ph->p_filesz, .memsz = ph->p_memsz,
    };
    return 0;
}

/* Xen loads PT_LOAD segments with any of R/W/X set; the others it ignores, and so do we. */
static int elf_collect_segments(struct elf_ctx *c)
{
    struct elf64_phdr ph;
    int rc;

    for (unsigned i = 0; i < c->eh.e_phnum; i++) {
        elf_phdr(c, i, &ph);
        if (ph.p_type != PT_LOAD || !(ph.p_flags & (PF_R | PF_W | PF_X)))
            continue;
        rc = elf_add_segment(c, i, &ph);
        if (rc)
            return rc;
    }
    if (c->img->nr_load == 0)
        return elf_fail(c, -XEN_EINVAL, "no loadable segment");
    return 0;
}

/* Load ranges are pairwise disjoint; also sets virt_kstart/virt_kend. */
static int elf_check_overlap(struct elf_ctx *c)
{
    struct elf_image *img = c->img;

    img->virt_kstart = UINT64_MAX;
    for (unsigned i = 0; i < img->nr_load; i++) {
        const struct elf_load_seg *a = &img->load[i];

        for (unsigned j = i + 1; j < img->nr_load; j++) {
            const struct elf_load_seg *b = &img->load[j];

            if (a->memsz && b->memsz && a->va < b->va + b->memsz && b->va < a->va + a->memsz)
                return elf_fail(c, -XEN_EINVAL, "segments %u and %u overlap",
                                c->phidx[i], c->phidx[j]);
        }
        if (a->va < img->virt_kstart)
            img->virt_kstart = a->va;
        if (a->va + a->memsz > img->virt_kend)
            img->virt_kend = a->va + a->memsz;
    }
    return 0;
}

static bool elf_in_segment(const struct elf_image *img, uint64_t va)
{
    for (unsigned i = 0; i < img->nr_load; i++)
        if (va >= img->load[i].va && va - img->load[i].va < img->load[i].memsz)
            return true;
    return false;
}

/* elf_xen_addr_calc_check and the builder's HYPERCALL_PAGE check, made stricter: entry and
 * hypercall page must lie inside a segment, not merely between kstart and kend. */
static int elf_check_addresses(struct elf_ctx *c)
{
    struct elf_image *img = c->img;

    if (img->virt_base > img->virt_kstart)
        return elf_fail(c, -XEN_EINVAL, "VIRT_BASE lies above the lowest load address");
    if (!elf_in_segment(img, img->entry))
        return elf_fail(c, -XEN_EINVAL, "entry point 0x%lx is outside every loaded segment",
                        img->entry);
    if (img->has_hypercall_page && img->hypercall_page % XEN_PAGE_SIZE)
        return elf_fail(c, -XEN_EINVAL, "HYPERCALL_PAGE 0x%lx is not page aligned",
                        img->hypercall_page);
    if (img->has_hypercall_page && !elf_in_segment(img, img->hypercall_page))
        return elf_fail(c, -XEN_EINVAL, "HYPERCALL_PAGE 0x%lx is outside every loaded segment",
                        img->hypercall_page);
    if (img->has_init_p2m && img->init_p2m >= img->virt_kstart && img->init_p2m < img->virt_kend)
        return elf_fail(c, -XEN_EINVAL, "INIT_P2M lies inside the kernel image");
    return 0;
}

/* ---- Symbol table (optional: an unusable one is simply absent). --------------------------- */

static void elf_find_symtab(struct elf_ctx *c)
{
    struct elf_image *img = c->img;
    struct elf64_shdr sh, str;

    for (unsigned i = 1; i < c->eh.e_shnum; i++) {
        elf_shdr(c, i, &sh);
        if (sh.sh_type != SHT_SYMTAB || sh.sh_entsize != sizeof(struct elf64_sym))
            continue;
        if (sh.sh_link == 0 || sh.sh_link >= c->eh.e_shnum)
            continue;
        elf_shdr(c, sh.sh_link, &str);
        if (str.sh_type != SHT_STRTAB || !elf_range_ok(img->size, sh.sh_offset, sh.sh_size) ||
            !elf_range_ok(img->size, str.sh_offset, str.sh_size))
            continue;
        img->symtab = img->data + sh.sh_offset;
        img->nr_syms = sh.sh_size / sizeof(struct elf64_sym);
        img->strtab = (const char *)img->data + str.sh_offset;
        img->strtab_size = str.sh_size;
        return;
    }
}

/* ---- Public entry points. ----------------------------------------------------------------- */

int elf_parse(const void *data, size_t size, struct elf_image *img, const char **why)
{
    struct elf_ctx c = { .img = img };
    int rc;

    memset(img, 0, sizeof(*img));
    img->data = data;
    img->size = size;
    *why = NULL;
    rc = elf_check_header(&c);
    if (!rc)
        rc = elf_collect_notes(&c);
    if (!rc) {
        img->has_hypercall_page = c.have[XEN_ELFNOTE_HYPERCALL_PAGE];
        img->has_init_p2m = c.have[XEN_ELFNOTE_INIT_P2M];
        if (!c.have[XEN_ELFNOTE_ENTRY])
            img->entry = c.eh.e_entry;
        rc = elf_check_notes(&c);
    }
    if (!rc)
        rc = elf_collect_segments(&c);
    if (!rc)
        rc = elf_check_overlap(&c);
    if (!rc)
        rc = elf_check_addresses(&c);
    if (rc) {
        *why = img->reason;
        return rc;
    }
    elf_find_symtab(&c);
    return 0;
}

void elf_load(const struct elf_image *img,
              void (*write)(void *ctx, uint64_t va, const void *src, size_t n),
              void (*zero)(void *ctx, uint64_t va, size_t n), void *ctx)
{
    for (unsigned i = 0; i < img->nr_load; i++) {
        const struct elf_load_seg *s = &img->load[i];

        if (s->filesz)
            write(ctx, s->va, img->data + s->offset, s->filesz);
        if (s->memsz > s->filesz)
            zero(ctx, s->va + s->filesz, s->memsz - s->filesz);
    }
}

/* A name offset inside the string table whose string ends inside it too. */
static const char *elf_sym_name(const struct elf_image *img, uint32_t off)
{
    if (off >= img->strtab_size || strnlen(img->strtab + off, img->strtab_size - off) ==
                                   img->strtab_size - off)
        return NULL;
    return img->strtab + off;
}

const char *elf_symbolize(const struct elf_image *img, uint64_t va, uint64_t *off)
{
    const char *best = NULL;
    uint64_t best_value = 0;
    struct elf64_sym s;

    for (uint64_t i = 0; i < img->nr_syms; i++) {
        memcpy(&s, img->symtab + i * sizeof(s), sizeof(s));
        if ((s.st_info & ELF_ST_TYPE_MASK) != STT_FUNC || va < s.st_value ||
            va - s.st_value >= s.st_size || (best && s.st_value < best_value))
            continue;
        const char *name = elf_sym_name(img, s.st_name);

        if (name) {
            best = name;
            best_value = s.st_value;
        }
    }
    if (best)
        *off = va - best_value;
    return best;
}

/* ---- FEATURES strings. -------------------------------------------------------------------- */

/* Every XENFEAT name of abi/features.h, indexed by bit (Xen's libelf knows a subset). */
static const char *const elf_feature_names[] = {
    [XENFEAT_writable_page_tables] = "writable_page_tables",
    [XENFEAT_writable_descriptor_tables] = "writable_descriptor_tables",
    [XENFEAT_auto_translated_physmap] = "auto_translated_physmap",
    [XENFEAT_supervisor_mode_kernel] = "supervisor_mode_kernel",
    [XENFEAT_pae_pgdir_above_4gb] = "pae_pgdir_above_4gb",
    [XENFEAT_mmu_pt_update_preserve_ad] = "mmu_pt_update_preserve_ad",
    [XENFEAT_highmem_assist] = "highmem_assist",
    [XENFEAT_gnttab_map_avail_bits] = "gnttab_map_avail_bits",
    [XENFEAT_hvm_callback_vector] = "hvm_callback_vector",
    [XENFEAT_hvm_safe_pvclock] = "hvm_safe_pvclock",
    [XENFEAT_hvm_pirqs] = "hvm_pirqs",
    [XENFEAT_dom0] = "dom0",
    [XENFEAT_memory_op_vnode_supported] = "memory_op_vnode_supported",
    [XENFEAT_ARM_SMCCC_supported] = "ARM_SMCCC_supported",
    [XENFEAT_linux_rsdp_unrestricted] = "linux_rsdp_unrestricted",
    [XENFEAT_not_direct_mapped] = "not_direct_mapped",
    [XENFEAT_direct_mapped] = "direct_mapped",
};
_Static_assert(ARRAY_SIZE(elf_feature_names) <= sizeof(uint32_t) * 8 * XENFEAT_NR_SUBMAPS,
               "feature bits fit the submaps");

const char *elf_feature_name(unsigned n)
{
    return n < ARRAY_SIZE(elf_feature_names) ? elf_feature_names[n] : NULL;
}

/* The bit named by [s, s + len), or -1. */
static int elf_feature_bit(const char *s, size_t len)
{
    for (unsigned i = 0; i < ARRAY_SIZE(elf_feature_names); i++) {
        const char *name = elf_feature_names[i];

        if (name && strlen(name) == len && !memcmp(name, s, len))
            return (int)i;
    }
    return -1;
}

int elf_parse_features(const char *s, size_t len, uint32_t *wanted, uint32_t *required)
{
    size_t pos = 0;

    len = strnlen(s, len);
    while (pos < len) {
        size_t tok = pos;
        bool req = s[pos] == '!';
        int bit;

        while (tok < len && s[tok] != '|')
            tok++;
        bit = elf_feature_bit(s + pos + req, tok - pos - req);
        if (bit < 0 && req)
            return -XEN_EINVAL;
        if (bit >= 0) {
            *wanted |= 1U << bit;
            if (req)
                *required |= 1U << bit;
        }
        pos = tok + 1;
    }
    return 0;
}
