/* Multiboot2 boot information: a bounds-checked walk over the loader's tag list into struct
 * boot_info, and the usable-RAM computation over the resulting memory map. Invariant: no byte
 * outside [info, info + total_size) is ever read, and total_size <= avail is checked first. */
#include "hv/mb2.h"

/* Tag types (Multiboot2 specification, section 3.6); MB2_TAG_TYPES bounds the table. */
enum mb2_tag_type {
    MB2_TAG_END = 0, MB2_TAG_CMDLINE = 1, MB2_TAG_LOADER = 2, MB2_TAG_MODULE = 3,
    MB2_TAG_MMAP = 6, MB2_TAG_FRAMEBUFFER = 8, MB2_TAG_EFI32 = 11, MB2_TAG_EFI64 = 12,
    MB2_TAG_ACPI_OLD = 14, MB2_TAG_ACPI_NEW = 15, MB2_TAG_EFI_MMAP = 17, MB2_TAG_TYPES
};

#define MB2_ALIGN 8u                /* the information and every tag are 8-byte aligned */
#define MB2_FB_EGA_TEXT 2u          /* framebuffer_type of an EGA text console */
#define MB2_MMAP_ENTRY_MIN 24u      /* base, length, type, reserved */

#define RSDP_V1_LEN 20u             /* ACPI 1.0 RSDP */
#define RSDP_V2_LEN 36u             /* ACPI 2.0+ XSDP */
#define RSDP_REV_V2 2u
static const char rsdp_signature[] = "RSD PTR ";
#define EFI_PAGE_SHIFT 12
#define EFI_DESC_MIN 40u            /* EFI_MEMORY_DESCRIPTOR up to its Attribute field */

/* EFI memory types (UEFI specification, EFI_MEMORY_TYPE). */
enum efi_mem_type {
    EFI_RESERVED, EFI_LOADER_CODE, EFI_LOADER_DATA, EFI_BOOT_CODE, EFI_BOOT_DATA,
    EFI_RUNTIME_CODE, EFI_RUNTIME_DATA, EFI_CONVENTIONAL, EFI_UNUSABLE, EFI_ACPI_RECLAIM,
    EFI_ACPI_NVS,
};

/* Below 1 MiB live the real-mode IVT, BIOS data and firmware tables: never usable. At 2^52
 * ends the architectural physical address space; a map claiming more is clipped there. */
#define MB2_LOW_LIMIT 0x100000ull
#define MB2_PADDR_LIMIT (1ull << 52)

struct mb2_tag { uint32_t type, size; };
struct mb2_tag_module { uint32_t type, size, mod_start, mod_end; };
struct mb2_tag_mmap { uint32_t type, size, entry_size, entry_version; };
struct mb2_mmap_entry { uint64_t base, len; uint32_t type, reserved; };
struct mb2_tag_fb { uint32_t type, size; uint64_t addr; uint32_t pitch, width, height;
                    uint8_t bpp, fb_type; };
struct efi_mem_desc { uint32_t type, pad; uint64_t phys, virt, pages, attr; };

_Static_assert(sizeof(struct mb2_tag) == 8, "multiboot2 tag header");
_Static_assert(sizeof(struct mb2_tag_module) == 16, "module tag before its string");
_Static_assert(sizeof(struct mb2_tag_mmap) == 16, "mmap tag before its entries");
_Static_assert(sizeof(struct mb2_mmap_entry) == MB2_MMAP_ENTRY_MIN, "mmap entry");
_Static_assert(offsetof(struct mb2_tag_fb, fb_type) == 29, "framebuffer_type offset");
_Static_assert(sizeof(struct efi_mem_desc) == EFI_DESC_MIN, "EFI memory descriptor");

#define MB2_SEEN(t) (1u << (t))     /* mb2_parser.seen bit of a tag allowed once */

struct mb2_parser {
    const uint8_t *base;
    uint32_t total;
    struct boot_info *bi;
    const char *why;
    uint32_t seen;
    bool map_from_mmap_tag;         /* bi->mmap holds tag 6 entries */
};

typedef int (*mb2_tag_fn)(struct mb2_parser *ps, const uint8_t *tag, uint32_t size);

static int mb2_fail(struct mb2_parser *ps, int err, const char *why)
{
    ps->why = why;
    return err;
}

/* Copies the fixed part of a tag into a local after checking the tag holds it. */
static int mb2_read_fixed(struct mb2_parser *ps, const uint8_t *tag, uint32_t size, void *dst,
                          size_t len, const char *why)
{
    if (size < len)
        return mb2_fail(ps, -XEN_EINVAL, why);
    memcpy(dst, tag, len);
    return 0;
}

