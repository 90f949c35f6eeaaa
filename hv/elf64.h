/* The ELF64 file format as Keel reads guest kernels: the System V gABI / x86_64 psABI
 * structures and constants hv/elf.c uses, little-endian, with their sizes asserted. */
#ifndef HV_ELF64_H
#define HV_ELF64_H

#include <stdint.h>

#define ELF_MAGIC "\177ELF"
#define EI_NIDENT 16
#define EI_CLASS 4
#define EI_DATA 5
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ET_EXEC 2
#define EM_X86_64 62
#define PT_LOAD 1
#define PT_NOTE 4
#define PF_X 1U
#define PF_W 2U
#define PF_R 4U
#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHT_NOTE 7
#define STT_FUNC 2
#define ELF_ST_TYPE_MASK 0xfU
#define ELF_NOTE_ALIGN 4U /* names and descriptors are padded to 4 bytes */

struct elf64_ehdr {
    uint8_t e_ident[EI_NIDENT];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

struct elf64_shdr {
    uint32_t sh_name, sh_type;
    uint64_t sh_flags, sh_addr, sh_offset, sh_size;
    uint32_t sh_link, sh_info;
    uint64_t sh_addralign, sh_entsize;
};

struct elf64_sym {
    uint32_t st_name;
    uint8_t st_info, st_other;
    uint16_t st_shndx;
    uint64_t st_value, st_size;
};

struct elf64_nhdr {
    uint32_t n_namesz, n_descsz, n_type;
};

#define ELF64_EHDR_SIZE 64
#define ELF64_PHDR_SIZE 56
#define ELF64_SHDR_SIZE 64
#define ELF64_SYM_SIZE 24
#define ELF64_NHDR_SIZE 12
_Static_assert(sizeof(struct elf64_ehdr) == ELF64_EHDR_SIZE, "Elf64_Ehdr layout");
_Static_assert(sizeof(struct elf64_phdr) == ELF64_PHDR_SIZE, "Elf64_Phdr layout");
_Static_assert(sizeof(struct elf64_shdr) == ELF64_SHDR_SIZE, "Elf64_Shdr layout");
_Static_assert(sizeof(struct elf64_sym) == ELF64_SYM_SIZE, "Elf64_Sym layout");
_Static_assert(sizeof(struct elf64_nhdr) == ELF64_NHDR_SIZE, "Elf64_Nhdr layout");

#endif
