/* The hostile-guest toolkit, part 1: the attacker's own pages and tables, raw MMU hypercalls
 * with their `done` counts checked, verdicts, and the audit after each scenario. */
#include "tests/attacks/atk.h"

#include "abi/keel_debug.h"
#include "pvguest/console.h"
#include "pvguest/hypercall.h"
#include "pvguest/mm.h"
#include "pvguest/string.h"

#define ATK_DONE_UNSET 0xd0d0d0d0u   /* a `done` the hypervisor never wrote */

long atk_page_get(struct atk_page *p)
{
    /* The allocator is next-fit: a page without a VA is given back and the next one tried. */
    for (uint64_t tries = mm_end_pfn(); tries; tries--) {
        uint64_t pfn;
        if (mm_alloc_page(&pfn))
            return -XEN_ENOMEM;
        p->va = mm_pfn_to_va(pfn);
        if (!p->va) {
            mm_free_page(pfn);
            continue;
        }
        p->pfn = pfn;
        p->mfn = mm_pfn_to_mfn(pfn);
        if (atk_page_rw(p)) {
            mm_free_page(pfn);
            return -XEN_ENOMEM;
        }
        memset((void *)p->va, 0, ATK_PAGE_SIZE);
        return 0;
    }
    return -XEN_ENOMEM;
}

long atk_page_ro(const struct atk_page *p)
{
    return atk_uva((uint64_t)p->va, (p->mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO, UVMF_INVLPG);
}

long atk_page_rw(const struct atk_page *p)
{
    return atk_uva((uint64_t)p->va, (p->mfn << ATK_PAGE_SHIFT) | ATK_DATA_RW, UVMF_INVLPG);
}

long atk_page_unmap(const struct atk_page *p)
{
    return atk_uva((uint64_t)p->va, 0, UVMF_INVLPG);
}

void atk_page_put(const struct atk_page *p)
{
    long rc = atk_page_rw(p);

    if (rc) {
        printk("atk: pfn %lx (mfn %lx) cannot be made writable again (%ld); leaked\n", p->pfn,
               p->mfn, rc);
        return;
    }
    mm_free_page(p->pfn);
}

long atk_table_pin(const struct atk_page *p, unsigned level)
{
    long rc = atk_page_ro(p);

    if (rc)
        return rc;
    rc = atk_ext1(MMUEXT_PIN_L1_TABLE + level - 1, p->mfn);
    if (rc)
        atk_page_rw(p);
    return rc;
}

long atk_table_unpin(const struct atk_page *p)
{
    return atk_ext1(MMUEXT_UNPIN_TABLE, p->mfn);
}

long atk_slot_get(struct atk_slot *s)
{
    uint64_t val;
    long rc = atk_page_get(&s->page);

    if (rc)
        return rc;
    s->va = (uint64_t)s->page.va;
    rc = atk_page_unmap(&s->page);
    if (!rc)
        rc = atk_entry(s->va, 1, &s->ma, &val);
    if (!rc && val)
        rc = -XEN_EEXIST;
    if (rc)
        atk_page_put(&s->page);
    return rc;
}

void atk_slot_put(const struct atk_slot *s)
{
    atk_page_put(&s->page);
}

uint64_t atk_slot_entry(const struct atk_slot *s)
{
    uint64_t ma, val;

    return atk_entry(s->va, 1, &ma, &val) ? ~xen_mk_ulong(0) : val;
}

int atk_slot_refused(struct test_ctx *t, const char *what, const struct atk_slot *s, long rc,
                     long want)
{
    uint64_t e = atk_slot_entry(s);

    if (rc != want)
        return test_fail(t, "%s: got %ld, want %ld", what, rc, want);
    if (e)
        return test_fail(t, "%s: refused, but the slot's entry is now %lx", what, e);
    return test_pass(t);
}

uint64_t atk_ma(uint64_t mfn, unsigned idx)
{
    return (mfn << ATK_PAGE_SHIFT) + idx * sizeof(uint64_t);
}

/* ---- raw hypercalls ---- */

long atk_mmu_update(const void *reqs, uint64_t count, void *pdone, uint64_t foreigndom)
{
    return hypercall_5(__HYPERVISOR_mmu_update, (uint64_t)reqs, count, (uint64_t)pdone,
                       foreigndom, 0);
}

long atk_mmuext(const void *ops, uint64_t count, void *pdone, uint64_t foreigndom)
{
    return hypercall_5(__HYPERVISOR_mmuext_op, (uint64_t)ops, count, (uint64_t)pdone,
                       foreigndom, 0);
}

long atk_uva(uint64_t va, uint64_t val, uint64_t flags)
{
    return hypercall_3(__HYPERVISOR_update_va_mapping, va, val, flags);
}

long atk_multicall(const void *list, uint64_t count)
{
    return hypercall_2(__HYPERVISOR_multicall, (uint64_t)list, count);
}

/* A single-element batch must report done = 1 on success and 0 on failure. */
static long atk_done_check(long rc, uint32_t done)
{
    if ((rc == 0 && done != 1) || (rc != 0 && done != 0)) {
        printk("atk: rc %ld with done %u\n", rc, done);
        return -XEN_EIO;
    }
    return rc;
}

long atk_mmu1(uint64_t ma, uint64_t val)
{
    struct mmu_update r = { ma, val };
    uint32_t done = ATK_DONE_UNSET;
    long rc = atk_mmu_update(&r, 1, &done, DOMID_SELF);

    return atk_done_check(rc, done);
}

long atk_ext1(unsigned cmd, uint64_t arg1)
{
    struct mmuext_op op = { .cmd = cmd, .arg1.mfn = arg1 };
    uint32_t done = ATK_DONE_UNSET;
    long rc = atk_mmuext(&op, 1, &done, DOMID_SELF);

    return atk_done_check(rc, done);
}

/* ---- verdicts and the audit ---- */

int atk_expect(struct test_ctx *t, const char *what, long got, long want)
{
    if (got == want)
        return test_pass(t);
    return test_fail(t, "%s: got %ld, want %ld", what, got, want);
}

static long atk_audit(void)
{
    return hypercall_2(KEEL_HYPERVISOR_debug_op, KEEL_DEBUGOP_audit, 0);
}

int atk_run(struct test_ctx *t, int (*body)(struct test_ctx *t))
{
    int v = body(t);
    long bad = atk_audit();

    if (bad == -XEN_ENOSYS)
        return v == TEST_SUCCESS ? test_error(t, "no audit (boot Keel with audit=1)") : v;
    if (bad < 0)
        return test_error(t, "audit debug_op: %ld", bad);
    if (bad > 0 && v == TEST_SUCCESS)
        return test_fail(t, "refused, but the audit found %ld frame-count mismatches", bad);
    return v;
}
