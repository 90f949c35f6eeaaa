/* Attacks with recursive and linear page tables (XSA-182, 185, 240, 290, 309) and on the
 * hypervisor's L4 slots. Keel refuses every same-level or self reference with -EINVAL (Xen's
 * code when the linear-table exception does not apply; Keel has no such exception), and
 * guest entries in slots 256-271 with -EINVAL (Xen's "L4 update in Xen-private area"). */
#include "tests/attacks/atk.h"

#define ATK_GUEST_L4_SLOT 1   /* a low-half L4 slot the kernel does not use */

/* Entry 0 of a pinned table of `level` naming the table itself, writable or read-only. */
static int self_reference(struct test_ctx *t, unsigned level, uint64_t flags)
{
    struct atk_page tbl;
    long rc;
    int v;

    if (atk_page_get(&tbl) || atk_table_pin(&tbl, level))
        return test_error(t, "setup failed");
    rc = atk_mmu1(atk_ma(tbl.mfn, 0), (tbl.mfn << ATK_PAGE_SHIFT) | flags);
    v = atk_expect(t, "self-referencing entry", rc, -XEN_EINVAL);
    if (v == TEST_SUCCESS && tbl.va[0])
        v = test_fail(t, "refused, but the entry is now %lx", tbl.va[0]);
    if (atk_table_unpin(&tbl) && v == TEST_SUCCESS)
        v = test_fail(t, "table no longer pinned");
    atk_page_put(&tbl);
    return v;
}

static int l4_self_rw(struct test_ctx *t) { return self_reference(t, 4, ATK_TABLE); }
TEST_CASE(atk_l4_recursive_rw);
static int atk_l4_recursive_rw(struct test_ctx *t) { return atk_run(t, l4_self_rw); }

static int l4_self_ro(struct test_ctx *t) { return self_reference(t, 4, ATK_P | ATK_US | ATK_A); }
TEST_CASE(atk_l4_recursive_ro);
static int atk_l4_recursive_ro(struct test_ctx *t) { return atk_run(t, l4_self_ro); }

static int l3_self(struct test_ctx *t) { return self_reference(t, 3, ATK_TABLE); }
TEST_CASE(atk_l3_recursive);
static int atk_l3_recursive(struct test_ctx *t) { return atk_run(t, l3_self); }

static int l2_self(struct test_ctx *t) { return self_reference(t, 2, ATK_TABLE); }
TEST_CASE(atk_l2_recursive);
static int atk_l2_recursive(struct test_ctx *t) { return atk_run(t, l2_self); }

/* XSA-182 proper: a recursive entry in the L4 the CPU runs on, then a linear entry to
 * another (pinned) L4. The live L4's slot stays empty. */
static int live_l4_linear(struct test_ctx *t)
{
    const volatile uint64_t *l4 = atk_table(atk_root());
    uint64_t ma = atk_ma(atk_root(), ATK_GUEST_L4_SLOT);
    struct atk_page other;
    int v;

    if (!l4 || l4[ATK_GUEST_L4_SLOT])
        return test_error(t, "live L4 unreadable or slot %d in use", ATK_GUEST_L4_SLOT);
    v = atk_expect(t, "live L4 naming itself",
                   atk_mmu1(ma, (atk_root() << ATK_PAGE_SHIFT) | ATK_TABLE), -XEN_EINVAL);
    if (v != TEST_SUCCESS)
        return v;
    if (atk_page_get(&other) || atk_table_pin(&other, 4))
        return test_error(t, "setup failed");
    v = atk_expect(t, "live L4 naming another L4",
                   atk_mmu1(ma, (other.mfn << ATK_PAGE_SHIFT) | ATK_TABLE), -XEN_EINVAL);
    if (v == TEST_SUCCESS && l4[ATK_GUEST_L4_SLOT])
        v = test_fail(t, "refused, but the slot is now %lx", l4[ATK_GUEST_L4_SLOT]);
    atk_table_unpin(&other);
    atk_page_put(&other);
    return v;
}
TEST_CASE(atk_l4_linear_live);
static int atk_l4_linear_live(struct test_ctx *t) { return atk_run(t, live_l4_linear); }

