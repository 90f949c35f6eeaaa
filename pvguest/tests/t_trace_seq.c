/* Guest side of the trace scenarios (tests/boot/trace-sequence, tests/boot/trace-lost; the
 * host check is tests/trace/qemu.sh). Between two marker hypercalls each test issues a fixed
 * sequence of MMU batches and nothing else (no console output), then prints "TRACESEQ NAME
 * VALUE" lines: the build-dependent numbers (frames, addresses) the host substitutes into
 * the dump it expects. The sequence leaves every mapping as it found it. */
#include <stdbool.h>

#include "abi/errno.h"
#include "abi/mmu.h"
#include "abi/version.h"
#include "abi/xen.h"
#include "pvguest/console.h"
#include "pvguest/hypercall.h"
#include "pvguest/layout.h"
#include "pvguest/mm.h"
#include "pvguest/pte.h"
#include "pvguest/test.h"

/* Markers: xen_version with sub-ops no Xen defines (-ENOSYS), easy to find in a dump. */
#define TSEQ_MARK_SEQ_BEGIN   0x7ace0001
#define TSEQ_MARK_SEQ_END     0x7ace0002
#define TSEQ_MARK_FLOOD_BEGIN 0x7ace0003
#define TSEQ_MARK_FLOOD_END   0x7ace0004
#define TSEQ_BAD_MFN          0xfffffffULL  /* no RAM there: mapping it is -EPERM */
#define TSEQ_MAX_REQS         64            /* requests per flood batch */
#define TSEQ_FLOOD_BATCHES    8
#define TSEQ_DEC_MAX          0xffff        /* keeltrace prints larger results in hex */
#define TSEQ_PTE_RO           (PTE_P | PTE_A)
#define TSEQ_PTE_RW           (PTE_P | PTE_RW | PTE_A | PTE_D)
#define TSEQ_SLOT_P           5             /* the table slots the batches write */
#define TSEQ_SLOT_Q           6

/* Two free pages and a third, t, made into a pinned L1 table of the guest's own (linked
 * into no L2: the batches below write to it and the hypervisor validates every entry, but
 * nothing is mapped through it). */
struct tseq_pages {
    uint64_t p, q, t;       /* pfns */
    uint64_t mp, mq;        /* mfns of p and q */
    uint64_t l1;            /* mfn of t */
    uint64_t va, vt;        /* VAs of p and t */
};

static struct mmu_update tseq_req[TSEQ_MAX_REQS];
static struct mmuext_op tseq_ops[2];
static struct multicall_entry tseq_mc[2];
static uint32_t tseq_done;

static long tseq_mark(unsigned int which)
{
    return hypercall_xen_version((int)which, 0);
}

static long tseq_remap(uint64_t va, uint64_t mfn, uint64_t flags)
{
    return hypercall_3(__HYPERVISOR_update_va_mapping, va, (mfn << PVG_PAGE_SHIFT) | flags,
                       UVMF_INVLPG);
}

static long tseq_ext1(unsigned int cmd, uint64_t mfn)
{
    struct mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn };

    return hypercall_5(__HYPERVISOR_mmuext_op, (uint64_t)&op, 1, 0, DOMID_SELF, 0);
}

static bool tseq_alloc(struct tseq_pages *g)
{
    if (mm_alloc_page(&g->p) || mm_alloc_page(&g->q) || mm_alloc_page(&g->t))
        return false;
    g->va = (uint64_t)mm_pfn_to_va(g->p);
    g->vt = (uint64_t)mm_pfn_to_va(g->t);
    g->mp = mm_pfn_to_mfn(g->p);
    g->mq = mm_pfn_to_mfn(g->q);
    g->l1 = mm_pfn_to_mfn(g->t);
    return g->va && g->vt && mm_pfn_to_va(g->q);
}

/* 0, or why the test cannot run (ERROR): t zeroed, mapped read-only, pinned as an L1. */
static const char *tseq_pick(struct tseq_pages *g)
{
    if (!tseq_alloc(g))
        return "no three free mapped pages";
    for (unsigned int i = 0; i < PT_ENTRIES; i++)
        ((volatile uint64_t *)g->vt)[i] = 0;
    if (tseq_remap(g->vt, g->l1, TSEQ_PTE_RO))
        return "update_va_mapping could not make the table page read-only";
    if (tseq_ext1(MMUEXT_PIN_L1_TABLE, g->l1))
        return "the zeroed table page could not be pinned as an L1";
    return 0;
}

