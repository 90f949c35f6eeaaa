/* Host tests of hv/elf.c: a small valid PV kernel image is built in memory (glibc's <elf.h>
 * layouts, so the parser's own structs are checked independently), then each table row breaks
 * one thing and expects elf_parse to refuse it with its reason. Run under ASan/UBSan.
 * Usage: test_elf [pvguest.elf]    or: test_elf --seed FILE  (writes the valid image, for the
 * fuzzer's corpus, and exits) */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "abi/arch_x86.h"
#include "abi/elfnote.h"
#include "abi/errno.h"
#include "hv/elf.h"
#include "tests/unit/elf_build.h"

typedef void (*post_fn)(struct spec *s, uint8_t *buf);

/* Parses s's image (post, if any, edits the bytes) from a heap copy of exactly s->size bytes,
 * so ASan sees any read past the end. */
static int parse_post(struct spec *s, post_fn post, struct elf_image *img, const char **why,
                      uint8_t **copy)
{
    static uint8_t buf[BUF_SIZE];

    build(s, buf);
    if (post)
        post(s, buf);
    *copy = malloc(s->size ? s->size : 1);
    assert_non_null(*copy);
    memcpy(*copy, buf, s->size);
    return elf_parse(*copy, s->size, img, why);
}

static int parse(struct spec *s, struct elf_image *img, const char **why, uint8_t **copy)
{
    return parse_post(s, NULL, img, why, copy);
}

/* ---- The valid image, field by field. ---------------------------------------------------- */

static void test_valid_image(void **state)
{
    struct spec s;
    struct elf_image img;
    const char *why = "unset";
    uint8_t *copy;

    (void)state;
    spec_default(&s);
    assert_int_equal(parse(&s, &img, &why, &copy), 0);
    assert_null(why);
    assert_int_equal(img.entry, ENTRY_VA);
    assert_int_equal(img.virt_base, VBASE);
    assert_int_equal(img.paddr_offset, 0);
    assert_int_equal(img.virt_kstart, TEXT_VA);
    assert_int_equal(img.virt_kend, DATA_VA + DATA_MEMSZ);
    assert_true(img.has_hypercall_page);
    assert_int_equal(img.hypercall_page, HCALL_VA);
    assert_true(img.has_init_p2m);
    assert_int_equal(img.init_p2m, P2M_VA);
    assert_true(img.mod_start_pfn);
    assert_int_equal(img.features_wanted, (1U << XENFEAT_dom0) | (1U << XENFEAT_pae_pgdir_above_4gb) |
                                          (1U << XENFEAT_writable_descriptor_tables));
    assert_int_equal(img.features_required, 1U << XENFEAT_pae_pgdir_above_4gb);
    assert_int_equal(img.supported_features, 1U << XENFEAT_dom0);
    assert_string_equal(img.guest_os, "keeltest");
    assert_string_equal(img.guest_version, "1.0");
    assert_string_equal(img.xen_version, "xen-3.0");
    assert_string_equal(img.loader, "generic");
    assert_int_equal(img.nr_load, 2);
    assert_int_equal(img.load[0].va, TEXT_VA);
    assert_int_equal(img.load[0].offset, TEXT_OFF);
    assert_int_equal(img.load[1].va, DATA_VA);
    assert_int_equal(img.load[1].filesz, DATA_FILESZ);
    assert_int_equal(img.load[1].memsz, DATA_MEMSZ);
    assert_int_equal(img.nr_syms, NR_SYM);
    free(copy);
}

/* ---- One broken thing per row. ------------------------------------------------------------ */

