/* Host tests of mb2_parse on malformed informations: one test per defect, each expecting the
 * error code and a reason naming the defect. Inputs are copied into heap buffers of exactly
 * the readable size, so a read past the end fails under AddressSanitizer. */
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
#define INFO_PA 0x10000ull
#define MiB 0x100000ull
#define TAG_SIZE_OFF 4              /* size field inside a tag header */

static const struct mb2t_region one_map[] = { { MiB, 16 * MiB, 1 } };

struct bad_input {
    size_t avail;                   /* bytes the parser may read (the buffer's size) */
    paddr_t pa;
};

struct bad_case {
    const char *name;
    void (*build)(struct mb2_builder *b, struct bad_input *in);
    int rc;
    const char *why;                /* expected substring of the reason */
};

static void with_map(struct mb2_builder *b)
{
    mb2b_mmap(b, one_map, 1, MB2T_MMAP_ENTRY);
}

static void bad_tiny_avail(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_finish(b);
    in->avail = 12;
}

static void bad_total_small(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_finish(b);
    mb2b_put32(b, 0, 8);
    (void)in;
}

static void bad_total_beyond(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    in->avail = mb2b_finish(b);
    mb2b_put32(b, 0, (uint32_t)in->avail + 8);
}

static void bad_misaligned(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_finish(b);
    in->pa = INFO_PA + 4;
}

static void bad_tag_size_small(struct mb2_builder *b, struct bad_input *in)
{
    size_t t = mb2b_string(b, MB2T_CMDLINE, "x");

    with_map(b);
    mb2b_finish(b);
    mb2b_put32(b, t + TAG_SIZE_OFF, 4);
    (void)in;
}

static void bad_tag_past_end(struct mb2_builder *b, struct bad_input *in)
{
    size_t t;

    with_map(b);
    t = mb2b_string(b, MB2T_CMDLINE, "abc");
    mb2b_finish(b);
    mb2b_put32(b, t + TAG_SIZE_OFF, 0x1000);
    (void)in;
}

/* The last tag's size is odd and total_size ends right after it: its padding is missing. */
static void bad_truncated_tag(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_string(b, MB2T_CMDLINE, "abc");
    in->avail = b->len - 4;
    mb2b_put32(b, 0, (uint32_t)in->avail);
}

static void bad_no_end(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_finish_without_end(b);
    (void)in;
}

static void bad_end_size(struct mb2_builder *b, struct bad_input *in)
{
    size_t t;

    with_map(b);
    t = b->len;
    mb2b_tag(b, MB2T_END, "12345678", 8);
    mb2b_finish_without_end(b);
    (void)t;
    (void)in;
}

static void bad_no_mmap(struct mb2_builder *b, struct bad_input *in)
{
    mb2b_string(b, MB2T_CMDLINE, "console=com1");
    mb2b_finish(b);
    (void)in;
}

static void bad_empty_mmap(struct mb2_builder *b, struct bad_input *in)
{
    static const struct mb2t_region zero[] = { { MiB, 0, 1 } };

    mb2b_mmap(b, zero, 1, MB2T_MMAP_ENTRY);
    mb2b_finish(b);
    (void)in;
}

static void bad_entry_size_zero(struct mb2_builder *b, struct bad_input *in)
{
    mb2b_mmap(b, one_map, 1, 0);
    mb2b_finish(b);
    (void)in;
}

static void bad_entry_size_small(struct mb2_builder *b, struct bad_input *in)
{
    mb2b_mmap(b, one_map, 1, 16);
    mb2b_finish(b);
    (void)in;
}

static void bad_entry_size_odd(struct mb2_builder *b, struct bad_input *in)
{
    mb2b_mmap(b, one_map, 1, 28);
    mb2b_finish(b);
    (void)in;
}

static void bad_mmap_tag_small(struct mb2_builder *b, struct bad_input *in)
{
    mb2b_tag(b, MB2T_MMAP, "\x18\0\0\0", 4);
    mb2b_finish(b);
    (void)in;
}

static void bad_efi_desc_small(struct mb2_builder *b, struct bad_input *in)
{
    mb2b_efi_mmap(b, one_map, 1, 32);
    mb2b_finish(b);
    (void)in;
}

static void bad_efi_desc_odd(struct mb2_builder *b, struct bad_input *in)
{
    mb2b_efi_mmap(b, one_map, 1, 44);
    mb2b_finish(b);
    (void)in;
}

