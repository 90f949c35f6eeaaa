/* Host tests of mb2_parse (hv/mb2.c): well-formed informations as GRUB writes them under BIOS
 * and UEFI, then a table of malformed ones, each refused with a reason. Every information is
 * copied into a heap buffer of exactly the size the parser is told it may read, so any read
 * past it is an AddressSanitizer error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hv/mb2.h"
#include "tests/unit/mb2_build.h"

#define BUILD_MAX 16384
#define INFO_PA 0x10000ull          /* where the information "lies" in machine memory */
#define MiB 0x100000ull
#define GiB 0x40000000ull

struct parsed {
    uint8_t *info;                  /* exact-size heap copy */
    size_t size;
    struct boot_info bi;
    const char *why;
    int rc;
};

static struct parsed *parse_exact(const uint8_t *src, size_t size, paddr_t pa)
{
    struct parsed *p = calloc(1, sizeof(*p));

    assert_non_null(p);
    p->info = malloc(size ? size : 1);
    assert_non_null(p->info);
    memcpy(p->info, src, size);
    p->size = size;
    p->rc = mb2_parse(p->info, size, pa, &p->bi, &p->why);
    return p;
}

static void parsed_free(struct parsed *p)
{
    free(p->info);
    free(p);
}

static bool inside(const struct parsed *p, const void *q)
{
    return (const uint8_t *)q >= p->info && (const uint8_t *)q < p->info + p->size;
}

static void test_typical_bios(void **state)
{
    static uint8_t buf[BUILD_MAX];
    struct mb2_builder b;
    struct parsed *p;

    (void)state;
    mb2b_init(&b, buf, sizeof(buf));
    p = parse_exact(buf, mb2b_typical(&b), INFO_PA);
    assert_int_equal(p->rc, 0);
    assert_null(p->why);
    assert_string_equal(p->bi.cmdline, "console=com1 trace=hcall");
    assert_true(inside(p, p->bi.cmdline));
    assert_string_equal(p->bi.loader, "GRUB 2.06");
    assert_int_equal(p->bi.nr_mods, 2);
    assert_int_equal(p->bi.mods[0].start, 0x200000);
    assert_int_equal(p->bi.mods[0].end, 0x280000);
    assert_string_equal(p->bi.mods[0].cmdline, "pvguest.elf role=backend");
    assert_string_equal(p->bi.mods[1].cmdline, "");
    assert_int_equal(p->bi.nr_mmap, 6);
    assert_int_equal(p->bi.mmap[3].base, MiB);
    assert_int_equal(p->bi.mmap[3].len, 0x7ee0000);
    assert_int_equal(p->bi.mmap[3].type, MB2_MEM_AVAILABLE);
    assert_int_equal(p->bi.mmap[4].type, MB2_MEM_RESERVED);
    assert_false(p->bi.mmap_from_efi);
    assert_true(p->bi.vga_text);
    assert_false(p->bi.efi);
    assert_int_equal(p->bi.rsdp_revision, 2);
    assert_int_equal(p->bi.rsdp_len, MB2T_RSDP_V2);
    assert_true(inside(p, p->bi.rsdp));
    assert_memory_equal(p->bi.rsdp, "RSD PTR ", 8);
    assert_int_equal(p->bi.info_start, INFO_PA);
    assert_int_equal(p->bi.info_end, INFO_PA + p->size);
    parsed_free(p);
}

/* Every EFI memory type, each in its own non-adjacent run so none are merged. */
static void test_efi_types(void **state)
{
    static const uint32_t expect[] = {
        MB2_MEM_RESERVED, MB2_MEM_AVAILABLE, MB2_MEM_AVAILABLE, MB2_MEM_AVAILABLE,
        MB2_MEM_AVAILABLE, MB2_MEM_RESERVED, MB2_MEM_RESERVED, MB2_MEM_AVAILABLE,
        MB2_MEM_BADRAM, MB2_MEM_ACPI_RECLAIMABLE, MB2_MEM_NVS, MB2_MEM_RESERVED,
        MB2_MEM_RESERVED, MB2_MEM_RESERVED, MB2_MEM_RESERVED, MB2_MEM_RESERVED,
    };
    enum { N = sizeof(expect) / sizeof(expect[0]) };
    static uint8_t buf[BUILD_MAX];
    struct mb2t_region r[N];
    struct mb2_builder b;
    struct parsed *p;

    (void)state;
    for (unsigned i = 0; i < N; i++)
        r[i] = (struct mb2t_region){ (i + 1) * 2 * MiB, MiB, i };
    mb2b_init(&b, buf, sizeof(buf));
    mb2b_tag(&b, MB2T_EFI64, (uint64_t[]){ 0x7f000000 }, 8);
    mb2b_efi_mmap(&b, r, N, MB2T_EFI_DESC);
    mb2b_framebuffer(&b, 1);
    p = parse_exact(buf, mb2b_finish(&b), INFO_PA);
    assert_int_equal(p->rc, 0);
    assert_true(p->bi.mmap_from_efi);
    assert_true(p->bi.efi);
    assert_false(p->bi.vga_text);
    assert_string_equal(p->bi.cmdline, "");
    assert_string_equal(p->bi.loader, "");
    assert_null(p->bi.rsdp);
    assert_int_equal(p->bi.nr_mmap, N);
    for (unsigned i = 0; i < N; i++) {
        assert_int_equal(p->bi.mmap[i].base, r[i].base);
        assert_int_equal(p->bi.mmap[i].len, MiB);
        assert_int_equal(p->bi.mmap[i].type, expect[i]);
    }
    parsed_free(p);
}

