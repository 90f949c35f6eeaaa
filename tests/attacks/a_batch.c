/* Attacks on the batch interfaces of mmu_update and mmuext_op (XSA-212: only the base of a
 * guest array checked): huge and overflowing counts, request arrays in the hypervisor, not
 * mapped, straddling into an unmapped page, wrapping around the address space, or unmapped
 * by the batch itself; bad `done` pointers; foreign domains; unknown commands. */
#include "tests/attacks/atk.h"

#include "pvguest/tests/badptr.h"

#define ATK_DONE_SENTINEL     0x5a5a5a5au
#define ATK_COUNT_PREEMPTED   xen_mk_ulong(0x80000000)   /* Xen's MMU_UPDATE_PREEMPTED bit */
#define ATK_BATCH_MAX         2048
#define ATK_ADDR_TOP          (~xen_mk_ulong(0) - sizeof(struct mmu_update) + 1)
#define ATK_NONEXISTENT_DOMID 0x7000u
#define ATK_PFD_SHIFT         16

/* Counts above the batch limit (Keel's: 2048, DESIGN section 5), with the continuation bit,
 * negative: -EINVAL before anything is read or written. */
static const uint64_t atk_bad_counts[] = {
    ATK_BATCH_MAX + 1, ATK_COUNT_PREEMPTED | 1, ~xen_mk_ulong(0), ATK_COUNT_PREEMPTED,
};
#define ATK_NR_BAD_COUNTS (sizeof(atk_bad_counts) / sizeof(atk_bad_counts[0]))