/* More regions than MB2_MAX_MMAP, separated by gaps so none merge. */
static void bad_huge_count(struct mb2_builder *b, struct bad_input *in)
{
    enum { N = MB2_MAX_MMAP + 1 };
    static struct mb2t_region r[N];

    for (unsigned i = 0; i < N; i++)
        r[i] = (struct mb2t_region){ MiB * (2 * i + 1), MiB, 1 };
    mb2b_mmap(b, r, N, MB2T_MMAP_ENTRY);
    mb2b_finish(b);
    (void)in;
}

static void bad_region_wraps(struct mb2_builder *b, struct bad_input *in)
{
    static const struct mb2t_region r[] = { { 0xfffffffffffff000ull, 0x2000, 1 } };

    mb2b_mmap(b, r, 1, MB2T_MMAP_ENTRY);
    mb2b_finish(b);
    (void)in;
}

static void bad_efi_pages_huge(struct mb2_builder *b, struct bad_input *in)
{
    size_t t = mb2b_efi_mmap(b, one_map, 1, MB2T_EFI_DESC);
    uint32_t all = 0xffffffffu;

    mb2b_finish(b);
    memcpy(b->buf + t + 16 + 24, &all, 4);     /* NumberOfPages = 2^64 - 1 */
    memcpy(b->buf + t + 16 + 28, &all, 4);
    (void)in;
}

static void bad_module_reversed(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_module(b, 0x300000, 0x200000, "kernel");
    mb2b_finish(b);
    (void)in;
}

static void bad_too_many_modules(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    for (unsigned i = 0; i <= MB2_MAX_MODULES; i++)
        mb2b_module(b, 0x200000 + i * 0x1000, 0x201000 + i * 0x1000, "m");
    mb2b_finish(b);
    (void)in;
}

static void bad_module_small(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_tag(b, MB2T_MODULE, "\0\0\x20\0", 4);
    mb2b_finish(b);
    (void)in;
}

/* A module whose command line fills the tag without a NUL. */
static void bad_module_unterminated(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_tag(b, MB2T_MODULE, "\0\0\x20\0\0\x10\x20\0abcdefgh", 16);
    mb2b_finish(b);
    (void)in;
}

static void bad_cmdline_unterminated(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_tag(b, MB2T_CMDLINE, "console=com1", 12);
    mb2b_finish(b);
    (void)in;
}

static void bad_cmdline_empty_tag(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_tag(b, MB2T_LOADER, NULL, 0);
    mb2b_finish(b);
    (void)in;
}

static void bad_duplicate_cmdline(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_string(b, MB2T_CMDLINE, "a");
    mb2b_string(b, MB2T_CMDLINE, "b");
    mb2b_finish(b);
    (void)in;
}

static void bad_rsdp_small(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_tag(b, MB2T_ACPI_NEW, "RSD PTR \0\0\0\0\0\0\0\0\0\0\0\0", 20);
    mb2b_finish(b);
    (void)in;
}

static void bad_rsdp_signature(struct mb2_builder *b, struct bad_input *in)
{
    size_t t;

    with_map(b);
    t = mb2b_rsdp(b, 0);
    mb2b_finish(b);
    b->buf[t + 8] = 'X';
    (void)in;
}

static void bad_fb_small(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_tag(b, MB2T_FB, "0123456789", 10);
    mb2b_finish(b);
    (void)in;
}

static void bad_efi32_small(struct mb2_builder *b, struct bad_input *in)
{
    with_map(b);
    mb2b_tag(b, MB2T_EFI32, "ab", 2);
    mb2b_finish(b);
    (void)in;
}