static void bad_magic(struct spec *s) { s->eh.e_ident[EI_MAG3] = 'G'; }
static void class32(struct spec *s) { s->eh.e_ident[EI_CLASS] = ELFCLASS32; }
static void big_endian(struct spec *s) { s->eh.e_ident[EI_DATA] = ELFDATA2MSB; }
static void machine_386(struct spec *s) { s->eh.e_machine = EM_386; }
static void type_dyn(struct spec *s) { s->eh.e_type = ET_DYN; }
static void tiny(struct spec *s) { s->size = sizeof(Elf64_Ehdr) - 1; }
static void phentsize(struct spec *s) { s->eh.e_phentsize = sizeof(Elf32_Phdr); }
static void phdr_oob(struct spec *s) { s->eh.e_phoff = IMG_SIZE - sizeof(Elf64_Phdr); }
static void phnum_huge(struct spec *s) { s->eh.e_phnum = UINT16_MAX; }
static void phoff_wrap(struct spec *s) { s->eh.e_phoff = UINT64_MAX - sizeof(Elf64_Phdr); }
static void shdr_oob(struct spec *s) { s->eh.e_shoff = IMG_SIZE - sizeof(Elf64_Shdr); }
static void shentsize(struct spec *s) { s->eh.e_shentsize = sizeof(Elf32_Shdr); }
static void seg_oob(struct spec *s) { s->ph[PH_DATA].p_filesz = s->ph[PH_DATA].p_memsz = IMG_SIZE; }
static void seg_off_wrap(struct spec *s) { s->ph[PH_DATA].p_offset = UINT64_MAX - 0x10; }
static void filesz_big(struct spec *s) { s->ph[PH_DATA].p_memsz = DATA_FILESZ - 1; }
static void overlap(struct spec *s) { s->ph[PH_DATA].p_paddr = TEXT_PADDR + TEXT_SIZE - 1; }
static void vbase(struct spec *s, uint64_t v) { note_u64(s, XEN_ELFNOTE_VIRT_BASE, v); }
static void hv_range(struct spec *s) { vbase(s, HYPERVISOR_VIRT_START); }
static void hv_range_end(struct spec *s) { vbase(s, HYPERVISOR_VIRT_END - TEXT_PADDR - 1); }
static void noncanon_start(struct spec *s) { vbase(s, (1UL << 47) - TEXT_PADDR); }
static void noncanon_end(struct spec *s) { vbase(s, (1UL << 47) - TEXT_PADDR - 0x1000); }
static void paddr_overflow(struct spec *s) { s->ph[PH_TEXT].p_paddr = 1UL << 56; }
static void end_overflow(struct spec *s) { vbase(s, UINT64_MAX - TEXT_PADDR - 0x1000 + 1); }
static void no_note_phdr(struct spec *s) { s->ph[PH_NOTE].p_type = PT_NULL; }
static void note_phdr_at_0(struct spec *s) { s->ph[PH_NOTE].p_offset = 0; }
static void misaligned_note(struct spec *s) { s->ph[PH_NOTE].p_offset = NOTE_OFF + 1; }
static void xen_v2(struct spec *s) { note_str(s, XEN_ELFNOTE_XEN_VERSION, "xen-2.0"); }
static void no_xen_v(struct spec *s) { note_del(s, XEN_ELFNOTE_XEN_VERSION); }
static void loader_elf(struct spec *s) { note_str(s, XEN_ELFNOTE_LOADER, "elf"); }
static void no_loader(struct spec *s) { note_del(s, XEN_ELFNOTE_LOADER); }
static void unterminated(struct spec *s) { note_raw(s, XEN_ELFNOTE_GUEST_OS, "abcd", 4); }
static void empty_str(struct spec *s) { note_raw(s, XEN_ELFNOTE_GUEST_OS, "", 0); }
static void num3(struct spec *s) { note_raw(s, XEN_ELFNOTE_ENTRY, "\1\2\3", 3); }
static void entry_low(struct spec *s) { note_u64(s, XEN_ELFNOTE_ENTRY, VBASE); }
static void entry_kend(struct spec *s) { note_u64(s, XEN_ELFNOTE_ENTRY, DATA_VA + DATA_MEMSZ); }
static void hc_misaligned(struct spec *s) { note_u64(s, XEN_ELFNOTE_HYPERCALL_PAGE, HCALL_VA + 8); }
static void hc_outside(struct spec *s) { note_u64(s, XEN_ELFNOTE_HYPERCALL_PAGE, VBASE); }
static void hc_absent(struct spec *s) { note_del(s, XEN_ELFNOTE_HYPERCALL_PAGE); }
static void no_vbase(struct spec *s) { note_del(s, XEN_ELFNOTE_VIRT_BASE); }
static void p2m_inside(struct spec *s) { note_u64(s, XEN_ELFNOTE_INIT_P2M, TEXT_VA); }
static void vbase_high(struct spec *s) { note_u64(s, XEN_ELFNOTE_PADDR_OFFSET, TEXT_PADDR + 1); }
static void feat(struct spec *s, const char *f) { note_str(s, XEN_ELFNOTE_FEATURES, f); }
static void feat_unknown_req(struct spec *s) { feat(s, "dom0|!frobnicate"); }
static void feat_unknown_opt(struct spec *s) { feat(s, "frobnicate|dom0"); }
static void feat_wpt(struct spec *s) { feat(s, "!writable_page_tables"); }
static void no_symtab(struct spec *s) { s->sh[SH_SYMTAB].sh_link = UINT32_MAX; }
static void symtab_to_note(struct spec *s) { s->sh[SH_SYMTAB].sh_link = SH_NOTE; }
static void no_sections(struct spec *s) { s->eh.e_shnum = 0; s->eh.e_shoff = 0; }