/* A string at tag + off must end with a NUL inside the tag. */
static int mb2_tag_string(struct mb2_parser *ps, const uint8_t *tag, uint32_t size,
                          uint32_t off, const char **out)
{
    const char *s = (const char *)tag + off;

    if (off >= size || strnlen(s, size - off) == size - off)
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: unterminated string in tag");
    *out = s;
    return 0;
}

static int mb2_once(struct mb2_parser *ps, uint32_t type)
{
    if (ps->seen & MB2_SEEN(type))
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: duplicate tag");
    ps->seen |= MB2_SEEN(type);
    return 0;
}

/* Tags 1 (boot command line) and 2 (boot loader name): one string each. */
static int mb2_tag_text(struct mb2_parser *ps, const uint8_t *tag, uint32_t size)
{
    struct mb2_tag h;
    int rc;

    memcpy(&h, tag, sizeof(h));
    rc = mb2_once(ps, h.type);
    return rc ? rc : mb2_tag_string(ps, tag, size, sizeof(h), h.type == MB2_TAG_CMDLINE ?
                                    &ps->bi->cmdline : &ps->bi->loader);
}

static int mb2_tag_module(struct mb2_parser *ps, const uint8_t *tag, uint32_t size)
{
    struct boot_info *bi = ps->bi;
    struct mb2_tag_module m;
    const char *cmdline;
    int rc = mb2_read_fixed(ps, tag, size, &m, sizeof(m), "multiboot2: module tag too small");

    if (rc == 0)
        rc = mb2_tag_string(ps, tag, size, sizeof(m), &cmdline);
    if (rc)
        return rc;
    if (m.mod_start > m.mod_end)
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: module starts after its end");
    if (bi->nr_mods == MB2_MAX_MODULES)
        return mb2_fail(ps, -XEN_ENOSPC, "multiboot2: too many modules");
    bi->mods[bi->nr_mods++] = (struct mb2_module){ m.mod_start, m.mod_end, cmdline };
    return 0;
}

/* Adds one memory region (when store), merging it into the previous one when it continues
 * it with the same type: EFI maps list many adjacent runs that all become "available". */
static int mb2_add_region(struct mb2_parser *ps, uint64_t base, uint64_t len, uint32_t type,
                          bool store)
{
    struct boot_info *bi = ps->bi;
    struct mb2_region *last = bi->nr_mmap ? &bi->mmap[bi->nr_mmap - 1] : NULL;

    if (base + len < base)
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: memory region wraps around");
    if (len == 0 || !store)
        return 0;
    if (last && last->type == type && last->base + last->len == base) {
        last->len += len;
        return 0;
    }
    if (bi->nr_mmap == MB2_MAX_MMAP)
        return mb2_fail(ps, -XEN_ENOSPC, "multiboot2: too many memory map entries");
    bi->mmap[bi->nr_mmap++] = (struct mb2_region){ base, len, type };
    return 0;
}

/* Types 1, 3, 4 and 5 are defined; every other value means reserved. */
static uint32_t mb2_mmap_type(uint32_t t)
{
    bool known = t == MB2_MEM_AVAILABLE || t == MB2_MEM_ACPI_RECLAIMABLE ||
                 t == MB2_MEM_NVS || t == MB2_MEM_BADRAM;

    return known ? t : MB2_MEM_RESERVED;
}

/* Tag 6 is preferred: it replaces entries an earlier EFI map (tag 17) supplied. */
static int mb2_tag_mmap(struct mb2_parser *ps, const uint8_t *tag, uint32_t size)
{
    struct mb2_tag_mmap h;
    int rc = mb2_once(ps, MB2_TAG_MMAP);

    if (rc == 0)
        rc = mb2_read_fixed(ps, tag, size, &h, sizeof(h), "multiboot2: mmap tag too small");
    if (rc)
        return rc;
    if (h.entry_size < MB2_MMAP_ENTRY_MIN || h.entry_size % MB2_ALIGN != 0)
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: bad mmap entry_size");
    ps->bi->nr_mmap = 0;
    ps->bi->mmap_from_efi = false;
    ps->map_from_mmap_tag = true;
    for (uint32_t off = sizeof(h); size - off >= h.entry_size && rc == 0; off += h.entry_size) {
        struct mb2_mmap_entry e;

        memcpy(&e, tag + off, sizeof(e));
        rc = mb2_add_region(ps, e.base, e.len, mb2_mmap_type(e.type), true);
    }
    return rc;
}