/* Adjacent EFI runs that all become "available" are merged into one region. */
static void test_efi_merge(void **state)
{
    static const struct mb2t_region r[] = {
        { MiB, MiB, 1 }, { 2 * MiB, MiB, 7 }, { 3 * MiB, MiB, 4 }, { 4 * MiB, MiB, 9 },
        { 5 * MiB, MiB, 7 },
    };
    static uint8_t buf[BUILD_MAX];
    struct mb2_builder b;
    struct parsed *p;

    (void)state;
    mb2b_init(&b, buf, sizeof(buf));
    mb2b_efi_mmap(&b, r, 5, 40);    /* the minimal descriptor size */
    p = parse_exact(buf, mb2b_finish(&b), INFO_PA);
    assert_int_equal(p->rc, 0);
    assert_int_equal(p->bi.nr_mmap, 3);
    assert_int_equal(p->bi.mmap[0].base, MiB);
    assert_int_equal(p->bi.mmap[0].len, 3 * MiB);
    assert_int_equal(p->bi.mmap[1].type, MB2_MEM_ACPI_RECLAIMABLE);
    assert_int_equal(p->bi.mmap[2].base, 5 * MiB);
    parsed_free(p);
}

/* With both maps, tag 6 wins whichever comes first; the EFI map is still validated. */
static void test_both_maps(void **state)
{
    static const struct mb2t_region efi[] = { { MiB, 64 * MiB, 7 } };
    static const struct mb2t_region e820[] = { { MiB, 32 * MiB, 1 }, { 4 * GiB, GiB, 1 } };
    static uint8_t buf[BUILD_MAX];

    (void)state;
    for (int efi_first = 0; efi_first < 2; efi_first++) {
        struct mb2_builder b;
        struct parsed *p;

        mb2b_init(&b, buf, sizeof(buf));
        if (efi_first)
            mb2b_efi_mmap(&b, efi, 1, MB2T_EFI_DESC);
        mb2b_mmap(&b, e820, 2, MB2T_MMAP_ENTRY);
        if (!efi_first)
            mb2b_efi_mmap(&b, efi, 1, MB2T_EFI_DESC);
        p = parse_exact(buf, mb2b_finish(&b), INFO_PA);
        assert_int_equal(p->rc, 0);
        assert_false(p->bi.mmap_from_efi);
        assert_int_equal(p->bi.nr_mmap, 2);
        assert_int_equal(p->bi.mmap[1].base, 4 * GiB);
        parsed_free(p);
    }
}

/* The ACPI 2.0 RSDP wins over the 1.0 one in either order; alone, 1.0 is taken. */
static void test_rsdp_choice(void **state)
{
    static const struct mb2t_region map[] = { { MiB, MiB, 1 } };
    static const int orders[][2] = { { 0, -1 }, { 0, 2 }, { 2, 0 } };
    static const unsigned expect_rev[] = { 0, 2, 2 };
    static uint8_t buf[BUILD_MAX];

    (void)state;
    for (unsigned i = 0; i < 3; i++) {
        struct mb2_builder b;
        struct parsed *p;

        mb2b_init(&b, buf, sizeof(buf));
        mb2b_mmap(&b, map, 1, 32);  /* a larger entry_size than 24 is allowed */
        for (unsigned k = 0; k < 2; k++) {
            if (orders[i][k] >= 0)
                mb2b_rsdp(&b, orders[i][k]);
        }
        p = parse_exact(buf, mb2b_finish(&b), INFO_PA);
        assert_int_equal(p->rc, 0);
        assert_int_equal(p->bi.rsdp_revision, expect_rev[i]);
        assert_int_equal(p->bi.rsdp_len, expect_rev[i] ? MB2T_RSDP_V2 : MB2T_RSDP_V1);
        assert_true(inside(p, p->bi.rsdp));
        assert_int_equal(p->bi.nr_mmap, 1);
        parsed_free(p);
    }
}

/* Unknown tag types are skipped; tags after the end tag are never looked at. */
static void test_unknown_tags(void **state)
{
    static const struct mb2t_region map[] = { { MiB, MiB, 1 } };
    static uint8_t buf[BUILD_MAX];
    struct mb2_builder b;
    struct parsed *p;

    (void)state;
    mb2b_init(&b, buf, sizeof(buf));
    mb2b_tag(&b, 21, "abc", 3);     /* image load base */
    mb2b_tag(&b, 0x7fffffff, NULL, 0);
    mb2b_mmap(&b, map, 1, MB2T_MMAP_ENTRY);
    mb2b_tag(&b, MB2T_END, NULL, 0);
    mb2b_tag(&b, MB2T_MMAP, "garbage", 7);
    p = parse_exact(buf, mb2b_finish_without_end(&b), INFO_PA);
    assert_int_equal(p->rc, 0);
    assert_int_equal(p->bi.nr_mmap, 1);
    parsed_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typical_bios),
        cmocka_unit_test(test_efi_types),
        cmocka_unit_test(test_efi_merge),
        cmocka_unit_test(test_both_maps),
        cmocka_unit_test(test_rsdp_choice),
        cmocka_unit_test(test_unknown_tags),
    };

    return cmocka_run_group_tests_name("mb2", tests, NULL, NULL);
}