static void no_notes(struct spec *s)
{
    no_note_phdr(s);
    s->sh[SH_NOTE].sh_type = SHT_PROGBITS;
}

static void not_xen_named(struct spec *s)
{
    for (unsigned i = 0; i < s->nr_notes; i++)
        s->notes[i].name = "Xem";
}

/* Xen compares the owner as a string: "Xen" NUL-padded to 8 bytes is still "Xen". */
static void padded_owner(struct spec *s) { note_slot(s, XEN_ELFNOTE_XEN_VERSION)->namesz = 8; }
static void owner_xenx(struct spec *s) { note_slot(s, XEN_ELFNOTE_XEN_VERSION)->name = "XenX"; }

static void hv_end_ok(struct spec *s)
{
    vbase(s, HYPERVISOR_VIRT_END - TEXT_PADDR);
    note_u64(s, XEN_ELFNOTE_ENTRY, HYPERVISOR_VIRT_END);
    note_u64(s, XEN_ELFNOTE_HYPERCALL_PAGE, HYPERVISOR_VIRT_END);
}

static void linux_loader(struct spec *s)
{
    loader_elf(s);
    note_str(s, XEN_ELFNOTE_GUEST_OS, "linux");
}

static void e_entry_used(struct spec *s)
{
    note_del(s, XEN_ELFNOTE_ENTRY);
    s->eh.e_entry = TEXT_VA + 0x20;
}

static void e_entry_bad(struct spec *s)
{
    note_del(s, XEN_ELFNOTE_ENTRY);
    s->eh.e_entry = 0;
}

static void underflow(struct spec *s)
{
    vbase(s, 0);
    note_u64(s, XEN_ELFNOTE_PADDR_OFFSET, TEXT_PADDR + 1);
}

/* VIRT_BASE and PADDR_OFFSET both absent: both default to 0 and VA = p_paddr. */
static void no_offsets(struct spec *s)
{
    note_del(s, XEN_ELFNOTE_VIRT_BASE);
    note_del(s, XEN_ELFNOTE_PADDR_OFFSET);
    note_u64(s, XEN_ELFNOTE_ENTRY, TEXT_PADDR);
    note_u64(s, XEN_ELFNOTE_HYPERCALL_PAGE, TEXT_PADDR);
}

/* Old kernels: p_paddr holds the VA and PADDR_OFFSET = VIRT_BASE (p_paddr + VIRT_BASE wraps). */
static void legacy_paddr(struct spec *s)
{
    note_u64(s, XEN_ELFNOTE_PADDR_OFFSET, VBASE);
    s->ph[PH_TEXT].p_paddr = TEXT_VA;
    s->ph[PH_DATA].p_paddr = DATA_VA;
}

