/* Type-confusion attacks through mmuext_op (XSA-214 family, 58, 299): pinning a table as the
 * wrong level or a writable frame as a table, pinning twice, unpinning what is not pinned or
 * is the running L4, pinning other owners' frames, base pointers to non-L4 or foreign frames,
 * and the removed superpage marking (XSA-167). Xen's codes: -EINVAL for every pin, unpin and
 * base-pointer refusal, -EOPNOTSUPP for MARK_SUPER. */
#include "tests/attacks/atk.h"

#define ATK_HUGE_MFN (xen_mk_ulong(1) << 40)   /* far beyond any frame table */

/* An L1 (pinned, with one read-only entry) offered as an L2, as an L4, and as the child
 * of an L2 entry (which takes type L1: allowed) and of an L3 entry (takes L2: refused). */
static int pin_wrong_level(struct test_ctx *t)
{
    struct atk_page l1, data, l3;
    long as_l2, as_l4, in_l3;
    int v;

    if (atk_page_get(&l1) || atk_page_get(&data) || atk_page_get(&l3))
        return test_error(t, "setup failed");
    l1.va[0] = (data.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO;
    if (atk_table_pin(&l1, 1) || atk_table_pin(&l3, 3))
        return test_error(t, "pinning the L1 and L3 failed");
    as_l2 = atk_ext1(MMUEXT_PIN_L2_TABLE, l1.mfn);
    as_l4 = atk_ext1(MMUEXT_PIN_L4_TABLE, l1.mfn);
    in_l3 = atk_mmu1(atk_ma(l3.mfn, 0), (l1.mfn << ATK_PAGE_SHIFT) | ATK_TABLE);
    if (as_l2 != -XEN_EINVAL || as_l4 != -XEN_EINVAL || in_l3 != -XEN_EINVAL)
        v = test_fail(t, "L1 as L2 %ld, as L4 %ld, under an L3 %ld; want %d", as_l2, as_l4,
                      in_l3, -XEN_EINVAL);
    else if (l3.va[0])
        v = test_fail(t, "the L3 entry is now %lx", l3.va[0]);
    else
        v = atk_expect(t, "unpin of the L1 (still an L1)", atk_table_unpin(&l1), 0);
    atk_table_unpin(&l3);
    atk_page_put(&l1);
    atk_page_put(&l3);
    atk_page_put(&data);
    return v;
}
TEST_CASE(atk_pin_l1_as_l2);
static int atk_pin_l1_as_l2(struct test_ctx *t) { return atk_run(t, pin_wrong_level); }

/* A frame mapped writable pinned as each level: the writable type blocks it. */
static int pin_writable(struct test_ctx *t)
{
    struct atk_page p;
    int v = TEST_SUCCESS;

    if (atk_page_get(&p))
        return test_error(t, "setup failed");
    for (unsigned level = 1; level <= ATK_LEVELS && v == TEST_SUCCESS; level++)
        v = atk_expect(t, "pin of a writable-mapped frame",
                       atk_ext1(MMUEXT_PIN_L1_TABLE + level - 1, p.mfn), -XEN_EINVAL);
    if (v == TEST_SUCCESS && !atk_try_write((uint64_t)p.va, 1))
        v = test_fail(t, "the frame lost its writable mapping");
    atk_page_put(&p);
    return v;
}
TEST_CASE(atk_pin_writable_frame);
static int atk_pin_writable_frame(struct test_ctx *t) { return atk_run(t, pin_writable); }

/* Pinning twice, and unpinning twice: the second of each is -EINVAL. */
static int pin_twice(struct test_ctx *t)
{
    struct atk_page p;
    long again, unpin1, unpin2;

    if (atk_page_get(&p) || atk_table_pin(&p, 2))
        return test_error(t, "setup failed");
    again = atk_ext1(MMUEXT_PIN_L2_TABLE, p.mfn);
    unpin1 = atk_table_unpin(&p);
    unpin2 = atk_table_unpin(&p);
    atk_page_put(&p);
    if (again != -XEN_EINVAL || unpin1 != 0 || unpin2 != -XEN_EINVAL)
        return test_fail(t, "pin again %ld, unpin %ld, unpin again %ld", again, unpin1, unpin2);
    return test_pass(t);
}
TEST_CASE(atk_pin_twice);
static int atk_pin_twice(struct test_ctx *t) { return atk_run(t, pin_twice); }

/* Unpinning a frame that was never pinned: a data page, and the live L4's L3 (in use, never
 * pinned by the attacker). */
static int unpin_not_pinned(struct test_ctx *t)
{
    const volatile uint64_t *l4 = atk_table(atk_root());
    struct atk_page p;
    long a, b;

    if (!l4 || atk_page_get(&p))
        return test_error(t, "setup failed");
    a = atk_table_unpin(&p);
    b = atk_ext1(MMUEXT_UNPIN_TABLE, (l4[ATK_ENTRIES - 1] & ATK_ADDR) >> ATK_PAGE_SHIFT);
    atk_page_put(&p);
    if (a != -XEN_EINVAL || b != -XEN_EINVAL)
        return test_fail(t, "unpin of a data page %ld, of the kernel's L3 %ld; want %d", a, b,
                         -XEN_EINVAL);
    return test_pass(t);
}
TEST_CASE(atk_unpin_not_pinned);
static int atk_unpin_not_pinned(struct test_ctx *t) { return atk_run(t, unpin_not_pinned); }

/* Unpinning the L4 in CR3: allowed (the base pointer keeps its own reference), the tree stays
 * valid under the running guest, and it can be pinned again. */
static int unpin_live_l4(struct test_ctx *t)
{
    long rc = atk_ext1(MMUEXT_UNPIN_TABLE, atk_root());
    uint64_t val;

    if (rc)
        return test_fail(t, "unpin of the live L4: %ld, want 0 (it was pinned)", rc);
    if (!atk_try_read((uint64_t)&val, &val))
        return test_fail(t, "own memory unreadable after the unpin");
    return atk_expect(t, "re-pin of the live L4", atk_ext1(MMUEXT_PIN_L4_TABLE, atk_root()), 0);
}
TEST_CASE(atk_unpin_live_l4);
static int atk_unpin_live_l4(struct test_ctx *t) { return atk_run(t, unpin_live_l4); }

/* Pins and unpins of frames that are not the attacker's. */
static int pin_not_owned(struct test_ctx *t)
{
    const uint64_t mfns[] = { atk_foreign_mfn(), atk_hv_mfn(), ATK_MFN_BEYOND_RAM, ATK_HUGE_MFN };

    if (!mfns[0] || !mfns[1])
        return test_error(t, "no foreign or hypervisor frame found");
    for (unsigned i = 0; i < sizeof(mfns) / sizeof(mfns[0]); i++) {
        for (unsigned level = 1; level <= ATK_LEVELS; level++) {
            long rc = atk_ext1(MMUEXT_PIN_L1_TABLE + level - 1, mfns[i]);
            if (rc != -XEN_EINVAL)
                return test_fail(t, "pin of mfn %lx as L%u: %ld", mfns[i], level, rc);
        }
        if (atk_ext1(MMUEXT_UNPIN_TABLE, mfns[i]) != -XEN_EINVAL)
            return test_fail(t, "unpin of mfn %lx not refused", mfns[i]);
    }
    return test_pass(t);
}
TEST_CASE(atk_pin_not_owned);
static int atk_pin_not_owned(struct test_ctx *t) { return atk_run(t, pin_not_owned); }

/* NEW_BASEPTR / NEW_USER_BASEPTR to a pinned L1, a writable frame, another domain's and the
 * hypervisor's frames: -EINVAL, and the guest keeps running on its own L4. */
static int baseptr_bad(struct test_ctx *t, unsigned cmd)
{
    struct atk_page l1, data;
    uint64_t mfns[4];
    int v = TEST_SUCCESS;

    if (atk_page_get(&l1) || atk_table_pin(&l1, 1) || atk_page_get(&data))
        return test_error(t, "setup failed");
    mfns[0] = l1.mfn;
    mfns[1] = data.mfn;
    mfns[2] = atk_foreign_mfn();
    mfns[3] = atk_hv_mfn();
    for (unsigned i = 0; i < sizeof(mfns) / sizeof(mfns[0]) && v == TEST_SUCCESS; i++)
        if (mfns[i])
            v = atk_expect(t, "base pointer to a non-L4", atk_ext1(cmd, mfns[i]),
                           -XEN_EINVAL);
    if (v == TEST_SUCCESS && !atk_try_write((uint64_t)data.va, 1))
        v = test_fail(t, "own memory no longer writable");
    atk_table_unpin(&l1);
    atk_page_put(&l1);
    atk_page_put(&data);
    return v;
}

static int baseptr_kernel(struct test_ctx *t) { return baseptr_bad(t, MMUEXT_NEW_BASEPTR); }
TEST_CASE(atk_new_baseptr_not_l4);
static int atk_new_baseptr_not_l4(struct test_ctx *t) { return atk_run(t, baseptr_kernel); }

static int baseptr_user(struct test_ctx *t) { return baseptr_bad(t, MMUEXT_NEW_USER_BASEPTR); }
TEST_CASE(atk_new_user_baseptr_not_l4);
static int atk_new_user_baseptr_not_l4(struct test_ctx *t) { return atk_run(t, baseptr_user); }

/* XSA-167: MMUEXT_MARK_SUPER with an MFN far beyond the frame table. Xen 4.17 no longer
 * supports PV superpages and answers -EOPNOTSUPP for both commands. */
static int mark_super(struct test_ctx *t)
{
    long a = atk_ext1(MMUEXT_MARK_SUPER, ATK_HUGE_MFN);
    long b = atk_ext1(MMUEXT_UNMARK_SUPER, ATK_HUGE_MFN);

    if (a != -XEN_EOPNOTSUPP || b != -XEN_EOPNOTSUPP)
        return test_fail(t, "MARK_SUPER %ld, UNMARK_SUPER %ld, want %d", a, b, -XEN_EOPNOTSUPP);
    return test_pass(t);
}
TEST_CASE(atk_mark_super);
static int atk_mark_super(struct test_ctx *t) { return atk_run(t, mark_super); }
