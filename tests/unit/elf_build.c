/* Builds the test kernel image of elf_build.h: glibc's <elf.h> layouts, written independently
 * of hv/elf.c's own, so a layout mistake on either side shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "abi/elfnote.h"
#include "abi/features.h"
#include "tests/unit/elf_build.h"

uint8_t pattern(size_t off) { return (uint8_t)(off * 7 + 3); }

struct tnote *note_slot(struct spec *s, uint32_t type)
{
    for (unsigned i = 0; i < s->nr_notes; i++)
        if (s->notes[i].type == type && !strcmp(s->notes[i].name, "Xen"))
            return &s->notes[i];
    assert_true(s->nr_notes < MAX_NOTES);
    s->notes[s->nr_notes] = (struct tnote){ .name = "Xen", .type = type };
    return &s->notes[s->nr_notes++];
}

void note_raw(struct spec *s, uint32_t type, const void *d, uint32_t n)
{
    struct tnote *t = note_slot(s, type);

    assert_true(n <= NOTE_DESC_MAX);
    memcpy(t->desc, d, n);
    t->descsz = n;
}

void note_str(struct spec *s, uint32_t type, const char *v)
{
    note_raw(s, type, v, (uint32_t)strlen(v) + 1);
}

void note_u64(struct spec *s, uint32_t type, uint64_t v) { note_raw(s, type, &v, 8); }
void note_u32(struct spec *s, uint32_t type, uint32_t v) { note_raw(s, type, &v, 4); }

void note_del(struct spec *s, uint32_t type)
{
    struct tnote *t = note_slot(s, type);

    *t = s->notes[--s->nr_notes];
}

static void add_sym(struct spec *s, unsigned i, const char *name, unsigned type, uint64_t va,
                    uint64_t size)
{
    static size_t str_used;

    if (i == 1)
        str_used = 1;
    s->sym[i] = (Elf64_Sym){ .st_name = (uint32_t)str_used, .st_value = va, .st_size = size,
                             .st_info = ELF64_ST_INFO(STB_GLOBAL, type), .st_shndx = 1 };
    strcpy(s->strtab + str_used, name);
    str_used += strlen(name) + 1;
    s->sh[SH_STRTAB].sh_size = str_used;
}

static void spec_symbols(struct spec *s)
{
    s->sh[SH_SYMTAB] = (Elf64_Shdr){ .sh_type = SHT_SYMTAB, .sh_offset = SYM_OFF,
                                     .sh_size = sizeof(s->sym), .sh_link = SH_STRTAB,
                                     .sh_entsize = sizeof(Elf64_Sym) };
    s->sh[SH_STRTAB] = (Elf64_Shdr){ .sh_type = SHT_STRTAB, .sh_offset = STR_OFF };
    add_sym(s, 1, "_start", STT_FUNC, TEXT_VA, 0x10);
    add_sym(s, 2, "inner", STT_FUNC, TEXT_VA + 0x20, 0x10);    /* before its container */
    add_sym(s, 3, "main", STT_FUNC, TEXT_VA + 0x10, 0x100);
    add_sym(s, 4, "table", STT_OBJECT, DATA_VA, 0x100);
    add_sym(s, 5, "badname", STT_FUNC, TEXT_VA + 0x1000, 0x10);
    s->sym[5].st_name = 0xffff;                    /* outside the string table */
    add_sym(s, 6, "tail", STT_FUNC, TEXT_VA + 0x1100, 0x10);
    s->sh[SH_STRTAB].sh_size -= 1;                 /* "tail" loses its NUL */
}