static void many_segments(struct spec *s)
{
    for (unsigned i = NR_PH_DEFAULT; i < MAX_PH; i++)
        s->ph[i] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R, .p_memsz = 0x10,
                                 .p_paddr = DATA_PADDR + DATA_MEMSZ + i * 0x1000 };
    s->eh.e_phnum = MAX_PH;
}

static void no_load(struct spec *s) { s->ph[PH_TEXT].p_flags = s->ph[PH_DATA].p_flags = 0; }
static void data_no_flags(struct spec *s) { s->ph[PH_DATA].p_flags = 0; }

/* Post-build edits of the bytes. */
static void put_note_phdr(struct spec *s, uint8_t *buf, uint64_t filesz)
{
    s->ph[PH_NOTE].p_filesz = filesz;
    memcpy(buf + PH_OFF + PH_NOTE * sizeof(Elf64_Phdr), &s->ph[PH_NOTE], sizeof(Elf64_Phdr));
}
/* Bytes of padding after the last note's descriptor. */
static uint64_t last_pad(const struct spec *s)
{
    return (4 - s->notes[s->nr_notes - 1].descsz % 4) % 4;
}
/* The padding after the last descriptor may be missing; one byte of the descriptor may not. */
static void cut_pad(struct spec *s, uint8_t *buf)
{
    put_note_phdr(s, buf, s->ph[PH_NOTE].p_filesz - last_pad(s));
}
static void cut_note(struct spec *s, uint8_t *buf)
{
    put_note_phdr(s, buf, s->ph[PH_NOTE].p_filesz - last_pad(s) - 1);
}
static void tail_bytes(struct spec *s, uint8_t *buf) { put_note_phdr(s, buf, s->ph[PH_NOTE].p_filesz + 4); }
static void huge_field(uint8_t *buf, size_t field)
{
    uint32_t big = UINT32_MAX - 1;

    memcpy(buf + NOTE_OFF + field, &big, sizeof(big));
}
static void huge_descsz(struct spec *s, uint8_t *buf)
{
    (void)s;
    huge_field(buf, offsetof(Elf64_Nhdr, n_descsz));
}
static void huge_namesz(struct spec *s, uint8_t *buf)
{
    (void)s;
    huge_field(buf, offsetof(Elf64_Nhdr, n_namesz));
}

static void chk_entry(const struct elf_image *i) { assert_int_equal(i->entry, TEXT_VA + 0x20); }
static void chk_no_hc(const struct elf_image *i) { assert_false(i->has_hypercall_page); }
static void chk_one_load(const struct elf_image *i) { assert_int_equal(i->nr_load, 1); }
static void chk_no_syms(const struct elf_image *i)
{
    assert_null(i->symtab);
    assert_int_equal(i->nr_syms, 0);
}
static void chk_zero_base(const struct elf_image *i)
{
    assert_int_equal(i->virt_base, 0);
    assert_int_equal(i->paddr_offset, 0);
    assert_int_equal(i->virt_kstart, TEXT_PADDR);
}
static void chk_legacy(const struct elf_image *i)
{
    assert_int_equal(i->paddr_offset, VBASE);
    assert_int_equal(i->load[0].va, TEXT_VA);
}
static void chk_feat_opt(const struct elf_image *i)
{
    assert_int_equal(i->features_wanted, 1U << XENFEAT_dom0);
    assert_int_equal(i->features_required, 0);
}

#define EINV (-XEN_EINVAL)
#define ENOX (-XEN_ENOEXEC)

struct row {
    const char *name;
    void (*pre)(struct spec *s);
    post_fn post;
    int rc;
    const char *why;                          /* NULL: the image must be accepted */
    void (*check)(const struct elf_image *img);
};