static int batch_counts(struct test_ctx *t, bool ext)
{
    struct atk_slot s;
    struct mmu_update req;
    struct mmuext_op op = { .cmd = MMUEXT_PIN_L1_TABLE };
    int v = TEST_SUCCESS;

    if (atk_slot_get(&s))
        return test_error(t, "setup failed");
    req = (struct mmu_update){ s.ma, (s.page.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO };
    op.arg1.mfn = s.page.mfn;   /* unmapped now: pinning it as an L1 would succeed */
    for (unsigned i = 0; i < ATK_NR_BAD_COUNTS && v == TEST_SUCCESS; i++) {
        uint32_t done = ATK_DONE_SENTINEL;
        long rc = ext ? atk_mmuext(&op, atk_bad_counts[i], &done, DOMID_SELF)
                      : atk_mmu_update(&req, atk_bad_counts[i], &done, DOMID_SELF);
        v = atk_slot_refused(t, "huge count", &s, rc, -XEN_EINVAL);
        if (v == TEST_SUCCESS && done != ATK_DONE_SENTINEL)
            v = test_fail(t, "count %lx: done written (%u)", atk_bad_counts[i], done);
    }
    if (v == TEST_SUCCESS && ext && atk_ext1(MMUEXT_UNPIN_TABLE, s.page.mfn) != -XEN_EINVAL)
        v = test_fail(t, "the frame got pinned");
    atk_slot_put(&s);
    return v;
}

static int mmu_counts(struct test_ctx *t) { return batch_counts(t, false); }
TEST_CASE(atk_mmu_update_huge_count);
static int atk_mmu_update_huge_count(struct test_ctx *t) { return atk_run(t, mmu_counts); }

static int ext_counts(struct test_ctx *t) { return batch_counts(t, true); }
TEST_CASE(atk_mmuext_huge_count);
static int atk_mmuext_huge_count(struct test_ctx *t) { return atk_run(t, ext_counts); }

/* Request arrays at bad addresses (badptr.h's list: the hypervisor's range, non-canonical,
 * unmapped; and the last bytes of the address space): -EFAULT, done = 0. */
static bool reqs_refused(uint64_t addr)
{
    uint32_t done = ATK_DONE_SENTINEL;

    return atk_mmu_update((const void *)addr, 2, &done, DOMID_SELF) == -XEN_EFAULT && !done;
}

static int reqs_bad(struct test_ctx *t)
{
    uint64_t addr;
    const char *what;

    for (unsigned i = 0; badptr_get(i, &addr, &what); i++)
        if (!reqs_refused(addr))
            return test_fail(t, "requests %s (%lx) not refused with -EFAULT, done 0", what,
                             addr);
    if (!reqs_refused(ATK_ADDR_TOP))
        return test_fail(t, "requests at the top of the address space not refused");
    return test_pass(t);
}
TEST_CASE(atk_mmu_update_bad_reqs);
static int atk_mmu_update_bad_reqs(struct test_ctx *t) { return atk_run(t, reqs_bad); }

/* Two requests whose second straddles into an unmapped page: the first is applied (a legit
 * read-only mapping in the slot), the second refused with -EFAULT, done = 1. */
static int reqs_straddle(struct test_ctx *t)
{
    struct atk_page a, b;
    struct atk_slot s;
    struct mmu_update *reqs;
    uint32_t done = ATK_DONE_SENTINEL;
    uint64_t want;
    long rc;
    int v;

    if (atk_page_get(&a) || atk_page_get(&b) || atk_slot_get(&s))
        return test_error(t, "setup failed");
    if (b.va != a.va + ATK_PAGE_SIZE / sizeof(uint64_t) || atk_page_unmap(&b))
        return test_error(t, "no two adjacent pages");
    reqs = (struct mmu_update *)((uint64_t)a.va + ATK_PAGE_SIZE - sizeof(*reqs) -
                                 sizeof(uint64_t));
    want = (s.page.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO;
    reqs[0] = (struct mmu_update){ s.ma, want };
    rc = atk_mmu_update(reqs, 2, &done, DOMID_SELF);
    if (rc != -XEN_EFAULT || done != 1)
        v = test_fail(t, "straddling request: rc %ld done %u, want %d and 1", rc, done,
                      -XEN_EFAULT);
    else if ((atk_slot_entry(&s) & ATK_ADDR) != (want & ATK_ADDR))
        v = test_fail(t, "the first request was not applied (slot %lx)", atk_slot_entry(&s));
    else
        v = test_pass(t);
    atk_mmu1(s.ma, 0);
    atk_slot_put(&s);
    atk_page_put(&b);
    atk_page_put(&a);
    return v;
}
TEST_CASE(atk_mmu_update_straddling_reqs);
static int atk_mmu_update_straddling_reqs(struct test_ctx *t) { return atk_run(t, reqs_straddle); }

/* The batch unmaps the page the rest of its own requests live in: request 0 removes the
 * mapping of the second page of the array, requests 1-255 (first page) are harmless M2P
 * writes, request 256 (first of the second page, beyond any copy Keel made before request 0
 * ran: it reads at most a page ahead) can no longer be read: -EFAULT, done = 256, the slot
 * untouched. */
#define ATK_REQS_PER_PAGE (ATK_PAGE_SIZE / sizeof(struct mmu_update))

static int reqs_unmapped_by_batch(struct test_ctx *t)
{
    struct atk_page a, b;
    struct atk_slot s;
    struct mmu_update *reqs;
    uint64_t ma, val;
    uint32_t done = ATK_DONE_SENTINEL;
    long rc;
    int v;

    if (atk_page_get(&a) || atk_page_get(&b) || atk_slot_get(&s) ||
        atk_entry((uint64_t)b.va, 1, &ma, &val))
        return test_error(t, "setup failed");
    if (b.va != a.va + ATK_PAGE_SIZE / sizeof(uint64_t))
        return test_error(t, "no two adjacent pages");
    reqs = (struct mmu_update *)a.va;
    reqs[0] = (struct mmu_update){ ma, 0 };
    for (unsigned i = 1; i < ATK_REQS_PER_PAGE; i++)
        reqs[i] = (struct mmu_update){ (a.mfn << ATK_PAGE_SHIFT) | MMU_MACHPHYS_UPDATE, a.pfn };
    reqs[ATK_REQS_PER_PAGE] =
        (struct mmu_update){ s.ma, (s.page.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO };
    rc = atk_mmu_update(reqs, ATK_REQS_PER_PAGE + 1, &done, DOMID_SELF);
    if (rc != -XEN_EFAULT || done != ATK_REQS_PER_PAGE)
        v = test_fail(t, "rc %ld done %u, want %d and %lu", rc, done, -XEN_EFAULT,
                      ATK_REQS_PER_PAGE);
    else
        v = atk_slot_refused(t, "request read after its page was unmapped", &s, rc,
                             -XEN_EFAULT);
    atk_slot_put(&s);
    atk_page_put(&b);
    atk_page_put(&a);
    return v;
}
TEST_CASE(atk_mmu_update_reqs_unmapped_midway);
static int atk_mmu_update_reqs_unmapped_midway(struct test_ctx *t)
{
    return atk_run(t, reqs_unmapped_by_batch);
}

/* `done` pointers the hypervisor must not write: read-only (the L4's own mapping) and in the
 * hypervisor. Keel probes done before the first element: -EFAULT with nothing applied
 * (Xen applies the batch and ignores the failed write; see docs/attacks.md). */
static int pdone_bad(struct test_ctx *t, bool ext)
{
    const volatile uint64_t *l4 = atk_table(atk_root());
    uint64_t addrs[] = { (uint64_t)l4, 0 };
    struct atk_slot s;
    const char *what;
    uint64_t first = l4[0];
    int v = TEST_SUCCESS;

    if (atk_slot_get(&s))
        return test_error(t, "setup failed");
    for (unsigned i = 0; v == TEST_SUCCESS; i++) {
        struct mmu_update req = { s.ma, (s.page.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO };
        struct mmuext_op op = { .cmd = MMUEXT_PIN_L1_TABLE, .arg1.mfn = s.page.mfn };
        long rc;
        if (i && !badptr_get(i - 1, &addrs[1], &what))
            break;
        rc = ext ? atk_mmuext(&op, 1, (void *)addrs[i ? 1 : 0], DOMID_SELF)
                 : atk_mmu_update(&req, 1, (void *)addrs[i ? 1 : 0], DOMID_SELF);
        v = atk_slot_refused(t, "bad done pointer", &s, rc, -XEN_EFAULT);
    }
    if (v == TEST_SUCCESS && l4[0] != first)
        v = test_fail(t, "the L4's entry 0 changed to %lx", l4[0]);
    if (v == TEST_SUCCESS && ext && atk_ext1(MMUEXT_UNPIN_TABLE, s.page.mfn) != -XEN_EINVAL)
        v = test_fail(t, "the frame got pinned");
    atk_slot_put(&s);
    return v;
}

static int pdone_mmu(struct test_ctx *t) { return pdone_bad(t, false); }
TEST_CASE(atk_mmu_update_bad_done);
static int atk_mmu_update_bad_done(struct test_ctx *t) { return atk_run(t, pdone_mmu); }

static int pdone_ext(struct test_ctx *t) { return pdone_bad(t, true); }
TEST_CASE(atk_mmuext_bad_done);
static int atk_mmuext_bad_done(struct test_ctx *t) { return atk_run(t, pdone_ext); }

/* foreigndom other than DOMID_SELF. Xen: an existing other domain, DOMID_IO or DOMID_XEN
 * fails the XSM check (-EPERM) for an unprivileged caller; a domain that does not exist
 * is -ESRCH; the same for the page-table owner in bits 31:16 (id + 1). */
static int foreigndom(struct test_ctx *t)
{
    static const struct { uint64_t fd; long want; } rows[] = {
        { 0, -XEN_EPERM },
        { DOMID_IO, -XEN_EPERM },
        { DOMID_XEN, -XEN_EPERM },
        { ATK_NONEXISTENT_DOMID, -XEN_ESRCH },
        { ((uint64_t)ATK_NONEXISTENT_DOMID + 1) << ATK_PFD_SHIFT | DOMID_SELF, -XEN_ESRCH },
        { (xen_mk_ulong(0) + 1) << ATK_PFD_SHIFT | DOMID_SELF, -XEN_EPERM },
    };
    struct atk_slot s;
    int v = TEST_SUCCESS;

    if (atk_slot_get(&s))
        return test_error(t, "setup failed");
    for (unsigned i = 0; i < sizeof(rows) / sizeof(rows[0]) && v == TEST_SUCCESS; i++) {
        struct mmu_update req = { s.ma, (s.page.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO };
        long rc = atk_mmu_update(&req, 1, 0, rows[i].fd);
        if (rc != rows[i].want)
            v = test_fail(t, "foreigndom %lx: got %ld, want %ld", rows[i].fd, rc, rows[i].want);
        else
            v = atk_slot_refused(t, "foreigndom", &s, rc, rows[i].want);
    }
    atk_slot_put(&s);
    return v;
}
TEST_CASE(atk_mmu_update_foreigndom);
static int atk_mmu_update_foreigndom(struct test_ctx *t) { return atk_run(t, foreigndom); }

/* ptr's command bits 4-7 name no command: -ENOSYS, nothing changed. */
static int bad_cmd(struct test_ctx *t)
{
    struct atk_slot s;
    int v = TEST_SUCCESS;

    if (atk_slot_get(&s))
        return test_error(t, "setup failed");
    for (unsigned cmd = MMU_PT_UPDATE_NO_TRANSLATE + 1; cmd <= MMU_UPDATE_CMD_MASK &&
         v == TEST_SUCCESS; cmd++)
        v = atk_slot_refused(t, "unknown command", &s,
                             atk_mmu1(s.ma | cmd, (s.page.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO),
                             -XEN_ENOSYS);
    atk_slot_put(&s);
    return v;
}
TEST_CASE(atk_mmu_update_bad_cmd);
static int atk_mmu_update_bad_cmd(struct test_ctx *t) { return atk_run(t, bad_cmd); }

/* `done` overlapping the request array: done points at request 1. Keel zeroes done before
 * reading any request, so request 1's ptr (a machine address below 4 GiB) becomes 0, a frame
 * that is not the attacker's: -EINVAL at element 1, done = 1 written over it, request 0
 * (a read-only mapping in the slot) applied, request 1 (which would unmap it) not. Each
 * element is read once, after the probe: the overlap cannot make the hypervisor see two
 * versions of one request. */
static int done_overlaps_reqs(struct test_ctx *t)
{
    static struct mmu_update reqs[2];
    struct atk_slot s;
    uint64_t want;
    long rc;
    int v;

    if (atk_slot_get(&s))
        return test_error(t, "setup failed");
    want = (s.page.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RO;
    reqs[0] = (struct mmu_update){ s.ma, want };
    reqs[1] = (struct mmu_update){ s.ma, 0 };
    rc = atk_mmu_update(reqs, 2, &reqs[1].ptr, DOMID_SELF);
    if (rc != -XEN_EINVAL || reqs[1].ptr != 1)
        v = test_fail(t, "rc %ld, done/ptr %lx; want %d and 1", rc, reqs[1].ptr, -XEN_EINVAL);
    else if ((atk_slot_entry(&s) & ATK_ADDR) != (want & ATK_ADDR))
        v = test_fail(t, "request 0 not applied, or request 1 was (slot %lx)",
                      atk_slot_entry(&s));
    else
        v = test_pass(t);
    atk_mmu1(s.ma, 0);
    atk_slot_put(&s);
    return v;
}
TEST_CASE(atk_mmu_update_done_overlaps_reqs);
static int atk_mmu_update_done_overlaps_reqs(struct test_ctx *t)
{
    return atk_run(t, done_overlaps_reqs);
}
