/* Tests of HYPERVISOR_iret on a hand-built frame (not an exception return): through a raw
 * syscall and through the hypercall page, it resumes at the frame's rip and rsp, restores rax,
 * r11 and rcx from the frame (flags 0), keeps every other register, loads the frame's
 * arithmetic flags, and with rflags.IF clear leaves events masked. With VGCF_in_syscall only
 * rax comes from the frame (rcx and r11 are SYSRET's, so they are not checked). */
#include "abi/arch_x86.h"
#include "pvguest/boot.h"
#include "pvguest/test.h"
#include "pvguest/tests/probe.h"

#define IRET_RFLAGS_FIXED 0x002 /* bit 1 always reads 1 */
#define IRET_RFLAGS_CF    0x001
#define IRET_RFLAGS_OF    0x800
#define IRET_SALT         0x50

static int iret_run(struct test_ctx *t, void (*op)(void), uint64_t flags, uint64_t rflags)
{
    volatile struct vcpu_info *vi = boot_vcpu_info();
    const unsigned int mask_ok = flags ? ~((1U << GPR_RCX) | (1U << GPR_R11)) : ~0U;
    struct gprs in, out;

    probe_fill(&in, IRET_SALT + (unsigned)flags);
    probe_iret_flags = flags;
    probe_iret_rflags = rflags;
    probe_iret_seen_rflags = 0;
    probe_regs_call(&in, &out, (uint64_t)op);
    for (unsigned int i = 0; i < GPR_COUNT; i++)
        if ((mask_ok & (1U << i)) && out.r[i] != in.r[i])
            return test_fail(t, "flags %lx: %s %lx, want %lx", flags, gpr_names[i], out.r[i],
                             in.r[i]);
    if ((probe_iret_seen_rflags & (IRET_RFLAGS_CF | IRET_RFLAGS_OF)) !=
        (rflags & (IRET_RFLAGS_CF | IRET_RFLAGS_OF)))
        return test_fail(t, "rflags %lx after iret of %lx", probe_iret_seen_rflags, rflags);
    if (vi && !vi->evtchn_upcall_mask)
        return test_fail(t, "iret with IF clear unmasked events");
    return test_pass(t);
}

static int iret_all(struct test_ctx *t, void (*op)(void))
{
    static const uint64_t rflags[] = {
        IRET_RFLAGS_FIXED, IRET_RFLAGS_FIXED | IRET_RFLAGS_CF | IRET_RFLAGS_OF,
    };
    int v;

    for (unsigned int i = 0; i < sizeof(rflags) / sizeof(rflags[0]); i++) {
        v = iret_run(t, op, 0, rflags[i]);
        if (v != TEST_SUCCESS)
            return v;
        v = iret_run(t, op, VGCF_in_syscall, rflags[i]);
        if (v != TEST_SUCCESS)
            return v;
    }
    return test_pass(t);
}

TEST_CASE(iret_frame_raw);
static int iret_frame_raw(struct test_ctx *t)
{
    return iret_all(t, probe_op_iret_raw);
}

TEST_CASE(iret_frame_page);
static int iret_frame_page(struct test_ctx *t)
{
    return iret_all(t, probe_op_iret_page);
}