static const struct row rows[] = {
    { "bad magic", bad_magic, NULL, ENOX, "bad magic", NULL },
    { "32-bit class", class32, NULL, ENOX, "not a 64-bit little-endian ELF", NULL },
    { "big endian", big_endian, NULL, ENOX, "not a 64-bit little-endian ELF", NULL },
    { "i386 machine", machine_386, NULL, ENOX, "not an x86_64 ELF", NULL },
    { "ET_DYN", type_dyn, NULL, ENOX, "not an executable ELF", NULL },
    { "shorter than a header", tiny, NULL, ENOX, "smaller than an ELF header", NULL },
    { "phentsize", phentsize, NULL, EINV, "program header size", NULL },
    { "phdr table out of bounds", phdr_oob, NULL, EINV, "program header table extends", NULL },
    { "phnum huge", phnum_huge, NULL, EINV, "program header table extends", NULL },
    { "phoff wraps", phoff_wrap, NULL, EINV, "program header table extends", NULL },
    { "shdr table out of bounds", shdr_oob, NULL, EINV, "section header table extends", NULL },
    { "shentsize", shentsize, NULL, EINV, "section header size", NULL },
    { "no sections", no_sections, NULL, 0, NULL, chk_no_syms },
    { "segment out of bounds", seg_oob, NULL, EINV, "segment 1 extends past the end of the image", NULL },
    { "segment offset wraps", seg_off_wrap, NULL, EINV, "segment 1 extends past the end", NULL },
    { "filesz > memsz", filesz_big, NULL, EINV, "segment 1: file size exceeds memory size", NULL },
    { "overlapping segments", overlap, NULL, EINV, "segments 0 and 1 overlap", NULL },
    { "load in hypervisor area", hv_range, NULL, EINV, "segment 0: load range touches the hypervisor", NULL },
    { "load across hypervisor end", hv_range_end, NULL, EINV, "segment 0: load range touches the hypervisor", NULL },
    { "load right after hypervisor area", hv_end_ok, NULL, 0, NULL, NULL },
    { "non-canonical start", noncanon_start, NULL, EINV, "segment 0: load range is not canonical", NULL },
    { "non-canonical end", noncanon_end, NULL, EINV, "segment 0: load range is not canonical", NULL },
    { "p_paddr + virt_base overflows", paddr_overflow, NULL, EINV, "segment 0: load address overflows", NULL },
    { "load end overflows", end_overflow, NULL, EINV, "segment 0: load address overflows", NULL },
    { "p_paddr - paddr_offset underflows", underflow, NULL, EINV, "segment 0: load address overflows", NULL },
    { "legacy paddr = VA", legacy_paddr, NULL, 0, NULL, chk_legacy },
    { "no VIRT_BASE nor PADDR_OFFSET", no_offsets, NULL, 0, NULL, chk_zero_base },
    { "PADDR_OFFSET without VIRT_BASE", no_vbase, NULL, EINV, "PADDR_OFFSET note without a VIRT_BASE", NULL },
    { "VIRT_BASE above kstart", vbase_high, NULL, EINV, "VIRT_BASE lies above the lowest load address", NULL },
    { "17 loadable segments", many_segments, NULL, EINV, "more than 16 loadable segments", NULL },
    { "no loadable segment", no_load, NULL, EINV, "no loadable segment", NULL },
    { "PT_LOAD without flags ignored", data_no_flags, NULL, 0, NULL, chk_one_load },
    { "missing notes", no_notes, NULL, ENOX, "no Xen ELF notes", NULL },
    { "no note named Xen", not_xen_named, NULL, ENOX, "no Xen ELF notes", NULL },
    { "owner Xen with padded namesz", padded_owner, NULL, 0, NULL, NULL },
    { "owner XenX is not Xen", owner_xenx, NULL, EINV, "XEN_VERSION note is not xen-3.0", NULL },
    { "notes from SHT_NOTE only", no_note_phdr, NULL, 0, NULL, NULL },
    { "PT_NOTE at offset 0 skipped", note_phdr_at_0, NULL, 0, NULL, NULL },
    { "bad XEN_VERSION", xen_v2, NULL, EINV, "XEN_VERSION note is not xen-3.0", NULL },
    { "missing XEN_VERSION", no_xen_v, NULL, EINV, "XEN_VERSION note is not xen-3.0", NULL },
    { "bad LOADER", loader_elf, NULL, EINV, "LOADER note is not generic", NULL },
    { "missing LOADER", no_loader, NULL, EINV, "LOADER note is not generic", NULL },
    { "linux needs no LOADER", linux_loader, NULL, 0, NULL, NULL },
    { "last note without padding", NULL, cut_pad, 0, NULL, NULL },
    { "truncated note", NULL, cut_note, EINV, "truncated note in segment 2", NULL },
    { "bytes after last note", NULL, tail_bytes, EINV, "truncated note in segment 2", NULL },
    { "huge descsz", NULL, huge_descsz, EINV, "truncated note in segment 2", NULL },
    { "huge namesz", NULL, huge_namesz, EINV, "truncated note in segment 2", NULL },
    { "misaligned note segment", misaligned_note, NULL, EINV, "note segment 2 is not 4-byte aligned", NULL },
    { "unterminated string note", unterminated, NULL, EINV, "GUEST_OS note is not NUL-terminated", NULL },
    { "empty string note", empty_str, NULL, EINV, "GUEST_OS note is not NUL-terminated", NULL },
    { "3-byte numeric note", num3, NULL, EINV, "ENTRY note has a 3-byte value", NULL },
    { "entry below segments", entry_low, NULL, EINV, "entry point 0xffffffff80000000 is outside", NULL },
    { "entry at kend", entry_kend, NULL, EINV, "is outside every loaded segment", NULL },
    { "e_entry without ENTRY note", e_entry_used, NULL, 0, NULL, chk_entry },
    { "bad e_entry without ENTRY note", e_entry_bad, NULL, EINV, "entry point 0x0 is outside", NULL },
    { "hypercall page misaligned", hc_misaligned, NULL, EINV, "HYPERCALL_PAGE 0xffffffff80002008 is not page aligned", NULL },
    { "hypercall page outside", hc_outside, NULL, EINV, "HYPERCALL_PAGE 0xffffffff80000000 is outside", NULL },
    { "no hypercall page", hc_absent, NULL, 0, NULL, chk_no_hc },
    { "INIT_P2M inside kernel", p2m_inside, NULL, EINV, "INIT_P2M lies inside the kernel image", NULL },
    { "required unknown feature", feat_unknown_req, NULL, EINV, "requires an unknown feature", NULL },
    { "optional unknown feature", feat_unknown_opt, NULL, 0, NULL, chk_feat_opt },
    { "required writable_page_tables", feat_wpt, NULL, EINV, "requires feature writable_page_tables, which Keel does not offer", NULL },
    { "symtab with bad link", no_symtab, NULL, 0, NULL, chk_no_syms },
    { "symtab linked to a note section", symtab_to_note, NULL, 0, NULL, chk_no_syms },
};

