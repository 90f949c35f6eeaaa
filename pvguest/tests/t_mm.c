/* Tests of pvguest's page allocator against the builder's p2m and the hypervisor's read-only
 * M2P: allocated pages are distinct, outside the bootstrap data, backed by distinct machine
 * frames whose M2P entry names the PFN, usable where mapped, and come back when freed. */
#include "abi/arch_x86.h"
#include "abi/errno.h"
#include "pvguest/mm.h"
#include "pvguest/test.h"

#define MM_TEST_PAGES 64
#define MM_TEST_SALT  0x6d6d000000000000ULL

static const volatile uint64_t *const mm_m2p = (const volatile uint64_t *)MACH2PHYS_VIRT_START;

/* Checks page i of the batch against the p2m, the M2P and the earlier pages. */
static int mm_check_page(struct test_ctx *t, const uint64_t *pfns, unsigned int i)
{
    uint64_t mfn = mm_pfn_to_mfn(pfns[i]);
    uint64_t *va = mm_pfn_to_va(pfns[i]);

    if (pfns[i] < mm_first_pfn() || pfns[i] >= mm_end_pfn())
        return test_fail(t, "pfn %lx outside %lx..%lx", pfns[i], mm_first_pfn(), mm_end_pfn());
    for (unsigned int j = 0; j < i; j++)
        if (pfns[j] == pfns[i] || mm_pfn_to_mfn(pfns[j]) == mfn)
            return test_fail(t, "pages %u and %u share pfn %lx or mfn %lx", j, i, pfns[i], mfn);
    if (mm_m2p[mfn] != pfns[i])
        return test_fail(t, "M2P[%lx] = %lx, want pfn %lx", mfn, mm_m2p[mfn], pfns[i]);
    if (va) {
        *va = MM_TEST_SALT | pfns[i];
        if (*(volatile uint64_t *)va != (MM_TEST_SALT | pfns[i]))
            return test_fail(t, "pfn %lx does not hold a write", pfns[i]);
    }
    return test_pass(t);
}

TEST_CASE(mm_alloc_free);
static int mm_alloc_free(struct test_ctx *t)
{
    static uint64_t pfns[MM_TEST_PAGES];
    uint64_t before = mm_free_pages();

    if (before < MM_TEST_PAGES)
        return test_error(t, "only %lu free pages", before);
    for (unsigned int i = 0; i < MM_TEST_PAGES; i++) {
        long rc = mm_alloc_page(&pfns[i]);
        int v;

        if (rc)
            return test_fail(t, "alloc %u: rc %ld", i, rc);
        v = mm_check_page(t, pfns, i);
        if (v != TEST_SUCCESS)
            return v;
    }
    if (mm_free_pages() != before - MM_TEST_PAGES)
        return test_fail(t, "free count %lu, want %lu", mm_free_pages(), before - MM_TEST_PAGES);
    for (unsigned int i = 0; i < MM_TEST_PAGES; i++)
        if (mm_free_page(pfns[i]))
            return test_fail(t, "free of pfn %lx refused", pfns[i]);
    if (mm_free_page(pfns[0]) != -XEN_EINVAL || mm_free_page(0) != -XEN_EINVAL)
        return test_fail(t, "double free or bootstrap free accepted");
    if (mm_free_pages() != before)
        return test_fail(t, "free count %lu after frees, want %lu", mm_free_pages(), before);
    return test_pass(t);
}

/* The whole bootstrap mapping is there: the last mapped page can be written. */
TEST_CASE(mm_bootstrap_mapping);
static int mm_bootstrap_mapping(struct test_ctx *t)
{
    uint64_t last = mm_mapped_end() - 1;
    volatile uint64_t *va = mm_pfn_to_va(last);

    if (!va || last < mm_first_pfn())
        return test_error(t, "no free mapped page (mapped end %lx)", mm_mapped_end());
    *va = MM_TEST_SALT | last;
    if (*va != (MM_TEST_SALT | last))
        return test_fail(t, "last mapped pfn %lx does not hold a write", last);
    return test_pass(t);
}