static const struct bad_case cases[] = {
    { "avail_below_16", bad_tiny_avail, -XEN_EINVAL, "smaller than 16 bytes" },
    { "total_size_below_16", bad_total_small, -XEN_EINVAL, "total_size smaller" },
    { "total_size_beyond_avail", bad_total_beyond, -XEN_EINVAL, "beyond the readable" },
    { "misaligned_information", bad_misaligned, -XEN_EINVAL, "not 8-byte aligned" },
    { "tag_size_below_header", bad_tag_size_small, -XEN_EINVAL, "tag size too small" },
    { "tag_past_end", bad_tag_past_end, -XEN_EINVAL, "runs past the end" },
    { "truncated_tag_padding", bad_truncated_tag, -XEN_EINVAL, "no end tag" },
    { "no_end_tag", bad_no_end, -XEN_EINVAL, "no end tag" },
    { "end_tag_bad_size", bad_end_size, -XEN_EINVAL, "bad end tag" },
    { "no_memory_map", bad_no_mmap, -XEN_EINVAL, "no memory map" },
    { "memory_map_all_empty", bad_empty_mmap, -XEN_EINVAL, "no memory map" },
    { "mmap_entry_size_0", bad_entry_size_zero, -XEN_EINVAL, "bad mmap entry_size" },
    { "mmap_entry_size_16", bad_entry_size_small, -XEN_EINVAL, "bad mmap entry_size" },
    { "mmap_entry_size_28", bad_entry_size_odd, -XEN_EINVAL, "bad mmap entry_size" },
    { "mmap_tag_too_small", bad_mmap_tag_small, -XEN_EINVAL, "mmap tag too small" },
    { "efi_desc_size_32", bad_efi_desc_small, -XEN_EINVAL, "bad EFI descriptor size" },
    { "efi_desc_size_44", bad_efi_desc_odd, -XEN_EINVAL, "bad EFI descriptor size" },
    { "mmap_too_many_entries", bad_huge_count, -XEN_ENOSPC, "too many memory map" },
    { "mmap_region_wraps", bad_region_wraps, -XEN_EINVAL, "wraps around" },
    { "efi_pages_overflow", bad_efi_pages_huge, -XEN_EINVAL, "EFI descriptor too large" },
    { "module_start_after_end", bad_module_reversed, -XEN_EINVAL, "starts after its end" },
    { "too_many_modules", bad_too_many_modules, -XEN_ENOSPC, "too many modules" },
    { "module_tag_too_small", bad_module_small, -XEN_EINVAL, "module tag too small" },
    { "module_cmdline_unterminated", bad_module_unterminated, -XEN_EINVAL, "unterminated" },
    { "cmdline_unterminated", bad_cmdline_unterminated, -XEN_EINVAL, "unterminated" },
    { "loader_name_empty_tag", bad_cmdline_empty_tag, -XEN_EINVAL, "unterminated" },
    { "duplicate_cmdline", bad_duplicate_cmdline, -XEN_EINVAL, "duplicate tag" },
    { "rsdp_v2_too_small", bad_rsdp_small, -XEN_EINVAL, "RSDP tag too small" },
    { "rsdp_bad_signature", bad_rsdp_signature, -XEN_EINVAL, "bad ACPI RSDP signature" },
    { "framebuffer_too_small", bad_fb_small, -XEN_EINVAL, "framebuffer tag too small" },
    { "efi32_too_small", bad_efi32_small, -XEN_EINVAL, "EFI system table tag too small" },
};

static void run_bad(void **state)
{
    const struct bad_case *c = *state;
    static uint8_t buf[BUILD_MAX];
    struct bad_input in = { 0, INFO_PA };
    struct mb2_builder b;
    struct boot_info *bi = malloc(sizeof(*bi));
    const char *why = NULL;
    uint8_t *exact;

    assert_non_null(bi);
    mb2b_init(&b, buf, sizeof(buf));
    c->build(&b, &in);
    if (in.avail == 0)
        in.avail = b.len;
    exact = malloc(in.avail);
    assert_non_null(exact);
    memcpy(exact, buf, in.avail);
    assert_int_equal(mb2_parse(exact, in.avail, in.pa, bi, &why), c->rc);
    assert_non_null(why);
    if (strstr(why, c->why) == NULL)
        fail_msg("reason \"%s\" does not mention \"%s\"", why, c->why);
    free(exact);
    free(bi);
}

static void test_null_arguments(void **state)
{
    struct boot_info *bi = malloc(sizeof(*bi));
    const char *why = NULL;

    (void)state;
    assert_non_null(bi);
    assert_int_equal(mb2_parse(NULL, 64, INFO_PA, bi, &why), -XEN_EINVAL);
    assert_non_null(why);
    assert_int_equal(mb2_parse("", 1, INFO_PA, NULL, NULL), -XEN_EINVAL);
    free(bi);
}

int main(void)
{
    enum { N = sizeof(cases) / sizeof(cases[0]) };
    struct CMUnitTest tests[N + 1];

    for (unsigned i = 0; i < N; i++) {
        tests[i] = (struct CMUnitTest){ .name = cases[i].name, .test_func = run_bad,
                                        .initial_state = (void *)&cases[i] };
    }
    tests[N] = (struct CMUnitTest){ .name = "null_arguments", .test_func = test_null_arguments };
    return _cmocka_run_group_tests("mb2_bad", tests, N + 1, NULL, NULL);
}