static void run_row(void **state)
{
    const struct row *r = *state;
    struct spec s;
    struct elf_image img;
    const char *why;
    uint8_t *copy;
    int rc;

    spec_default(&s);
    if (r->pre)
        r->pre(&s);
    rc = parse_post(&s, r->post, &img, &why, &copy);
    free(copy);
    if (!r->why) {
        if (rc)
            fail_msg("refused (%d): %s", rc, why);
        assert_null(why);
    } else {
        if (rc != r->rc || !why || !strstr(why, r->why))
            fail_msg("got %d \"%s\", want %d \"%s\"", rc, why ? why : "(null)", r->rc, r->why);
    }
    if (r->check)
        r->check(&img);
}

/* ---- elf_load into fake guest memory. ----------------------------------------------------- */

#define GAP 0x1000 /* hole left between the two segments in the load test */
#define MEM_SIZE (TEXT_SIZE + GAP + DATA_MEMSZ)
#define POISON 0xaa

struct fake_mem {
    uint8_t bytes[MEM_SIZE];
    unsigned writes, zeros;
};

static uint8_t *fake_at(struct fake_mem *m, uint64_t va, size_t n)
{
    assert_true(va >= TEXT_VA && n <= MEM_SIZE && va - TEXT_VA <= MEM_SIZE - n);
    return m->bytes + (va - TEXT_VA);
}

