/* Attacks on the rest of the MMU interface: MMU_MACHPHYS_UPDATE on frames the attacker does
 * not own (XSA-113), mmu_update aimed at tables that are not its own, update_va_mapping on
 * hypervisor or unmapped addresses, INVLPG and flush masks at bad addresses, and direct
 * writes into the hypervisor's range. */
#include "tests/attacks/atk.h"

#include "abi/arch_x86.h"
#include "pvguest/tests/badptr.h"

#define ATK_FAKE_GFN      xen_mk_ulong(0x1234)
#define ATK_HV_PRIVATE    xen_mk_ulong(0xffff830000000000)
#define ATK_NONCANONICAL  xen_mk_ulong(0x0000800000000000)
#define ATK_LOW_UNMAPPED  xen_mk_ulong(0x0000100000000000)   /* no L3 under this L4 slot */

/* M2P entries of other owners' frames: -EINVAL (Xen: get_page_from_mfn fails), unchanged. */
static int machphys_not_owned(struct test_ctx *t)
{
    const uint64_t mfns[] = { atk_foreign_mfn(), atk_hv_mfn(), ATK_MFN_BEYOND_RAM };

    if (!mfns[0] || !mfns[1])
        return test_error(t, "no foreign or hypervisor frame found");
    for (unsigned i = 0; i < sizeof(mfns) / sizeof(mfns[0]); i++) {
        bool in_ram = i < 2;
        uint64_t before = in_ram ? atk_m2p(mfns[i]) : 0;
        long rc = atk_mmu1((mfns[i] << ATK_PAGE_SHIFT) | MMU_MACHPHYS_UPDATE, ATK_FAKE_GFN);
        if (rc != -XEN_EINVAL)
            return test_fail(t, "MACHPHYS_UPDATE of mfn %lx: %ld, want %d", mfns[i], rc,
                             -XEN_EINVAL);
        if (in_ram && atk_m2p(mfns[i]) != before)
            return test_fail(t, "M2P[%lx] changed to %lx", mfns[i], atk_m2p(mfns[i]));
    }
    return test_pass(t);
}
TEST_CASE(atk_machphys_not_owned);
static int atk_machphys_not_owned(struct test_ctx *t) { return atk_run(t, machphys_not_owned); }

/* mmu_update whose ptr names a table of the hypervisor or of another domain, or a frame
 * beyond RAM: -EINVAL (Xen: "Could not get page for normal update"). */
static int update_foreign_table(struct test_ctx *t)
{
    const uint64_t mfns[] = { atk_foreign_mfn(), atk_hv_mfn(), ATK_MFN_BEYOND_RAM };

    if (!mfns[0] || !mfns[1])
        return test_error(t, "no foreign or hypervisor frame found");
    for (unsigned i = 0; i < sizeof(mfns) / sizeof(mfns[0]); i++) {
        long rc = atk_mmu1(atk_ma(mfns[i], 0), 0);
        if (rc != -XEN_EINVAL)
            return test_fail(t, "update of a table in mfn %lx: %ld", mfns[i], rc);
    }
    return test_pass(t);
}
TEST_CASE(atk_update_not_own_table);
static int atk_update_not_own_table(struct test_ctx *t) { return atk_run(t, update_foreign_table); }

/* update_va_mapping on addresses the guest has no L1 for: the hypervisor's range, non-
 * canonical, the low half: -EINVAL (Xen: map_guest_l1e finds none). */
static int uva_bad_va(struct test_ctx *t)
{
    static const uint64_t vas[] = { MACH2PHYS_VIRT_START, ATK_HV_PRIVATE,
                                    HYPERVISOR_VIRT_END - ATK_PAGE_SIZE, ATK_NONCANONICAL,
                                    ATK_LOW_UNMAPPED };
    struct atk_page data;
    int v = TEST_SUCCESS;

    if (atk_page_get(&data))
        return test_error(t, "setup failed");
    for (unsigned i = 0; i < sizeof(vas) / sizeof(vas[0]) && v == TEST_SUCCESS; i++) {
        long rc = atk_uva(vas[i], (data.mfn << ATK_PAGE_SHIFT) | ATK_DATA_RW, UVMF_INVLPG);
        if (rc != -XEN_EINVAL)
            v = test_fail(t, "uva at %lx: %ld, want %d", vas[i], rc, -XEN_EINVAL);
    }
    atk_page_put(&data);
    return v;
}
TEST_CASE(atk_uva_bad_va);
static int atk_uva_bad_va(struct test_ctx *t) { return atk_run(t, uva_bad_va); }

/* INVLPG_LOCAL/ALL on hypervisor and non-canonical addresses are ignored (0, as Xen); a
 * flush whose vCPU mask cannot be read is -EINVAL (Xen: vcpumask_to_pcpumask fails). */
static int invlpg_bad(struct test_ctx *t)
{
    static const uint64_t vas[] = { MACH2PHYS_VIRT_START, ATK_HV_PRIVATE, ATK_NONCANONICAL };
    uint64_t addr;
    const char *what;

    for (unsigned i = 0; i < sizeof(vas) / sizeof(vas[0]); i++) {
        long a = atk_ext1(MMUEXT_INVLPG_LOCAL, vas[i]), b = atk_ext1(MMUEXT_INVLPG_ALL, vas[i]);
        if (a || b)
            return test_fail(t, "INVLPG of %lx: local %ld, all %ld, want 0", vas[i], a, b);
    }
    for (unsigned i = 0; badptr_get(i, &addr, &what); i++) {
        struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_MULTI, .arg2.vcpumask = addr };
        uint32_t done = 0;
        long rc = atk_mmuext(&op, 1, &done, DOMID_SELF);
        if (rc != -XEN_EINVAL || done)
            return test_fail(t, "FLUSH_MULTI mask %s: rc %ld done %u", what, rc, done);
    }
    return test_pass(t);
}
TEST_CASE(atk_invlpg_bad_address);
static int atk_invlpg_bad_address(struct test_ctx *t) { return atk_run(t, invlpg_bad); }

/* The guest reads the M2P but can write nothing in the hypervisor's range. */
static int write_hv_range(struct test_ctx *t)
{
    uint64_t val;

    if (!atk_try_read(MACH2PHYS_VIRT_START, &val))
        return test_error(t, "the M2P is not readable");
    if (atk_try_write(MACH2PHYS_VIRT_START, val + 1))
        return test_fail(t, "the M2P is writable from the guest");
    if (atk_try_read(ATK_HV_PRIVATE, &val) || atk_try_write(ATK_HV_PRIVATE, 0))
        return test_fail(t, "hypervisor-private memory is accessible");
    return test_pass(t);
}
TEST_CASE(atk_write_hv_range);
static int atk_write_hv_range(struct test_ctx *t) { return atk_run(t, write_hv_range); }
