/* Writes multiboot2 information into a caller's buffer for tests and fuzz seeds; aborts if
 * the buffer is too small (a test bug, not a parser finding). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/mb2_build.h"

#define MB2T_ALIGN 8u
#define MB2T_HDR 8u
#define MB2T_FB_FIXED 32u           /* addr, pitch, width, height, bpp, type, reserved */
#define MB2T_FB_TYPE_OFF 29u
#define MB2T_EFI_PAGE 4096u
#define MB2T_EFI_PAGES_OFF 24u
#define MB2T_EFI_DESC_MIN 40u       /* up to the Attribute field */

static void mb2b_need(const struct mb2_builder *b, size_t n)
{
    if (b->cap - b->len < n) {
        fprintf(stderr, "mb2_build: buffer of %zu bytes too small\n", b->cap);
        abort();
    }
}

void mb2b_put32(struct mb2_builder *b, size_t off, uint32_t v)
{
    memcpy(b->buf + off, &v, sizeof(v));
}

uint32_t mb2b_get32(const struct mb2_builder *b, size_t off)
{
    uint32_t v;

    memcpy(&v, b->buf + off, sizeof(v));
    return v;
}

void mb2b_init(struct mb2_builder *b, uint8_t *buf, size_t cap)
{
    b->buf = buf;
    b->cap = cap;
    b->len = 0;
    mb2b_need(b, MB2T_HDR);
    memset(buf, 0, MB2T_HDR);
    b->len = MB2T_HDR;
}

size_t mb2b_tag(struct mb2_builder *b, uint32_t type, const void *body, size_t n)
{
    size_t off = b->len;
    size_t padded = (MB2T_HDR + n + MB2T_ALIGN - 1) & ~(size_t)(MB2T_ALIGN - 1);

    mb2b_need(b, padded);
    memset(b->buf + off, 0, padded);
    mb2b_put32(b, off, type);
    mb2b_put32(b, off + 4, (uint32_t)(MB2T_HDR + n));
    if (n)
        memcpy(b->buf + off + MB2T_HDR, body, n);
    b->len += padded;
    return off;
}

size_t mb2b_string(struct mb2_builder *b, uint32_t type, const char *s)
{
    return mb2b_tag(b, type, s, strlen(s) + 1);
}

size_t mb2b_module(struct mb2_builder *b, uint32_t start, uint32_t end, const char *cmdline)
{
    uint8_t body[256];
    size_t n = strlen(cmdline) + 1;

    if (n > sizeof(body) - 8)
        abort();
    memcpy(body, &start, 4);
    memcpy(body + 4, &end, 4);
    memcpy(body + 8, cmdline, n);
    return mb2b_tag(b, MB2T_MODULE, body, 8 + n);
}

static size_t mb2b_map(struct mb2_builder *b, uint32_t type, uint32_t entry_size,
                       const uint8_t *entries, size_t n)
{
    uint8_t *body = calloc(1, 8 + n);
    size_t off;

    if (!body)
        abort();
    memcpy(body, &entry_size, 4);                   /* entry_size; entry_version 0 */
    memcpy(body + 8, entries, n);
    off = mb2b_tag(b, type, body, 8 + n);
    free(body);
    return off;
}

size_t mb2b_mmap(struct mb2_builder *b, const struct mb2t_region *r, unsigned n,
                 uint32_t entry_size)
{
    size_t es = entry_size < MB2T_MMAP_ENTRY ? MB2T_MMAP_ENTRY : entry_size;
    uint8_t *e = calloc(n ? n : 1, es);
    size_t off;

    if (!e)
        abort();
    for (unsigned i = 0; i < n; i++) {
        memcpy(e + i * es, &r[i].base, 8);
        memcpy(e + i * es + 8, &r[i].len, 8);
        memcpy(e + i * es + 16, &r[i].type, 4);
    }
    off = mb2b_map(b, MB2T_MMAP, entry_size, e, (size_t)n * es);
    free(e);
    return off;
}

size_t mb2b_efi_mmap(struct mb2_builder *b, const struct mb2t_region *r, unsigned n,
                     uint32_t desc_size)
{
    size_t ds = desc_size < MB2T_EFI_DESC_MIN ? MB2T_EFI_DESC : desc_size;
    uint8_t *d = calloc(n ? n : 1, ds);
    size_t off;

    if (!d)
        abort();
    for (unsigned i = 0; i < n; i++) {
        uint64_t pages = r[i].len / MB2T_EFI_PAGE;

        memcpy(d + i * ds, &r[i].type, 4);
        memcpy(d + i * ds + 8, &r[i].base, 8);      /* PhysicalStart */
        memcpy(d + i * ds + MB2T_EFI_PAGES_OFF, &pages, 8);
    }
    off = mb2b_map(b, MB2T_EFI_MMAP, desc_size, d, (size_t)n * ds);
    free(d);
    return off;
}

size_t mb2b_rsdp(struct mb2_builder *b, int revision)
{
    uint8_t rsdp[MB2T_RSDP_V2] = "RSD PTR ";

    rsdp[15] = (uint8_t)revision;
    if (revision >= 2)
        return mb2b_tag(b, MB2T_ACPI_NEW, rsdp, MB2T_RSDP_V2);
    return mb2b_tag(b, MB2T_ACPI_OLD, rsdp, MB2T_RSDP_V1);
}

size_t mb2b_framebuffer(struct mb2_builder *b, uint8_t fb_type)
{
    uint8_t body[MB2T_FB_FIXED] = { 0 };

    body[MB2T_FB_TYPE_OFF - MB2T_HDR] = fb_type;
    return mb2b_tag(b, MB2T_FB, body, MB2T_FB_FIXED - MB2T_HDR);
}

size_t mb2b_finish_without_end(struct mb2_builder *b)
{
    mb2b_put32(b, 0, (uint32_t)b->len);
    return b->len;
}

size_t mb2b_finish(struct mb2_builder *b)
{
    mb2b_tag(b, MB2T_END, NULL, 0);
    return mb2b_finish_without_end(b);
}

size_t mb2b_typical(struct mb2_builder *b)
{
    static const struct mb2t_region map[] = {
        { 0x0, 0x9fc00, 1 }, { 0x9fc00, 0x400, 2 }, { 0xf0000, 0x10000, 2 },
        { 0x100000, 0x7ee0000, 1 }, { 0x7fe0000, 0x20000, 2 }, { 0xfffc0000, 0x40000, 2 },
    };

    mb2b_string(b, MB2T_CMDLINE, "console=com1 trace=hcall");
    mb2b_string(b, MB2T_LOADER, "GRUB 2.06");
    mb2b_module(b, 0x200000, 0x280000, "pvguest.elf role=backend");
    mb2b_module(b, 0x280000, 0x280000, "");
    mb2b_mmap(b, map, sizeof(map) / sizeof(map[0]), MB2T_MMAP_ENTRY);
    mb2b_framebuffer(b, 2);
    mb2b_rsdp(b, 2);
    return mb2b_finish(b);
}