static void fake_write(void *ctx, uint64_t va, const void *src, size_t n)
{
    struct fake_mem *m = ctx;

    assert_true(n > 0);
    memcpy(fake_at(m, va, n), src, n);
    m->writes++;
}

static void fake_zero(void *ctx, uint64_t va, size_t n)
{
    struct fake_mem *m = ctx;

    assert_true(n > 0);
    memset(fake_at(m, va, n), 0, n);
    m->zeros++;
}

static void test_load(void **state)
{
    static struct fake_mem m;
    const size_t data_at = TEXT_SIZE + GAP;
    struct spec s;
    struct elf_image img;
    const char *why;
    uint8_t *copy;

    (void)state;
    spec_default(&s);
    s.ph[PH_DATA].p_paddr = DATA_PADDR + GAP;
    assert_int_equal(parse(&s, &img, &why, &copy), 0);
    memset(&m, 0, sizeof(m));
    memset(m.bytes, POISON, sizeof(m.bytes));
    elf_load(&img, fake_write, fake_zero, &m);
    assert_int_equal(m.writes, 2);   /* text and data file bytes */
    assert_int_equal(m.zeros, 1);    /* data's bss; text has memsz == filesz */
    for (size_t i = 0; i < TEXT_SIZE; i++)
        assert_int_equal(m.bytes[i], pattern(TEXT_OFF + i));
    for (size_t i = TEXT_SIZE; i < data_at; i++)
        assert_int_equal(m.bytes[i], POISON);
    for (size_t i = 0; i < DATA_FILESZ; i++)
        assert_int_equal(m.bytes[data_at + i], pattern(DATA_OFF + i));
    for (size_t i = DATA_FILESZ; i < DATA_MEMSZ; i++)
        assert_int_equal(m.bytes[data_at + i], 0);
    free(copy);
}

/* ---- elf_symbolize. ------------------------------------------------------------------------ */

static void test_symbolize(void **state)
{
    static const struct { uint64_t va; const char *name; uint64_t off; } q[] = {
        { TEXT_VA, "_start", 0 },           { TEXT_VA + 0xf, "_start", 0xf },
        { TEXT_VA + 0x10, "main", 0 },      { TEXT_VA + 0x25, "inner", 5 },
        { TEXT_VA + 0x30, "main", 0x20 },   { TEXT_VA + 0x110, NULL, 0 },
        { DATA_VA + 8, NULL, 0 },           /* an OBJECT, not a FUNC */
        { TEXT_VA + 0x1004, NULL, 0 },      /* name offset outside the string table */
        { TEXT_VA + 0x1104, NULL, 0 },      /* name runs off the string table's end */
        { 0, NULL, 0 },                     { UINT64_MAX, NULL, 0 },
    };
    struct spec s;
    struct elf_image img;
    const char *why, *name;
    uint8_t *copy;
    uint64_t off;

    (void)state;
    spec_default(&s);
    assert_int_equal(parse(&s, &img, &why, &copy), 0);
    for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
        off = UINT64_MAX;
        name = elf_symbolize(&img, q[i].va, &off);
        if (!q[i].name) {
            if (name)
                fail_msg("%#lx named %s, want none", q[i].va, name);
            continue;
        }
        if (!name || strcmp(name, q[i].name) || off != q[i].off)
            fail_msg("%#lx: got %s+%#lx, want %s+%#lx", q[i].va, name ? name : "(null)", off,
                     q[i].name, q[i].off);
    }
    free(copy);
}

/* ---- elf_parse_features. ------------------------------------------------------------------ */

#define F(b) (1U << XENFEAT_##b)
#define ALL SIZE_MAX

