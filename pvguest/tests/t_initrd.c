/* The initial ramdisk as the builder describes it (manual test: only scenarios that load an
 * initrd module run it). Without XEN_ELFNOTE_MOD_START_PFN, start_info.mod_start is the VA of
 * the mapped ramdisk, page aligned, and mod_len its exact length; the bytes must be the file's
 * (tests/boot/initrd/initrd.txt starts with the marker below and is INITRD_TEST_LEN bytes). */
#include "abi/start_info.h"
#include "pvguest/boot.h"
#include "pvguest/string.h"
#include "pvguest/test.h"

#define INITRD_MARKER "KEEL-INITRD-TEST"
#define INITRD_TEST_LEN 5000
#define INITRD_PAGE_MASK 0xfffUL

TEST_CASE_MANUAL(initrd_mapped);
static int initrd_mapped(struct test_ctx *t)
{
    const struct start_info *si = boot_start_info();
    const char *rd = (const char *)si->mod_start;

    if (si->flags & SIF_MOD_START_PFN)
        return test_fail(t, "SIF_MOD_START_PFN set for a kernel without the note");
    if (!si->mod_start || (si->mod_start & INITRD_PAGE_MASK))
        return test_fail(t, "mod_start %lx is not a page-aligned VA", si->mod_start);
    if (si->mod_len != INITRD_TEST_LEN)
        return test_fail(t, "mod_len %lu, want %u", si->mod_len, INITRD_TEST_LEN);
    if (memcmp(rd, INITRD_MARKER, sizeof(INITRD_MARKER) - 1))
        return test_fail(t, "the ramdisk does not start with the marker");
    if (rd[INITRD_TEST_LEN - 1] != '\n')
        return test_fail(t, "the ramdisk's last byte is not the file's");
    if (si->mod_start >= si->mfn_list)
        return test_fail(t, "ramdisk %lx not before the p2m list %lx", si->mod_start,
                         si->mfn_list);
    return test_pass(t);
}
