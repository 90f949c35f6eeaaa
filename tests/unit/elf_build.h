/* The in-memory PV kernel image hv/elf.c's tests start from: a spec (headers, Xen notes,
 * symbols) that a test edits, then serializes into bytes with build(). */
#ifndef TESTS_UNIT_ELF_BUILD_H
#define TESTS_UNIT_ELF_BUILD_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>

/* ---- The test image. --------------------------------------------------------------------
 *   0x0000 ehdr | 0x0040 phdrs | 0x0800 notes | 0x1000 text (2 pages, paddr 0x1000)
 *   0x3000 data (0x800 bytes in file, 0x2000 in memory, paddr 0x3000)
 *   0x3800 symbols | 0x3900 strings | 0x3a00 section headers | 0x3c00 end            */
#define VBASE 0xffffffff80000000UL
#define PH_OFF 0x40
#define NOTE_OFF 0x800
#define TEXT_OFF 0x1000
#define TEXT_PADDR 0x1000UL
#define TEXT_SIZE 0x2000
#define TEXT_VA (VBASE + TEXT_PADDR)
#define DATA_OFF 0x3000
#define DATA_PADDR 0x3000UL
#define DATA_FILESZ 0x800
#define DATA_MEMSZ 0x2000
#define DATA_VA (VBASE + DATA_PADDR)
#define SYM_OFF 0x3800
#define STR_OFF 0x3900
#define SH_OFF 0x3a00
#define IMG_SIZE 0x3c00
#define BUF_SIZE 0x4000
#define ENTRY_VA (TEXT_VA + 0x10)
#define HCALL_VA (TEXT_VA + 0x1000)
#define P2M_VA 0x8000000000UL
#define NOTES_AUTO UINT64_MAX /* p_filesz/sh_size filled with the notes' length */

enum { PH_TEXT, PH_DATA, PH_NOTE, NR_PH_DEFAULT, MAX_PH = 20 };
enum { SH_NULL, SH_NOTE, SH_SYMTAB, SH_STRTAB, NR_SH };
enum { MAX_NOTES = 24, NOTE_DESC_MAX = 64, NR_SYM = 7, STRTAB_MAX = 0x100 };

struct tnote {
    const char *name;
    uint32_t type;
    uint32_t namesz;                 /* 0: strlen(name) + 1 */
    uint32_t descsz;
    uint8_t desc[NOTE_DESC_MAX];
};

struct spec {
    Elf64_Ehdr eh;
    Elf64_Phdr ph[MAX_PH];
    Elf64_Shdr sh[NR_SH];
    Elf64_Sym sym[NR_SYM];
    char strtab[STRTAB_MAX];
    struct tnote notes[MAX_NOTES];
    unsigned nr_notes;
    size_t size;
};

/* The byte the image holds at file offset off inside the text and data segments. */
uint8_t pattern(size_t off);

/* The note of this type owned by "Xen" (appended, empty, if there is none yet). */
struct tnote *note_slot(struct spec *s, uint32_t type);
void note_raw(struct spec *s, uint32_t type, const void *d, uint32_t n);
void note_str(struct spec *s, uint32_t type, const char *v);
void note_u64(struct spec *s, uint32_t type, uint64_t v);
void note_u32(struct spec *s, uint32_t type, uint32_t v);
void note_del(struct spec *s, uint32_t type);

/* The valid image: every note, two segments, a symbol table. */
void spec_default(struct spec *s);

/* Serializes s into buf (BUF_SIZE bytes) and fills in the NOTES_AUTO sizes. */
void build(struct spec *s, uint8_t *buf);

#endif