static uint32_t mb2_efi_type(uint32_t t)
{
    switch (t) {
    case EFI_LOADER_CODE: case EFI_LOADER_DATA: case EFI_BOOT_CODE: case EFI_BOOT_DATA:
    case EFI_CONVENTIONAL:
        return MB2_MEM_AVAILABLE;
    case EFI_ACPI_RECLAIM:
        return MB2_MEM_ACPI_RECLAIMABLE;
    case EFI_ACPI_NVS:
        return MB2_MEM_NVS;
    case EFI_UNUSABLE:
        return MB2_MEM_BADRAM;
    default:
        return MB2_MEM_RESERVED;
    }
}

/* Tag 17 is checked in full but kept only when no tag 6 map was given. */
static int mb2_tag_efi_mmap(struct mb2_parser *ps, const uint8_t *tag, uint32_t size)
{
    struct mb2_tag_mmap h;          /* same shape: descr_size, descr_vers */
    bool store = !ps->map_from_mmap_tag;
    int rc = mb2_once(ps, MB2_TAG_EFI_MMAP);

    if (rc == 0)
        rc = mb2_read_fixed(ps, tag, size, &h, sizeof(h), "multiboot2: EFI mmap tag too small");
    if (rc)
        return rc;
    if (h.entry_size < EFI_DESC_MIN || h.entry_size % MB2_ALIGN != 0)
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: bad EFI descriptor size");
    ps->bi->mmap_from_efi = store;
    for (uint32_t off = sizeof(h); size - off >= h.entry_size && rc == 0; off += h.entry_size) {
        struct efi_mem_desc d;

        memcpy(&d, tag + off, sizeof(d));
        if (d.pages > UINT64_MAX >> EFI_PAGE_SHIFT)
            return mb2_fail(ps, -XEN_EINVAL, "multiboot2: EFI descriptor too large");
        rc = mb2_add_region(ps, d.phys, d.pages << EFI_PAGE_SHIFT, mb2_efi_type(d.type), store);
    }
    return rc;
}

static int mb2_tag_framebuffer(struct mb2_parser *ps, const uint8_t *tag, uint32_t size)
{
    struct mb2_tag_fb fb;
    size_t need = offsetof(struct mb2_tag_fb, fb_type) + sizeof(fb.fb_type);
    int rc = mb2_read_fixed(ps, tag, size, &fb, need, "multiboot2: framebuffer tag too small");

    if (rc == 0)
        ps->bi->vga_text = fb.fb_type == MB2_FB_EGA_TEXT;
    return rc;
}

/* Tag 11 holds a 32-bit pointer, tag 12 a 64-bit one; only their presence matters here. */
static int mb2_tag_efi(struct mb2_parser *ps, const uint8_t *tag, uint32_t size)
{
    struct mb2_tag h;

    memcpy(&h, tag, sizeof(h));
    if (size < sizeof(h) + (h.type == MB2_TAG_EFI32 ? sizeof(uint32_t) : sizeof(uint64_t)))
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: EFI system table tag too small");
    ps->bi->efi = true;
    return 0;
}

/* Tags 14/15 carry a copy of the RSDP; the ACPI 2.0 one wins over the 1.0 one. */
static int mb2_tag_acpi(struct mb2_parser *ps, const uint8_t *tag, uint32_t size)
{
    struct boot_info *bi = ps->bi;
    struct mb2_tag h;
    const uint8_t *rsdp = tag + sizeof(h);
    uint32_t need;

    memcpy(&h, tag, sizeof(h));
    need = h.type == MB2_TAG_ACPI_NEW ? RSDP_V2_LEN : RSDP_V1_LEN;
    if (size - sizeof(h) < need)
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: ACPI RSDP tag too small");
    if (memcmp(rsdp, rsdp_signature, sizeof(rsdp_signature) - 1) != 0)
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: bad ACPI RSDP signature");
    if (h.type == MB2_TAG_ACPI_OLD && bi->rsdp_revision == RSDP_REV_V2)
        return 0;
    bi->rsdp = rsdp;
    bi->rsdp_len = size - sizeof(h);
    bi->rsdp_revision = h.type == MB2_TAG_ACPI_NEW ? RSDP_REV_V2 : 0;
    return 0;
}

