/* vcpu_op: is_up, runstate (query and registered area) and moving vCPU 0's vcpu_info out of
 * shared_info with VCPUOP_register_vcpu_info. Expectations are Xen 4.17's: vCPU ids past the
 * domain's vCPUs are -ENOENT; register_vcpu_info refuses an offset that does not leave room
 * for the whole struct (-ENXIO), a frame the domain does not own and a second registration
 * (-EINVAL); on success the old contents are copied, the pvclock is refreshed there, and
 * upcall_pending plus every selector bit are set so the guest rescans its ports. */
#include "abi/errno.h"
#include "abi/hcall.h"
#include "abi/vcpu.h"
#include "pvguest/boot.h"
#include "pvguest/hypercall.h"
#include "pvguest/layout.h"
#include "pvguest/mm.h"
#include "pvguest/string.h"
#include "pvguest/test.h"
#include "pvguest/time.h"

#define VOP_VCPU0 0
#define VOP_NO_SUCH_VCPU 1                /* pvguest domains have one vCPU */
#define VOP_INFO_OFFSET 192               /* where the moved vcpu_info starts in its page */
#define VOP_FILL 0xa5                     /* marks bytes the hypervisor must not touch */
#define VOP_BAD_MFN 0x7ffffffffffULL      /* beyond any RAM QEMU gives us */

static long vop(unsigned int cmd, unsigned int vcpu, const void *arg)
{
    return hypercall_3(__HYPERVISOR_vcpu_op, cmd, vcpu, (uint64_t)arg);
}

TEST_CASE(vcpu_op_is_up);
static int vcpu_op_is_up(struct test_ctx *t)
{
    long rc = vop(VCPUOP_is_up, VOP_VCPU0, 0);

    if (rc != 1)
        return test_fail(t, "is_up(0) = %ld, want 1", rc);
    rc = vop(VCPUOP_is_up, VOP_NO_SUCH_VCPU, 0);
    if (rc != -XEN_ENOENT)
        return test_fail(t, "is_up(1) = %ld, want -ENOENT", rc);
    return test_pass(t);
}

TEST_CASE(vcpu_op_runstate);
static int vcpu_op_runstate(struct test_ctx *t)
{
    struct vcpu_runstate_info info;
    uint64_t now;
    long rc;

    memset(&info, VOP_FILL, sizeof(info));
    rc = vop(VCPUOP_get_runstate_info, VOP_VCPU0, &info);
    now = time_now_ns();
    if (rc != 0)
        return test_fail(t, "get_runstate_info = %ld", rc);
    if (info.state != RUNSTATE_running)
        return test_fail(t, "state %d while running", info.state);
    if (info.time[RUNSTATE_running] == 0 || info.state_entry_time > now)
        return test_fail(t, "running time %lu, entry %lu, now %lu",
                         (unsigned long)info.time[RUNSTATE_running],
                         (unsigned long)info.state_entry_time, (unsigned long)now);
    rc = vop(VCPUOP_get_runstate_info, VOP_NO_SUCH_VCPU, &info);
    if (rc != -XEN_ENOENT)
        return test_fail(t, "get_runstate_info(vcpu 1) = %ld, want -ENOENT", rc);
    return test_pass(t);
}

/* Refusals first: nothing may change and the page must stay untouched. */
static int vop_register_refusals(struct test_ctx *t, uint64_t mfn, const uint8_t *page)
{
    struct vcpu_register_vcpu_info r = { .mfn = mfn, .rsvd = 0 };
    long rc;

    r.offset = (uint32_t)(PVG_PAGE_SIZE - sizeof(struct vcpu_info) + 8);
    rc = vop(VCPUOP_register_vcpu_info, VOP_VCPU0, &r);
    if (rc != -XEN_ENXIO)
        return test_fail(t, "offset past the page end: %ld, want -ENXIO", rc);
    r = (struct vcpu_register_vcpu_info){ .mfn = VOP_BAD_MFN, .offset = VOP_INFO_OFFSET };
    rc = vop(VCPUOP_register_vcpu_info, VOP_VCPU0, &r);
    if (rc != -XEN_EINVAL)
        return test_fail(t, "frame not ours: %ld, want -EINVAL", rc);
    if (!string_all(page, PVG_PAGE_SIZE, VOP_FILL))
        return test_fail(t, "a refused registration wrote to the page");
    return 0;
}

TEST_CASE(vcpu_op_register_vcpu_info);
static int vcpu_op_register_vcpu_info(struct test_ctx *t)
{
    volatile struct vcpu_info *old = boot_vcpu_info(), *moved;
    struct vcpu_register_vcpu_info r;
    uint64_t pfn;
    uint8_t *page, mask;
    long rc;

    if (!old)
        return test_skip(t, "shared_info is not mapped");
    if (mm_alloc_page(&pfn) != 0 || !(page = mm_pfn_to_va(pfn)))
        return test_error(t, "no free mapped page");
    memset(page, VOP_FILL, PVG_PAGE_SIZE);
    if (vop_register_refusals(t, mm_pfn_to_mfn(pfn), page))
        return TEST_FAILURE;
    moved = (volatile struct vcpu_info *)(page + VOP_INFO_OFFSET);
    mask = old->evtchn_upcall_mask;
    old->evtchn_upcall_mask = 1;                /* no upcall while the location changes */
    r = (struct vcpu_register_vcpu_info){ .mfn = mm_pfn_to_mfn(pfn), .offset = VOP_INFO_OFFSET };
    rc = vop(VCPUOP_register_vcpu_info, VOP_VCPU0, &r);
    if (rc == 0)
        boot_vcpu_info_moved_to(moved);         /* the page is the domain's for good now */
    boot_vcpu_info()->evtchn_upcall_mask = mask;
    if (rc != 0)
        return test_fail(t, "register_vcpu_info = %ld", rc);
    if (!moved->evtchn_upcall_pending || moved->evtchn_pending_sel != ~0UL)
        return test_fail(t, "upcall_pending %u, pending_sel %lx: no rescan asked for",
                         moved->evtchn_upcall_pending, moved->evtchn_pending_sel);
    if ((moved->time.version & 1) || moved->time.tsc_to_system_mul == 0 ||
        moved->time.system_time == 0)
        return test_fail(t, "pvclock at the new place: version %u mul %u time %lu",
                         moved->time.version, moved->time.tsc_to_system_mul,
                         (unsigned long)moved->time.system_time);
    if (!string_all(page, VOP_INFO_OFFSET, VOP_FILL))
        return test_fail(t, "bytes before the registered offset changed");
    rc = vop(VCPUOP_register_vcpu_info, VOP_VCPU0, &r);
    if (rc != -XEN_EINVAL)
        return test_fail(t, "second registration: %ld, want -EINVAL", rc);
    return test_pass(t);
}