static void test_features(void **state)
{
    static const struct { const char *s; size_t len; int rc; uint32_t want, req; } t[] = {
        /* len ALL: up to the NUL */
        { "", ALL, 0, 0, 0 },
        { "dom0", ALL, 0, F(dom0), 0 },
        { "!dom0", ALL, 0, F(dom0), F(dom0) },
        { "|dom0||!pae_pgdir_above_4gb|", ALL, 0, F(dom0) | F(pae_pgdir_above_4gb),
          F(pae_pgdir_above_4gb) },
        { "writable_page_tables|!writable_descriptor_tables", ALL, 0,
          F(writable_page_tables) | F(writable_descriptor_tables), F(writable_descriptor_tables) },
        { "frob|dom0x|dom|Dom0", ALL, 0, 0, 0 },   /* unknown optional names are ignored */
        { "!frob", ALL, -XEN_EINVAL, 0, 0 },
        { "!", ALL, -XEN_EINVAL, 0, 0 },
        { "dom0|!frob", 4, 0, F(dom0), 0 },       /* len stops before "!frob" */
        { "dom0\0!frob", 10, 0, F(dom0), 0 },     /* and so does the NUL */
        { "!direct_mapped", ALL, 0, F(direct_mapped), F(direct_mapped) },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        uint32_t want = 0, req = 0;
        int rc = elf_parse_features(t[i].s, t[i].len, &want, &req);

        if (rc != t[i].rc || (!rc && (want != t[i].want || req != t[i].req)))
            fail_msg("\"%s\": rc %d want %#x req %#x", t[i].s, rc, want, req);
    }
    assert_string_equal(elf_feature_name(XENFEAT_dom0), "dom0");
    assert_null(elf_feature_name(12));     /* no XENFEAT has bit 12 */
    assert_null(elf_feature_name(UINT32_MAX));
}

/* ---- The real guest kernel, when it has been built. --------------------------------------- */

static const char *pvguest_path;

static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *p;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    p = malloc((size_t)n);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *size = (size_t)n;
    return p;
}

static void test_pvguest(void **state)
{
    struct elf_image img;
    const char *why, *name;
    uint64_t off;
    size_t size;
    uint8_t *data = read_file(pvguest_path, &size);
    int rc = elf_parse(data, size, &img, &why);

    (void)state;
    if (rc)
        fail_msg("%s refused (%d): %s", pvguest_path, rc, why);
    assert_string_equal(img.guest_os, "pvguest");
    assert_string_equal(img.loader, "generic");
    assert_memory_equal(img.xen_version, "xen-3.0", 7);
    assert_true(img.has_hypercall_page);
    assert_true(img.nr_load > 0);
    if (img.nr_syms) {
        name = elf_symbolize(&img, img.entry, &off);
        assert_non_null(name);
        print_message("# pvguest entry %#lx is %s+%#lx\n", img.entry, name, off);
    }
    free(data);
}

/* ---- main ---------------------------------------------------------------------------------- */

static void write_seed(const char *path)
{
    static uint8_t buf[BUF_SIZE];
    struct spec s;
    FILE *f = fopen(path, "wb");

    spec_default(&s);
    build(&s, buf);
    if (!f || fwrite(buf, 1, s.size, f) != s.size || fclose(f)) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
    exit(0);
}

int main(int argc, char **argv)
{
    enum { NR_FIXED = 5 };
    static struct CMUnitTest tests[NR_FIXED + sizeof(rows) / sizeof(rows[0])];
    size_t n = 0;
    FILE *f;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            write_seed(argv[++i]);
        else
            pvguest_path = argv[i];
    }
    tests[n++] = (struct CMUnitTest){ "valid image", test_valid_image, NULL, NULL, NULL };
    tests[n++] = (struct CMUnitTest){ "elf_load", test_load, NULL, NULL, NULL };
    tests[n++] = (struct CMUnitTest){ "elf_symbolize", test_symbolize, NULL, NULL, NULL };
    tests[n++] = (struct CMUnitTest){ "elf_parse_features", test_features, NULL, NULL, NULL };
    /* The real image is tested only when it exists; otherwise no verdict is claimed for it. */
    if (pvguest_path && (f = fopen(pvguest_path, "rb")) && !fclose(f))
        tests[n++] = (struct CMUnitTest){ "pvguest.elf", test_pvguest, NULL, NULL, NULL };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        tests[n++] = (struct CMUnitTest){ rows[i].name, run_row, NULL, NULL, (void *)&rows[i] };
    return _cmocka_run_group_tests("elf", tests, n, NULL, NULL);
}
