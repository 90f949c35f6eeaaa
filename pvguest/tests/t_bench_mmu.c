/* MMU benchmarks (make bench pairs each BENCH figure with real Xen 4.17's): instructions per
 *   mmu_update_b1/b16/b512  validated L1 update, batches of 1, 16 and 512 requests: 512 slots
 *                           of one L1 alternate between two frames, so every request really
 *                           changes the mapped frame (a writable mapping moves);
 *   update_va_mapping       call, alternating the frame of one VA, UVMF_INVLPG;
 *   pin_unpin_tree          MMUEXT_PIN_L4_TABLE + MMUEXT_UNPIN_TABLE (one mmuext_op call) of a
 *                           fresh L4 -> L3 -> L2 -> L1 tree rebuilt from zeroed frames each time.
 * Method as t_bench.c: under -icount shift=0 the TSC counts instructions; the best of several
 * rounds minus the same loop without the hypercall, divided by the operations per round. */
#include <stdbool.h>

#include "abi/errno.h"
#include "abi/mmu.h"
#include "abi/xen.h"
#include "pvguest/aspace.h"
#include "pvguest/console.h"
#include "pvguest/hypercall.h"
#include "pvguest/layout.h"
#include "pvguest/mm.h"
#include "pvguest/mmu.h"
#include "pvguest/pt.h"
#include "pvguest/pte.h"
#include "pvguest/string.h"
#include "pvguest/test.h"

#define BM_VA       xen_mk_ulong(0xffffd00000000000) /* L4 slot 416: the benchmark's L1 */
#define BM_SLOTS    PT_ENTRIES
#define BM_ROUNDS   8
#define BM_UVA_CALLS 512
#define BM_TREE     4        /* L4, L3, L2, L1 */
#define BM_TSC_HI_SHIFT 32
#define BM_MARK     0x6d6d42454e434800ULL

struct bm_state {
    bool ready;
    uint64_t frame[2];                      /* PFNs of the two data frames */
    struct mmu_update req[2][BM_SLOTS];     /* slot i -> frame 0, slot i -> frame 1 */
    uint64_t tree[BM_TREE];                 /* PFNs of the pin benchmark's tables */
};

static struct bm_state bm;

static inline uint64_t bm_rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
    return ((uint64_t)hi << BM_TSC_HI_SHIFT) | lo;
}