static const mb2_tag_fn mb2_tag_table[MB2_TAG_TYPES] = {
    [MB2_TAG_CMDLINE] = mb2_tag_text,
    [MB2_TAG_LOADER] = mb2_tag_text,
    [MB2_TAG_MODULE] = mb2_tag_module,
    [MB2_TAG_MMAP] = mb2_tag_mmap,
    [MB2_TAG_FRAMEBUFFER] = mb2_tag_framebuffer,
    [MB2_TAG_EFI32] = mb2_tag_efi,
    [MB2_TAG_EFI64] = mb2_tag_efi,
    [MB2_TAG_ACPI_OLD] = mb2_tag_acpi,
    [MB2_TAG_ACPI_NEW] = mb2_tag_acpi,
    [MB2_TAG_EFI_MMAP] = mb2_tag_efi_mmap,
};

/* Walks the tags from just after the fixed header to the end tag. Each tag's header is
 * checked to lie inside total_size before it is read, and its body before it is parsed. */
static int mb2_walk(struct mb2_parser *ps)
{
    uint32_t off = sizeof(struct mb2_tag);      /* total_size, reserved */

    for (;;) {
        struct mb2_tag t;
        uint64_t next;
        int rc;

        if (ps->total - off < sizeof(t))
            return mb2_fail(ps, -XEN_EINVAL, "multiboot2: no end tag");
        memcpy(&t, ps->base + off, sizeof(t));
        if (t.size < sizeof(t))
            return mb2_fail(ps, -XEN_EINVAL, "multiboot2: tag size too small");
        if (t.size > ps->total - off)
            return mb2_fail(ps, -XEN_EINVAL, "multiboot2: tag runs past the end");
        if (t.type == MB2_TAG_END)
            return t.size == sizeof(t) ? 0 : mb2_fail(ps, -XEN_EINVAL, "multiboot2: bad end tag");
        if (t.type < MB2_TAG_TYPES && mb2_tag_table[t.type]) {
            rc = mb2_tag_table[t.type](ps, ps->base + off, t.size);
            if (rc)
                return rc;
        }
        next = (uint64_t)off + ((t.size + MB2_ALIGN - 1) & ~(MB2_ALIGN - 1));
        if (next > ps->total)
            return mb2_fail(ps, -XEN_EINVAL, "multiboot2: no end tag");
        off = (uint32_t)next;
    }
}

static int mb2_check_header(struct mb2_parser *ps, size_t avail, paddr_t info_pa)
{
    uint32_t total;

    if (avail < 2 * sizeof(struct mb2_tag))
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: information smaller than 16 bytes");
    if (info_pa % MB2_ALIGN != 0)
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: information not 8-byte aligned");
    memcpy(&total, ps->base, sizeof(total));
    if (total < 2 * sizeof(struct mb2_tag))
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: total_size smaller than 16");
    if (total > avail)
        return mb2_fail(ps, -XEN_EINVAL, "multiboot2: total_size beyond the readable area");
    ps->total = total;
    return 0;
}

static void mb2_defaults(struct boot_info *bi, paddr_t info_pa)
{
    memset(bi, 0, sizeof(*bi));
    bi->cmdline = "";
    bi->loader = "";
    bi->vga_text = true;
    bi->info_start = info_pa;
    bi->info_end = info_pa;
}

int mb2_parse(const void *info, size_t avail, paddr_t info_pa, struct boot_info *bi,
              const char **why)
{
    struct mb2_parser ps = { .base = info, .bi = bi };
    int rc;

    if (info == NULL || bi == NULL)
        rc = mb2_fail(&ps, -XEN_EINVAL, "multiboot2: no information");
    else {
        mb2_defaults(bi, info_pa);
        rc = mb2_check_header(&ps, avail, info_pa);
    }
    if (rc == 0)
        rc = mb2_walk(&ps);
    if (rc == 0 && bi->nr_mmap == 0)
        rc = mb2_fail(&ps, -XEN_EINVAL, "multiboot2: no memory map");
    if (rc == 0)
        bi->info_end = info_pa + ps.total;
    if (why)
        *why = ps.why;
    return rc;
}

/* ---- Usable RAM ------------------------------------------------------------------------
 * A sweep over every edge (region and reserved-range boundaries, 1 MiB, 2^52) in increasing
 * order. Between two consecutive edges nothing changes, so each such segment is either wholly
 * usable (inside an available region, outside every other region and reserved range) or not.
 * Usable segments that touch are joined, and each joined range is shrunk to whole pages. This
 * needs no scratch memory; with a few hundred regions the quadratic cost is negligible. */
struct mb2_sweep {
    const struct boot_info *bi;
    const struct mem_range *res;
    unsigned nr_res;
    struct mem_range *out;
    unsigned max;
    unsigned count;                 /* ranges found, stored or not */
    bool open;                      /* cur is being extended */
    struct mem_range cur;
};