static void spec_notes(struct spec *s)
{
    static const uint8_t gnu_id[] = { 1, 2, 3, 4, 5 };

    s->notes[s->nr_notes++] = (struct tnote){ .name = "GNU", .type = 3, .descsz = 5 };
    memcpy(s->notes[0].desc, gnu_id, sizeof(gnu_id));
    note_str(s, XEN_ELFNOTE_GUEST_OS, "keeltest");
    note_str(s, XEN_ELFNOTE_GUEST_VERSION, "1.0");
    note_str(s, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    note_str(s, XEN_ELFNOTE_LOADER, "generic");
    note_u64(s, XEN_ELFNOTE_VIRT_BASE, VBASE);
    note_u64(s, XEN_ELFNOTE_PADDR_OFFSET, 0);
    note_u64(s, XEN_ELFNOTE_ENTRY, ENTRY_VA);
    note_u64(s, XEN_ELFNOTE_HYPERCALL_PAGE, HCALL_VA);
    note_u64(s, XEN_ELFNOTE_INIT_P2M, P2M_VA);
    note_u32(s, XEN_ELFNOTE_MOD_START_PFN, 1);
    note_u32(s, XEN_ELFNOTE_SUPPORTED_FEATURES, 1U << XENFEAT_dom0);
    note_str(s, XEN_ELFNOTE_FEATURES, "dom0|!pae_pgdir_above_4gb|writable_descriptor_tables");
}

void spec_default(struct spec *s)
{
    memset(s, 0, sizeof(*s));
    s->eh = (Elf64_Ehdr){ .e_type = ET_EXEC, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
                          .e_entry = TEXT_VA, .e_phoff = PH_OFF, .e_shoff = SH_OFF,
                          .e_ehsize = sizeof(Elf64_Ehdr), .e_phentsize = sizeof(Elf64_Phdr),
                          .e_phnum = NR_PH_DEFAULT, .e_shentsize = sizeof(Elf64_Shdr),
                          .e_shnum = NR_SH };
    memcpy(s->eh.e_ident, ELFMAG, SELFMAG);
    s->eh.e_ident[EI_CLASS] = ELFCLASS64;
    s->eh.e_ident[EI_DATA] = ELFDATA2LSB;
    s->eh.e_ident[EI_VERSION] = EV_CURRENT;
    s->ph[PH_TEXT] = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, TEXT_OFF, TEXT_VA, TEXT_PADDR,
                                   TEXT_SIZE, TEXT_SIZE, 0x1000 };
    s->ph[PH_DATA] = (Elf64_Phdr){ PT_LOAD, PF_R | PF_W, DATA_OFF, DATA_VA, DATA_PADDR,
                                   DATA_FILESZ, DATA_MEMSZ, 0x1000 };
    s->ph[PH_NOTE] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = NOTE_OFF,
                                   .p_filesz = NOTES_AUTO, .p_align = 4 };
    s->sh[SH_NOTE] = (Elf64_Shdr){ .sh_type = SHT_NOTE, .sh_offset = NOTE_OFF,
                                   .sh_size = NOTES_AUTO };
    spec_notes(s);
    spec_symbols(s);
    s->size = IMG_SIZE;
}

static size_t put_notes(const struct spec *s, uint8_t *buf)
{
    size_t off = NOTE_OFF;

    for (unsigned i = 0; i < s->nr_notes; i++) {
        const struct tnote *t = &s->notes[i];
        Elf64_Nhdr nh = { t->namesz ? t->namesz : (uint32_t)strlen(t->name) + 1, t->descsz,
                          t->type };

        memcpy(buf + off, &nh, sizeof(nh));
        strcpy((char *)buf + off + sizeof(nh), t->name);
        off += sizeof(nh) + ((nh.n_namesz + 3) & ~3U);
        memcpy(buf + off, t->desc, t->descsz);
        off += (t->descsz + 3) & ~3U;
    }
    assert_true(off <= TEXT_OFF);
    return off - NOTE_OFF;
}

void build(struct spec *s, uint8_t *buf)
{
    size_t notes_len;

    memset(buf, 0, BUF_SIZE);
    notes_len = put_notes(s, buf);
    for (unsigned i = 0; i < MAX_PH; i++)
        if (s->ph[i].p_filesz == NOTES_AUTO)
            s->ph[i].p_filesz = notes_len;
    if (s->sh[SH_NOTE].sh_size == NOTES_AUTO)
        s->sh[SH_NOTE].sh_size = notes_len;
    for (size_t i = TEXT_OFF; i < TEXT_OFF + TEXT_SIZE; i++)
        buf[i] = pattern(i);
    for (size_t i = DATA_OFF; i < DATA_OFF + DATA_FILESZ; i++)
        buf[i] = pattern(i);
    memcpy(buf, &s->eh, sizeof(s->eh));
    memcpy(buf + PH_OFF, s->ph, sizeof(s->ph));
    memcpy(buf + SYM_OFF, s->sym, sizeof(s->sym));
    memcpy(buf + STR_OFF, s->strtab, sizeof(s->strtab));
    memcpy(buf + SH_OFF, s->sh, sizeof(s->sh));
}
