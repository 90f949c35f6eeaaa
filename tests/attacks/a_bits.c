/* Attacks with disallowed PTE bits: cache attributes (PAT, PCD, PWT) from an unprivileged
 * domain, superpages (PSE in L2, L3, L4: XSA-148, XSA-176), and the global bit outside L1.
 * Xen refuses all with -EINVAL (its L1/L2/L3/L4 disallow masks); so must Keel, leaving the
 * entry as it was. */
#include "tests/attacks/atk.h"

/* Cache attributes on a read-only mapping of the attacker's own data page. */
static int l1_cache_bits(struct test_ctx *t, bool via_uva)
{
    static const uint64_t bad[] = { ATK_PSE /* PAT */, ATK_PCD, ATK_PWT, ATK_PCD | ATK_PWT };
    struct atk_page data;
    struct atk_slot s;
    int v = TEST_SUCCESS;

    if (atk_page_get(&data) || atk_slot_get(&s))
        return test_error(t, "setup failed");
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]) && v == TEST_SUCCESS; i++) {
        uint64_t pte = (data.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO | bad[i];
        long rc = via_uva ? atk_uva(s.va, pte, UVMF_INVLPG) : atk_mmu1(s.ma, pte);
        v = atk_slot_refused(t, "L1 cache attribute", &s, rc, -XEN_EINVAL);
    }
    if (v == TEST_SUCCESS && atk_mmu1(s.ma, (data.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO))
        v = test_fail(t, "plain read-only mapping refused afterwards");
    atk_slot_put(&s);
    atk_page_put(&data);
    return v;
}

static int l1_cache_mmu(struct test_ctx *t) { return l1_cache_bits(t, false); }
TEST_CASE(atk_l1_cache_attrs_mmu);
static int atk_l1_cache_attrs_mmu(struct test_ctx *t) { return atk_run(t, l1_cache_mmu); }

static int l1_cache_uva(struct test_ctx *t) { return l1_cache_bits(t, true); }
TEST_CASE(atk_l1_cache_attrs_uva);
static int atk_l1_cache_attrs_uva(struct test_ctx *t) { return atk_run(t, l1_cache_uva); }

/* Entry 0 of a pinned table of `level`, set to `val` with extra bits: -EINVAL, entry still 0
 * (read through the table's read-only mapping). */
static int table_bits(struct test_ctx *t, unsigned level, uint64_t target_mfn, uint64_t bits)
{
    struct atk_page tbl;
    long rc;
    int v;

    if (atk_page_get(&tbl) || atk_table_pin(&tbl, level))
        return test_error(t, "setup failed");
    rc = atk_mmu1(atk_ma(tbl.mfn, 0), (target_mfn << ATK_PAGE_SHIFT) | ATK_TABLE | bits);
    v = atk_expect(t, "entry with disallowed bits", rc, -XEN_EINVAL);
    if (v == TEST_SUCCESS && tbl.va[0])
        v = test_fail(t, "refused, but the L%u entry is now %lx", level, tbl.va[0]);
    if (atk_table_unpin(&tbl) && v == TEST_SUCCESS)
        v = test_fail(t, "table no longer pinned");
    atk_page_put(&tbl);
    return v;
}

/* PSE: a superpage over the attacker's own frames (XSA-148's shape: PSE with RW). */
static int superpage(struct test_ctx *t, unsigned level)
{
    struct atk_page data;
    int v;

    if (atk_page_get(&data))
        return test_error(t, "setup failed");
    v = table_bits(t, level, data.mfn, ATK_PSE | ATK_D);
    atk_page_put(&data);
    return v;
}

static int l2_pse(struct test_ctx *t) { return superpage(t, 2); }
TEST_CASE(atk_l2_superpage);
static int atk_l2_superpage(struct test_ctx *t) { return atk_run(t, l2_pse); }

static int l3_pse(struct test_ctx *t) { return superpage(t, 3); }
TEST_CASE(atk_l3_superpage);
static int atk_l3_superpage(struct test_ctx *t) { return atk_run(t, l3_pse); }

static int l4_pse(struct test_ctx *t) { return superpage(t, 4); }
TEST_CASE(atk_l4_pse_reserved);
static int atk_l4_pse_reserved(struct test_ctx *t) { return atk_run(t, l4_pse); }

/* G outside L1: the child is a zeroed frame that would validate as the lower level. */
static int global_outside_l1(struct test_ctx *t)
{
    int v = TEST_SUCCESS;

    for (unsigned level = 2; level <= ATK_LEVELS && v == TEST_SUCCESS; level++) {
        struct atk_page child;
        if (atk_page_get(&child) || atk_page_ro(&child))
            return test_error(t, "setup failed");
        v = table_bits(t, level, child.mfn, ATK_G);
        atk_page_put(&child);
    }
    return v;
}
TEST_CASE(atk_global_outside_l1);
static int atk_global_outside_l1(struct test_ctx *t) { return atk_run(t, global_outside_l1); }