static void tseq_set(unsigned int i, unsigned int cmd, uint64_t l1, unsigned int slot,
                     uint64_t val)
{
    tseq_req[i].ptr = (l1 << PVG_PAGE_SHIFT) + (uint64_t)slot * PT_ENTRY_BYTES + cmd;
    tseq_req[i].val = val;
}

static long tseq_mmu(unsigned int n)
{
    return hypercall_5(__HYPERVISOR_mmu_update, (uint64_t)tseq_req, n, (uint64_t)&tseq_done,
                       DOMID_SELF, 0);
}

/* Empties the two slots, unpins t, maps it writable again and frees the pages. */
static void tseq_free(const struct tseq_pages *g)
{
    tseq_set(0, MMU_NORMAL_PT_UPDATE, g->l1, TSEQ_SLOT_P, 0);
    tseq_set(1, MMU_NORMAL_PT_UPDATE, g->l1, TSEQ_SLOT_Q, 0);
    tseq_mmu(2);
    tseq_ext1(MMUEXT_UNPIN_TABLE, g->l1);
    tseq_remap(g->vt, g->l1, TSEQ_PTE_RW);
    mm_free_page(g->p);
    mm_free_page(g->q);
    mm_free_page(g->t);
}

/* Batches 1 (p read-only, p's M2P entry rewritten) and 2 (flush). */
static bool tseq_first(const struct tseq_pages *g)
{
    tseq_set(0, MMU_NORMAL_PT_UPDATE, g->l1, TSEQ_SLOT_P, (g->mp << PVG_PAGE_SHIFT) | TSEQ_PTE_RO);
    tseq_req[1].ptr = (g->mp << PVG_PAGE_SHIFT) | MMU_MACHPHYS_UPDATE;
    tseq_req[1].val = g->p;
    if (tseq_mmu(2) != 0 || tseq_done != 2)
        return false;
    tseq_ops[0] = (struct mmuext_op){ .cmd = MMUEXT_INVLPG_LOCAL, .arg1.linear_addr = g->va };
    tseq_ops[1] = (struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_LOCAL };
    return hypercall_5(__HYPERVISOR_mmuext_op, (uint64_t)tseq_ops, 2, (uint64_t)&tseq_done,
                       DOMID_SELF, 0) == 0 && tseq_done == 2;
}

/* Batch 3 ends in the deliberate -EPERM (2 done); batch 4 restores q and rewrites p with
 * its A/D bits preserved; then a multicall of update_va_mapping and xen_version. */
static bool tseq_rest(const struct tseq_pages *g, long *version)
{
    uint64_t rw_p = (g->mp << PVG_PAGE_SHIFT) | TSEQ_PTE_RW;

    tseq_set(0, MMU_NORMAL_PT_UPDATE, g->l1, TSEQ_SLOT_P, rw_p);
    tseq_set(1, MMU_NORMAL_PT_UPDATE, g->l1, TSEQ_SLOT_Q, (g->mq << PVG_PAGE_SHIFT) | TSEQ_PTE_RO);
    tseq_set(2, MMU_NORMAL_PT_UPDATE, g->l1, TSEQ_SLOT_Q,
             (TSEQ_BAD_MFN << PVG_PAGE_SHIFT) | TSEQ_PTE_RW);
    if (tseq_mmu(3) != -XEN_EPERM || tseq_done != 2)
        return false;
    tseq_set(0, MMU_NORMAL_PT_UPDATE, g->l1, TSEQ_SLOT_Q, (g->mq << PVG_PAGE_SHIFT) | TSEQ_PTE_RW);
    tseq_set(1, MMU_PT_UPDATE_PRESERVE_AD, g->l1, TSEQ_SLOT_P,
             (g->mp << PVG_PAGE_SHIFT) | PTE_P | PTE_RW);
    if (tseq_mmu(2) != 0 || tseq_done != 2)
        return false;
    tseq_mc[0] = (struct multicall_entry){ .op = __HYPERVISOR_update_va_mapping,
                                           .args = { g->va, rw_p, UVMF_INVLPG } };
    tseq_mc[1] = (struct multicall_entry){ .op = __HYPERVISOR_xen_version,
                                           .args = { XENVER_version } };
    if (hypercall_2(__HYPERVISOR_multicall, (uint64_t)tseq_mc, 2) != 0 || tseq_mc[0].result)
        return false;
    *version = (long)tseq_mc[1].result;
    return true;
}