static uint64_t mb2_region_end(const struct mb2_region *r)
{
    return r->base + r->len < r->base ? UINT64_MAX : r->base + r->len;
}

/* Lowers *best to edge if edge lies between x and it. */
static void mb2_edge(uint64_t *best, uint64_t edge, uint64_t x)
{
    if (edge > x && edge < *best)
        *best = edge;
}

/* The smallest edge above x, or x itself when there is none. */
static uint64_t mb2_next_edge(const struct mb2_sweep *sw, uint64_t x)
{
    uint64_t best = x < MB2_LOW_LIMIT ? MB2_LOW_LIMIT : x < MB2_PADDR_LIMIT ? MB2_PADDR_LIMIT : x;

    for (unsigned i = 0; i < sw->bi->nr_mmap; i++) {
        mb2_edge(&best, sw->bi->mmap[i].base, x);
        mb2_edge(&best, mb2_region_end(&sw->bi->mmap[i]), x);
    }
    for (unsigned i = 0; i < sw->nr_res; i++) {
        mb2_edge(&best, sw->res[i].start, x);
        mb2_edge(&best, sw->res[i].end, x);
    }
    return best;
}

/* Whether the point x (and so its whole segment) is usable. */
static bool mb2_is_usable_at(const struct mb2_sweep *sw, uint64_t x)
{
    bool avail = false;

    if (x < MB2_LOW_LIMIT || x >= MB2_PADDR_LIMIT)
        return false;
    for (unsigned i = 0; i < sw->bi->nr_mmap; i++) {
        const struct mb2_region *r = &sw->bi->mmap[i];

        if (x < r->base || x >= mb2_region_end(r))
            continue;
        if (r->type != MB2_MEM_AVAILABLE)
            return false;           /* whatever else claims a byte wins over "available" */
        avail = true;
    }
    for (unsigned i = 0; i < sw->nr_res; i++) {
        if (x >= sw->res[i].start && x < sw->res[i].end)
            return false;
    }
    return avail;
}

static void mb2_sweep_close(struct mb2_sweep *sw)
{
    uint64_t start = (sw->cur.start + PAGE_SIZE - 1) & PAGE_MASK;
    uint64_t end = sw->cur.end & PAGE_MASK;

    sw->open = false;
    if (start >= end)
        return;
    if (sw->count < sw->max)
        sw->out[sw->count] = (struct mem_range){ start, end };
    sw->count++;
}

static void mb2_sweep_segment(struct mb2_sweep *sw, uint64_t x, uint64_t next)
{
    if (!mb2_is_usable_at(sw, x)) {
        if (sw->open)
            mb2_sweep_close(sw);
        return;
    }
    if (!sw->open)
        sw->cur.start = x;
    sw->cur.end = next;
    sw->open = true;
}

/* Pairs of memory-map regions sharing at least one byte, whatever their types. */
static unsigned mb2_count_overlaps(const struct boot_info *bi)
{
    unsigned n = 0;

    for (unsigned i = 0; i < bi->nr_mmap; i++) {
        for (unsigned j = i + 1; j < bi->nr_mmap; j++) {
            const struct mb2_region *a = &bi->mmap[i], *b = &bi->mmap[j];

            if (a->len && b->len && a->base < mb2_region_end(b) && b->base < mb2_region_end(a))
                n++;
        }
    }
    return n;
}

int mb2_usable_ranges(const struct boot_info *bi, const struct mem_range *reserved,
                      unsigned nr_reserved, struct mem_range *out, unsigned max,
                      unsigned *overlaps)
{
    struct mb2_sweep sw = { .bi = bi, .res = reserved, .nr_res = nr_reserved,
                            .out = out, .max = max };

    if (bi == NULL || bi->nr_mmap > MB2_MAX_MMAP || (nr_reserved && reserved == NULL) ||
        (max && out == NULL))
        return -XEN_EINVAL;
    for (unsigned i = 0; i < nr_reserved; i++) {
        if (reserved[i].start > reserved[i].end)
            return -XEN_EINVAL;
    }
    for (uint64_t x = 0, next; (next = mb2_next_edge(&sw, x)) != x; x = next)
        mb2_sweep_segment(&sw, x, next);
    if (sw.open)
        mb2_sweep_close(&sw);
    if (overlaps)
        *overlaps = mb2_count_overlaps(bi);
    return sw.count > max ? -XEN_ENOSPC : (int)sw.count;
}