/* Linear L2 -> L2: entry of one pinned L2 naming another pinned L2. */
static int l2_linear(struct test_ctx *t)
{
    struct atk_page a, b;
    int v;

    if (atk_page_get(&a) || atk_table_pin(&a, 2) || atk_page_get(&b) || atk_table_pin(&b, 2))
        return test_error(t, "setup failed");
    v = atk_expect(t, "L2 naming an L2",
                   atk_mmu1(atk_ma(a.mfn, 0), (b.mfn << ATK_PAGE_SHIFT) | ATK_TABLE),
                   -XEN_EINVAL);
    if (v == TEST_SUCCESS && a.va[0])
        v = test_fail(t, "refused, but the entry is now %lx", a.va[0]);
    atk_table_unpin(&a);
    atk_table_unpin(&b);
    atk_page_put(&a);
    atk_page_put(&b);
    return v;
}
TEST_CASE(atk_l2_linear);
static int atk_l2_linear(struct test_ctx *t) { return atk_run(t, l2_linear); }

/* Updates of the hypervisor's slots in the live L4: installing a guest L3 there, or
 * clearing the M2P's slot. */
static int hv_slot_update(struct test_ctx *t)
{
    static const unsigned slots[] = { ATK_HV_SLOT_FIRST, ATK_HV_SLOT_LAST };
    const volatile uint64_t *l4 = atk_table(atk_root());
    struct atk_page l3;
    int v = TEST_SUCCESS;

    if (!l4 || atk_page_get(&l3) || atk_page_ro(&l3))
        return test_error(t, "setup failed");
    for (unsigned i = 0; i < sizeof(slots) / sizeof(slots[0]) && v == TEST_SUCCESS; i++) {
        uint64_t ma = atk_ma(atk_root(), slots[i]), before = l4[slots[i]];
        long a = atk_mmu1(ma, (l3.mfn << ATK_PAGE_SHIFT) | ATK_TABLE);
        long b = atk_mmu1(ma, 0);
        if (a != -XEN_EINVAL || b != -XEN_EINVAL)
            v = test_fail(t, "slot %u: install %ld, clear %ld, want %d", slots[i], a, b,
                          -XEN_EINVAL);
        else if (l4[slots[i]] != before)
            v = test_fail(t, "slot %u changed to %lx", slots[i], l4[slots[i]]);
    }
    atk_page_put(&l3);
    return v;
}
TEST_CASE(atk_hv_slot_update);
static int atk_hv_slot_update(struct test_ctx *t) { return atk_run(t, hv_slot_update); }

/* A fresh L4 carrying a guest entry in a hypervisor slot: pinning it succeeds (Xen ignores
 * those slots and writes its own), the slot holds the hypervisor's entry afterwards, and the
 * guest's would-be L3 (mapped writable: it could never become an L3) was never touched. */
static int hv_slot_validate(struct test_ctx *t)
{
    const unsigned slot = ATK_HV_SLOT_FIRST + 1;
    const volatile uint64_t *live = atk_table(atk_root());
    struct atk_page l4, fake;
    int v;

    if (!live || atk_page_get(&l4) || atk_page_get(&fake))
        return test_error(t, "setup failed");
    l4.va[slot] = (fake.mfn << ATK_PAGE_SHIFT) | ATK_TABLE;
    v = atk_expect(t, "pin of an L4 with a guest entry in slot 257", atk_table_pin(&l4, 4), 0);
    if (v == TEST_SUCCESS && l4.va[slot] != live[slot])
        v = test_fail(t, "slot %u holds %lx, the hypervisor's is %lx", slot, l4.va[slot],
                      live[slot]);
    if (v == TEST_SUCCESS && !atk_try_write((uint64_t)fake.va, 0))
        v = test_fail(t, "the fake L3 lost its writable mapping");
    if (atk_table_unpin(&l4) && v == TEST_SUCCESS)
        v = test_fail(t, "unpin failed");
    atk_page_put(&l4);
    atk_page_put(&fake);
    return v;
}
TEST_CASE(atk_hv_slot_in_new_l4);
static int atk_hv_slot_in_new_l4(struct test_ctx *t) { return atk_run(t, hv_slot_validate); }