static uint64_t bm_min(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* Two marked frames, the L1 under BM_VA, both request arrays; slots start on frame 0. */
static long bm_setup(void)
{
    uint64_t ma;
    long rc = 0;

    if (bm.ready)
        return 0;
    for (unsigned int f = 0; f < 2 && !rc; f++)
        rc = mm_alloc_page(&bm.frame[f]);
    for (unsigned int i = 0; i < BM_TREE && !rc; i++)
        rc = mm_alloc_page(&bm.tree[i]);
    if (!rc)
        rc = pt_l1_slot(BM_VA, &ma);
    if (rc)
        return rc;
    for (unsigned int f = 0; f < 2; f++) {
        *(volatile uint64_t *)mm_pfn_to_va(bm.frame[f]) = BM_MARK | f;
        for (unsigned int i = 0; i < BM_SLOTS; i++)
            bm.req[f][i] = (struct mmu_update){
                (ma & ~(PVG_PAGE_SIZE - 1)) + i * PT_ENTRY_BYTES + MMU_NORMAL_PT_UPDATE,
                (mm_pfn_to_mfn(bm.frame[f]) << PVG_PAGE_SHIFT) | PTE_DATA_RW };
    }
    rc = mmu_update(bm.req[0], BM_SLOTS);
    bm.ready = rc == 0;
    return rc;
}

/* Every slot onto frame f, in calls of `batch` requests; false if one was not applied. */
static bool bm_pass(unsigned int f, unsigned int batch)
{
    unsigned int done;
    bool ok = true;

    for (unsigned int off = 0; off < BM_SLOTS; off += batch) {
        ok &= hypercall_5(__HYPERVISOR_mmu_update, (uint64_t)&bm.req[f][off], batch,
                          (uint64_t)&done, DOMID_SELF, 0) == 0;
        ok &= done == batch;
    }
    return ok;
}

static uint64_t bm_pass_empty(unsigned int batch)
{
    uint64_t t0 = bm_rdtsc();
    bool ok = true;

    for (unsigned int f = 1; f < 3; f++)
        for (unsigned int off = 0; off < BM_SLOTS; off += batch) {
            unsigned int done = batch;
            long v = 0;

            __asm__ volatile("" : "+a"(v), "+r"(done) : "r"(&bm.req[f & 1][off]) : "memory");
            ok &= v == 0;
            ok &= done == batch;
        }
    __asm__ volatile("" :: "r"(ok));
    return bm_rdtsc() - t0;
}

/* After the last pass (frame 0) every slot must read frame 0's mark. */
static bool bm_check_slots(void)
{
    if (mmu_ext(MMUEXT_TLB_FLUSH_LOCAL, 0))
        return false;
    for (unsigned int i = 0; i < BM_SLOTS; i++)
        if (*(volatile uint64_t *)(BM_VA + i * PVG_PAGE_SIZE) != BM_MARK)
            return false;
    return true;
}

static int bm_mmu_update(struct test_ctx *t, unsigned int batch, const char *name)
{
    uint64_t best = ~0ULL, empty = ~0ULL;
    long rc = aspace_switched() ? bm_setup() : -XEN_ENOSYS;

    if (rc)
        return test_error(t, "setup: rc %ld (needs pvguest's own address space)", rc);
    for (unsigned int r = 0; r < BM_ROUNDS; r++) {
        uint64_t t0 = bm_rdtsc();
        bool ok = bm_pass(1, batch) && bm_pass(0, batch);

        best = bm_min(best, bm_rdtsc() - t0);
        if (!ok)
            return test_fail(t, "an mmu_update of batch %u failed", batch);
        empty = bm_min(empty, bm_pass_empty(batch));
    }
    if (!bm_check_slots())
        return test_fail(t, "slots do not map frame 0 after the passes");
    if (best <= empty)
        return test_error(t, "TSC did not advance (%lu, empty %lu)", best, empty);
    printk("BENCH %s %lu\n", name, (best - empty) / (2 * BM_SLOTS));
    return test_pass(t);
}

TEST_CASE(bench_mmu_update_b1);
static int bench_mmu_update_b1(struct test_ctx *t)
{
    return bm_mmu_update(t, 1, "mmu_update_b1");
}

TEST_CASE(bench_mmu_update_b16);
static int bench_mmu_update_b16(struct test_ctx *t)
{
    return bm_mmu_update(t, 16, "mmu_update_b16");
}

TEST_CASE(bench_mmu_update_b512);
static int bench_mmu_update_b512(struct test_ctx *t)
{
    return bm_mmu_update(t, BM_SLOTS, "mmu_update_b512");
}

/* BM_UVA_CALLS calls moving BM_VA between the two frames. */
static bool bm_uva_round(uint64_t *ticks)
{
    uint64_t pte[2], t0;
    bool ok = true;

    for (unsigned int f = 0; f < 2; f++)
        pte[f] = bm.req[f][0].val;
    t0 = bm_rdtsc();
    for (unsigned int i = 0; i < BM_UVA_CALLS; i++)
        ok &= hypercall_3(__HYPERVISOR_update_va_mapping, BM_VA, pte[(i + 1) & 1],
                          UVMF_INVLPG) == 0;
    *ticks = bm_rdtsc() - t0;
    return ok;
}

static uint64_t bm_uva_empty(void)
{
    uint64_t t0 = bm_rdtsc();
    bool ok = true;

    for (unsigned int i = 0; i < BM_UVA_CALLS; i++) {
        long v = 0;

        __asm__ volatile("" : "+a"(v) : "r"(bm.req[(i + 1) & 1][0].val) : "memory");
        ok &= v == 0;
    }
    __asm__ volatile("" :: "r"(ok));
    return bm_rdtsc() - t0;
}

TEST_CASE(bench_update_va_mapping);
static int bench_update_va_mapping(struct test_ctx *t)
{
    uint64_t best = ~0ULL, empty = ~0ULL, ticks;
    long rc = aspace_switched() ? bm_setup() : -XEN_ENOSYS;

    if (rc)
        return test_error(t, "setup: rc %ld (needs pvguest's own address space)", rc);
    for (unsigned int r = 0; r < BM_ROUNDS; r++) {
        if (!bm_uva_round(&ticks))
            return test_fail(t, "an update_va_mapping failed");
        best = bm_min(best, ticks);
        empty = bm_min(empty, bm_uva_empty());
    }
    if (*(volatile uint64_t *)BM_VA != BM_MARK)   /* an even count ends on frame 0 */
        return test_fail(t, "BM_VA reads %lx, want frame 0's mark",
                         *(volatile uint64_t *)BM_VA);
    if (best <= empty)
        return test_error(t, "TSC did not advance (%lu, empty %lu)", best, empty);
    printk("BENCH update_va_mapping %lu\n", (best - empty) / BM_UVA_CALLS);
    return test_pass(t);
}

/* Rebuilds the tree in zeroed frames: each made writable in the direct map, zeroed and
 * linked to the next, then read-only again (a frame mapped writable cannot become a table). */
static long bm_tree_build(void)
{
    long rc = 0;

    for (unsigned int i = 0; i < BM_TREE && !rc; i++)
        rc = pt_direct_set_rw(bm.tree[i], true);
    for (unsigned int i = 0; i < BM_TREE && !rc; i++) {
        uint64_t *table = mm_pfn_to_va(bm.tree[i]);

        memset(table, 0, PVG_PAGE_SIZE);
        if (i + 1 < BM_TREE)
            table[0] = (mm_pfn_to_mfn(bm.tree[i + 1]) << PVG_PAGE_SHIFT) | PTE_TABLE;
    }
    for (unsigned int i = 0; i < BM_TREE && !rc; i++)
        rc = pt_direct_set_rw(bm.tree[i], false);
    return rc;
}

/* One timed mmuext_op call: pin the fresh L4 (validating all four tables), unpin it. */
static long bm_pin_unpin(uint64_t *ticks)
{
    uint64_t l4 = mm_pfn_to_mfn(bm.tree[0]), t0;
    struct mmuext_op ops[2] = { { .cmd = MMUEXT_PIN_L4_TABLE, .arg1.mfn = l4 },
                                { .cmd = MMUEXT_UNPIN_TABLE, .arg1.mfn = l4 } };
    unsigned int done = 0;
    long rc;

    t0 = bm_rdtsc();
    rc = hypercall_5(__HYPERVISOR_mmuext_op, (uint64_t)ops, 2, (uint64_t)&done, DOMID_SELF, 0);
    *ticks = bm_rdtsc() - t0;
    return rc ? rc : (done == 2 ? 0 : -XEN_EIO);
}

static uint64_t bm_pin_empty(void)
{
    uint64_t t0 = bm_rdtsc();
    long v = 0;

    __asm__ volatile("" : "+a"(v) : "r"(&bm.tree[0]) : "memory");
    return bm_rdtsc() - t0 + (uint64_t)v;
}

TEST_CASE(bench_pin_unpin_tree);
static int bench_pin_unpin_tree(struct test_ctx *t)
{
    uint64_t best = ~0ULL, empty = ~0ULL, ticks;
    long rc = aspace_switched() ? bm_setup() : -XEN_ENOSYS;

    if (rc)
        return test_error(t, "setup: rc %ld (needs pvguest's own address space)", rc);
    for (unsigned int r = 0; r < BM_ROUNDS; r++) {
        rc = bm_tree_build();
        if (rc)
            return test_error(t, "building the tree: rc %ld", rc);
        rc = bm_pin_unpin(&ticks);
        if (rc)
            return test_fail(t, "pin+unpin of a fresh tree: rc %ld", rc);
        best = bm_min(best, ticks);
        empty = bm_min(empty, bm_pin_empty());
    }
    if (best <= empty)
        return test_error(t, "TSC did not advance (%lu, empty %lu)", best, empty);
    printk("BENCH pin_unpin_tree %lu\n", best - empty);
    return test_pass(t);
}