static void tseq_print_result(const char *name, long v)
{
    if (v >= 0 && v <= TSEQ_DEC_MAX)
        printk("TRACESEQ %s %ld\n", name, v);
    else
        printk("TRACESEQ %s 0x%lx\n", name, (unsigned long)v);
}

static void tseq_print(const struct tseq_pages *g, long version)
{
    printk("TRACESEQ L1 0x%lx\nTRACESEQ MP 0x%lx\nTRACESEQ MQ 0x%lx\nTRACESEQ P 0x%lx\n",
           g->l1, g->mp, g->mq, g->p);
    printk("TRACESEQ IP %u\nTRACESEQ IQ %u\nTRACESEQ VA 0x%lx\nTRACESEQ BAD 0x%lx\n", TSEQ_SLOT_P,
           TSEQ_SLOT_Q, g->va, (unsigned long)TSEQ_BAD_MFN);
    printk("TRACESEQ REQS 0x%lx\nTRACESEQ OPS 0x%lx\nTRACESEQ CALLS 0x%lx\n",
           (uint64_t)tseq_req, (uint64_t)tseq_ops, (uint64_t)tseq_mc);
    printk("TRACESEQ DONE 0x%lx\n", (uint64_t)&tseq_done);
    tseq_print_result("VERSION", version);
}

/* The known sequence: mmu_update x2 (ok), mmuext_op x2, mmu_update x3 (-EPERM at [2]),
 * mmu_update x2 (ok), multicall x2. The page contents must survive it all. */
TEST_CASE_MANUAL(trace_sequence);
static int trace_sequence(struct test_ctx *t)
{
    struct tseq_pages g;
    const char *why = tseq_pick(&g);
    long version = 0;
    bool ok;

    if (why)
        return test_error(t, "%s", why);
    *(volatile uint64_t *)g.va = g.mp;
    tseq_mark(TSEQ_MARK_SEQ_BEGIN);
    ok = tseq_first(&g) && tseq_rest(&g, &version);
    tseq_mark(TSEQ_MARK_SEQ_END);
    if (!ok)
        return test_fail(t, "a batch of the sequence returned an unexpected result");
    if (*(volatile uint64_t *)g.va != g.mp)
        return test_fail(t, "page p lost its contents through the remappings");
    *(volatile uint64_t *)g.va = 0;   /* writable again */
    tseq_print(&g, version);
    tseq_free(&g);
    return test_pass(t);
}

/* Hypercall-heavy: TSEQ_FLOOD_BATCHES mmu_update batches of TSEQ_MAX_REQS requests, each
 * rewriting p's entry with its current value (all succeed), so that a tiny trace buffer
 * overflows inside every batch. */
TEST_CASE_MANUAL(trace_flood);
static int trace_flood(struct test_ctx *t)
{
    struct tseq_pages g;
    const char *why = tseq_pick(&g);
    bool ok = true;

    if (why)
        return test_error(t, "%s", why);
    for (unsigned int i = 0; i < TSEQ_MAX_REQS; i++)
        tseq_set(i, MMU_NORMAL_PT_UPDATE, g.l1, TSEQ_SLOT_P, (g.mp << PVG_PAGE_SHIFT) | TSEQ_PTE_RW);
    tseq_mark(TSEQ_MARK_FLOOD_BEGIN);
    for (unsigned int b = 0; b < TSEQ_FLOOD_BATCHES; b++)
        ok &= tseq_mmu(TSEQ_MAX_REQS) == 0 && tseq_done == TSEQ_MAX_REQS;
    tseq_mark(TSEQ_MARK_FLOOD_END);
    tseq_free(&g);
    if (!ok)
        return test_fail(t, "a flood batch failed");
    printk("TRACESEQ FLOOD_BATCHES %u\nTRACESEQ FLOOD_REQS %u\n", TSEQ_FLOOD_BATCHES,
           TSEQ_MAX_REQS);
    return test_pass(t);
}
