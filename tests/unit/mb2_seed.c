/* Writes a few well-formed multiboot2 informations (BIOS-like, UEFI-like, many modules) into
 * a directory as the fuzz target's starting corpus. usage: mb2_seed DIR */
#include <stdio.h>
#include <stdlib.h>

#include "tests/unit/mb2_build.h"

#define SEED_MAX 4096
#define MiB 0x100000ull

static void seed_write(const char *dir, const char *name, const uint8_t *buf, size_t n)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

static size_t seed_uefi(struct mb2_builder *b)
{
    static const struct mb2t_region efi[] = {
        { 0, 0xa0000, 7 }, { MiB, 7 * MiB, 7 }, { 8 * MiB, MiB, 2 }, { 9 * MiB, MiB, 4 },
        { 10 * MiB, MiB, 9 }, { 11 * MiB, MiB, 10 }, { 12 * MiB, 116 * MiB, 7 },
        { 0xffc00000, 4 * MiB, 11 }, { 0x100000000ull, 0x100000000ull, 7 },
    };

    mb2b_string(b, MB2T_CMDLINE, "console=com1");
    mb2b_module(b, 0x400000, 0x480000, "pvguest.elf role=app");
    mb2b_tag(b, MB2T_EFI64, "\0\0\0\x7f\0\0\0\0", 8);
    mb2b_efi_mmap(b, efi, sizeof(efi) / sizeof(efi[0]), MB2T_EFI_DESC);
    mb2b_framebuffer(b, 1);
    mb2b_rsdp(b, 0);
    mb2b_rsdp(b, 2);
    return mb2b_finish(b);
}

static size_t seed_modules(struct mb2_builder *b)
{
    static const struct mb2t_region map[] = { { MiB, 64 * MiB, 1 }, { 3 * MiB, MiB, 2 } };

    for (unsigned i = 0; i < 6; i++)
        mb2b_module(b, (uint32_t)(2 + i) * MiB, (uint32_t)(2 + i) * MiB + 0x1000, "m x=1");
    mb2b_mmap(b, map, 2, MB2T_MMAP_ENTRY);
    return mb2b_finish(b);
}

int main(int argc, char **argv)
{
    static uint8_t buf[SEED_MAX];
    struct mb2_builder b;

    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    mb2b_init(&b, buf, sizeof(buf));
    seed_write(argv[1], "bios", buf, mb2b_typical(&b));
    mb2b_init(&b, buf, sizeof(buf));
    seed_write(argv[1], "uefi", buf, seed_uefi(&b));
    mb2b_init(&b, buf, sizeof(buf));
    seed_write(argv[1], "modules", buf, seed_modules(&b));
    return 0;
}
