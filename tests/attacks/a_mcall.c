/* Attacks through multicall (XSA-213): a nested multicall, an iret inside a batch (user mode
 * must never reach the calls after it), huge counts, entry arrays at bad addresses or
 * straddling into an unmapped page. */
#include "tests/attacks/atk.h"

#include "pvguest/tests/badptr.h"

#define ATK_RESULT_SENTINEL xen_mk_ulong(0x5e5e5e5e5e5e5e5e)
#define ATK_MC_MAX          2048
#define ATK_MC_PREEMPTED    xen_mk_ulong(0x80000000)

/* An entry that maps the slot read-only (observable, harmless). */
static void mc_map_slot(struct multicall_entry *e, const struct atk_slot *s)
{
    *e = (struct multicall_entry){ .op = __HYPERVISOR_update_va_mapping,
                                   .result = ATK_RESULT_SENTINEL };
    e->args[0] = s->va;
    e->args[1] = (s->page.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO;
    e->args[2] = UVMF_INVLPG;
}

/* A multicall inside a multicall: Xen refuses the inner one (-EINVAL in its result, nothing
 * of its list run) and goes on with the outer batch. */
static int mc_nested(struct test_ctx *t)
{
    static struct multicall_entry inner[1], outer[2];
    struct atk_slot s;
    long rc;
    int v;

    if (atk_slot_get(&s))
        return test_error(t, "setup failed");
    mc_map_slot(&inner[0], &s);
    outer[0] = (struct multicall_entry){ .op = __HYPERVISOR_multicall,
                                         .result = ATK_RESULT_SENTINEL };
    outer[0].args[0] = (uint64_t)inner;
    outer[0].args[1] = 1;
    outer[1] = (struct multicall_entry){ .op = __HYPERVISOR_xen_version,
                                         .result = ATK_RESULT_SENTINEL };
    rc = atk_multicall(outer, 2);
    if (rc || (long)outer[0].result != -XEN_EINVAL || inner[0].result != ATK_RESULT_SENTINEL)
        v = test_fail(t, "rc %ld, nested result %ld, inner result %lx; want 0, %d, untouched",
                      rc, (long)outer[0].result, inner[0].result, -XEN_EINVAL);
    else if (outer[1].result == ATK_RESULT_SENTINEL)
        v = test_fail(t, "the entry after the nested multicall did not run");
    else
        v = atk_slot_refused(t, "inner list", &s, 0, 0);
    atk_slot_put(&s);
    return v;
}
TEST_CASE(atk_multicall_nested);
static int atk_multicall_nested(struct test_ctx *t) { return atk_run(t, mc_nested); }

/* An iret in a batch (with a frame that would return to user mode): the calls after it must
 * never run, whatever mode the guest is left in. */
static int mc_iret(struct test_ctx *t)
{
    static struct multicall_entry list[2];
    struct atk_slot s;
    long rc;
    int v;

    if (atk_slot_get(&s))
        return test_error(t, "setup failed");
    list[0] = (struct multicall_entry){ .op = __HYPERVISOR_iret, .result = ATK_RESULT_SENTINEL };
    mc_map_slot(&list[1], &s);
    rc = atk_multicall(list, 2);
    if (list[1].result != ATK_RESULT_SENTINEL)
        v = test_fail(t, "rc %ld: the call after iret ran (result %ld)", rc,
                      (long)list[1].result);
    else
        v = atk_slot_refused(t, "call after iret", &s, 0, 0);
    atk_slot_put(&s);
    return v;
}
TEST_CASE(atk_multicall_iret);
static int atk_multicall_iret(struct test_ctx *t) { return atk_run(t, mc_iret); }

/* Counts beyond the batch limit (Keel's 2048), with bit 31, negative: -EINVAL, nothing run. */
static int mc_counts(struct test_ctx *t)
{
    static const uint64_t counts[] = { ATK_MC_MAX + 1, ATK_MC_PREEMPTED | 1, ~xen_mk_ulong(0) };
    static struct multicall_entry list[1];
    struct atk_slot s;
    int v = TEST_SUCCESS;

    if (atk_slot_get(&s))
        return test_error(t, "setup failed");
    for (unsigned i = 0; i < sizeof(counts) / sizeof(counts[0]) && v == TEST_SUCCESS; i++) {
        mc_map_slot(&list[0], &s);
        v = atk_slot_refused(t, "multicall count", &s, atk_multicall(list, counts[i]),
                             -XEN_EINVAL);
        if (v == TEST_SUCCESS && list[0].result != ATK_RESULT_SENTINEL)
            v = test_fail(t, "count %lx: an entry ran", counts[i]);
    }
    atk_slot_put(&s);
    return v;
}
TEST_CASE(atk_multicall_huge_count);
static int atk_multicall_huge_count(struct test_ctx *t) { return atk_run(t, mc_counts); }

/* Entry arrays at bad addresses, and a list whose second entry lies in an unmapped page
 * (the first runs, then -EFAULT). */
static int mc_bad_list(struct test_ctx *t)
{
    struct atk_page a, b;
    struct multicall_entry *list;
    uint64_t addr;
    const char *what;
    long rc;

    for (unsigned i = 0; badptr_get(i, &addr, &what); i++)
        if ((rc = atk_multicall((const void *)addr, 1)) != -XEN_EFAULT)
            return test_fail(t, "list %s (%lx): %ld, want %d", what, addr, rc, -XEN_EFAULT);
    if (atk_page_get(&a) || atk_page_get(&b))
        return test_error(t, "setup failed");
    if (b.va != a.va + ATK_PAGE_SIZE / sizeof(uint64_t) || atk_page_unmap(&b))
        return test_error(t, "no two adjacent pages");
    list = (struct multicall_entry *)((uint64_t)b.va - sizeof(*list));
    *list = (struct multicall_entry){ .op = __HYPERVISOR_xen_version,
                                      .result = ATK_RESULT_SENTINEL };
    rc = atk_multicall(list, 2);
    atk_page_put(&b);
    atk_page_put(&a);
    if (rc != -XEN_EFAULT || list[0].result == ATK_RESULT_SENTINEL)
        return test_fail(t, "straddling list: rc %ld, first result %lx", rc, list[0].result);
    return test_pass(t);
}
TEST_CASE(atk_multicall_bad_list);
static int atk_multicall_bad_list(struct test_ctx *t) { return atk_run(t, mc_bad_list); }
