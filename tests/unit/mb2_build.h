/* A writer of multiboot2 information for tests and fuzz seeds: tags laid out as the
 * specification says (8-byte aligned, header type/size), restated here independently of the
 * parser so the tests check it against the specification rather than against itself. */
#ifndef TESTS_UNIT_MB2_BUILD_H
#define TESTS_UNIT_MB2_BUILD_H

#include <stddef.h>
#include <stdint.h>

enum {
    MB2T_END = 0, MB2T_CMDLINE = 1, MB2T_LOADER = 2, MB2T_MODULE = 3, MB2T_MMAP = 6,
    MB2T_FB = 8, MB2T_EFI32 = 11, MB2T_EFI64 = 12, MB2T_ACPI_OLD = 14, MB2T_ACPI_NEW = 15,
    MB2T_EFI_MMAP = 17,
};

#define MB2T_MMAP_ENTRY 24u         /* base, length, type, reserved */
#define MB2T_EFI_DESC 48u           /* what current firmware uses (40 bytes + padding) */
#define MB2T_RSDP_V1 20u
#define MB2T_RSDP_V2 36u

struct mb2t_region { uint64_t base, len; uint32_t type; };

struct mb2_builder {
    uint8_t *buf;
    size_t cap;
    size_t len;                     /* bytes written, including padding */
};

void mb2b_init(struct mb2_builder *b, uint8_t *buf, size_t cap);
/* Appends a tag whose body is body[0..n); returns its offset in the buffer. */
size_t mb2b_tag(struct mb2_builder *b, uint32_t type, const void *body, size_t n);
size_t mb2b_string(struct mb2_builder *b, uint32_t type, const char *s);
size_t mb2b_module(struct mb2_builder *b, uint32_t start, uint32_t end, const char *cmdline);
size_t mb2b_mmap(struct mb2_builder *b, const struct mb2t_region *r, unsigned n,
                 uint32_t entry_size);
/* r[i].type is an EFI memory type here; len must be a multiple of 4 KiB. */
size_t mb2b_efi_mmap(struct mb2_builder *b, const struct mb2t_region *r, unsigned n,
                     uint32_t desc_size);
size_t mb2b_rsdp(struct mb2_builder *b, int revision);
size_t mb2b_framebuffer(struct mb2_builder *b, uint8_t fb_type);
/* Appends the end tag and writes total_size; returns it. */
size_t mb2b_finish(struct mb2_builder *b);
/* Writes total_size over what was built, with no end tag; returns it. */
size_t mb2b_finish_without_end(struct mb2_builder *b);

/* Helpers to patch a built information in place (little endian, like the machine). */
void mb2b_put32(struct mb2_builder *b, size_t off, uint32_t v);
uint32_t mb2b_get32(const struct mb2_builder *b, size_t off);

/* A typical GRUB-on-BIOS information: command line, loader name, two modules, a memory map,
 * an EGA text framebuffer and an ACPI 2.0 RSDP. Returns total_size. */
size_t mb2b_typical(struct mb2_builder *b);

#endif
