/* Tests of exception delivery: #DE #BP #UD #GP #PF (read, write) #NM raised by one-instruction
 * probes with a sentinel in every register. Each checks Xen's bounce frame as the handler saw
 * it (rcx, r11, error code, rip, cs with RPL cleared and the saved upcall mask in bits 32-39,
 * rflags.IF = !mask, rsp, ss), vcpu_info.arch.cr2 for #PF, and that HYPERVISOR_iret (through
 * the hypercall page, and through a raw syscall) restored every register. */
#include "abi/arch_x86.h"
#include "pvguest/boot.h"
#include "pvguest/hypercall.h"
#include "pvguest/layout.h"
#include "pvguest/test.h"
#include "pvguest/tests/probe.h"
#include "pvguest/traps.h"

#define X86_EFLAGS_IF      0x200
#define TRAPS_CS_RPL_MASK  3
#define TRAPS_MASK_SHIFT   32
#define TRAPS_MASK_BITS    0xff
#define TRAPS_SEL_BITS     0xffff
#define TRAPS_UNMAPPED     PVG_PAGE_SIZE                     /* nothing maps page 1 */
#define TRAPS_NONCANONICAL xen_mk_ulong(0x8000000000000000)

struct trap_probe {
    unsigned int vector;
    void (*op)(void);
    void (*resume)(void);
    uint64_t rip;      /* expected frame rip */
    uint64_t error;    /* expected error code (0 when the vector has none) */
};

/* Checks the saved registers and Xen's frame tail against what the probe loaded. */
static int traps_check_frame(struct test_ctx *t, const struct trap_probe *p,
                             const struct gprs *in, const struct trap_frame *f)
{
    volatile struct vcpu_info *vi = boot_vcpu_info();
    uint64_t mask = (f->cs >> TRAPS_MASK_SHIFT) & TRAPS_MASK_BITS;

    for (unsigned int i = 0; i < GPR_COUNT; i++)
        if (f->g.r[i] != in->r[i])
            return test_fail(t, "frame %s %lx, want %lx", gpr_names[i], f->g.r[i], in->r[i]);
    if (f->rip != p->rip || f->error_code != p->error)
        return test_fail(t, "frame rip %lx error %lx, want %lx %lx", f->rip, f->error_code,
                         p->rip, p->error);
    if ((f->cs & TRAPS_SEL_BITS) != (FLAT_KERNEL_CS & ~TRAPS_CS_RPL_MASK))
        return test_fail(t, "frame cs %lx, want RPL 0 of %x", f->cs, FLAT_KERNEL_CS);
    if (f->ss != FLAT_KERNEL_SS || f->rsp != probe_target_rsp)
        return test_fail(t, "frame ss:rsp %lx:%lx, want %x:%lx", f->ss, f->rsp,
                         FLAT_KERNEL_SS, probe_target_rsp);
    if (vi && mask != vi->evtchn_upcall_mask)
        return test_fail(t, "frame saved mask %lu, vcpu_info mask %u", mask,
                         vi->evtchn_upcall_mask);
    if (!(f->rflags & X86_EFLAGS_IF) != !!mask)
        return test_fail(t, "frame rflags %lx inconsistent with saved mask %lu", f->rflags,
                         mask);
    return test_pass(t);
}

/* Runs the probe: the exception must arrive once, with the right frame, and the iret back
 * must restore every register. */
static int traps_round_trip(struct test_ctx *t, const struct trap_probe *p, struct gprs *in)
{
    struct trap_frame f;
    struct gprs out;
    int v;

    trap_expect(p->vector, (uint64_t)p->resume);
    probe_regs_call(in, &out, (uint64_t)p->op);
    if (!trap_seen(&f))
        return test_fail(t, "no exception %u", p->vector);
    if (f.vector != p->vector)
        return test_fail(t, "vector %lu, want %u", f.vector, p->vector);
    v = traps_check_frame(t, p, in, &f);
    if (v != TEST_SUCCESS)
        return v;
    for (unsigned int i = 0; i < GPR_COUNT; i++)
        if (out.r[i] != in->r[i])
            return test_fail(t, "after iret %s %lx, want %lx", gpr_names[i], out.r[i],
                             in->r[i]);
    return test_pass(t);
}

TEST_CASE(trap_ud);
static int trap_ud(struct test_ctx *t)
{
    struct trap_probe p = { X86_EXC_UD, probe_op_ud2, probe_op_ud2_resume,
                            (uint64_t)probe_op_ud2, 0 };
    struct gprs in;

    probe_fill(&in, X86_EXC_UD);
    return traps_round_trip(t, &p, &in);
}

TEST_CASE(trap_ud_raw_iret);
static int trap_ud_raw_iret(struct test_ctx *t)
{
    struct trap_probe p = { X86_EXC_UD, probe_op_ud2, probe_op_ud2_resume,
                            (uint64_t)probe_op_ud2, 0 };
    struct gprs in;
    int v;

    probe_fill(&in, X86_EXC_UD + 1);
    trap_set_iret_raw(true);
    v = traps_round_trip(t, &p, &in);
    trap_set_iret_raw(false);
    return v;
}

TEST_CASE(trap_bp);
static int trap_bp(struct test_ctx *t)
{
    struct trap_probe p = { X86_EXC_BP, probe_op_int3, probe_op_int3_resume,
                            (uint64_t)probe_op_int3_resume, 0 };
    struct gprs in;

    probe_fill(&in, X86_EXC_BP);
    return traps_round_trip(t, &p, &in);
}

TEST_CASE(trap_de);
static int trap_de(struct test_ctx *t)
{
    struct trap_probe p = { X86_EXC_DE, probe_op_div, probe_op_div_resume,
                            (uint64_t)probe_op_div, 0 };
    struct gprs in;

    probe_fill(&in, X86_EXC_DE);
    in.r[GPR_RBX] = 0;
    return traps_round_trip(t, &p, &in);
}

TEST_CASE(trap_gp);
static int trap_gp(struct test_ctx *t)
{
    struct trap_probe p = { X86_EXC_GP, probe_op_load, probe_op_load_resume,
                            (uint64_t)probe_op_load, 0 };
    struct gprs in;

    probe_fill(&in, X86_EXC_GP);
    in.r[GPR_RBX] = TRAPS_NONCANONICAL;
    return traps_round_trip(t, &p, &in);
}

/* #PF: error code with U/S clear (the guest kernel faulted), fault address in cr2. */
static int traps_pf(struct test_ctx *t, void (*op)(void), void (*resume)(void), uint64_t err)
{
    struct trap_probe p = { X86_EXC_PF, op, resume, (uint64_t)op, err };
    volatile struct vcpu_info *vi = boot_vcpu_info();
    struct gprs in;
    int v;

    if (!vi)
        return test_fail(t, "shared_info not mapped, cannot read cr2");
    probe_fill(&in, X86_EXC_PF + (unsigned)err);
    in.r[GPR_RBX] = TRAPS_UNMAPPED;
    vi->arch.cr2 = 0;
    v = traps_round_trip(t, &p, &in);
    if (v != TEST_SUCCESS)
        return v;
    if (vi->arch.cr2 != TRAPS_UNMAPPED)
        return test_fail(t, "vcpu_info cr2 %lx, want %lx", vi->arch.cr2, TRAPS_UNMAPPED);
    return test_pass(t);
}

TEST_CASE(trap_pf_read);
static int trap_pf_read(struct test_ctx *t)
{
    return traps_pf(t, probe_op_load, probe_op_load_resume, 0);
}

TEST_CASE(trap_pf_write);
static int trap_pf_write(struct test_ctx *t)
{
    return traps_pf(t, probe_op_store, probe_op_store_resume, PFEC_WRITE);
}

/* fpu_taskswitch(1) sets the virtual CR0.TS: the next FPU instruction raises #NM. Xen clears
 * the virtual TS as it delivers #NM, so the same instruction then runs without a fault. */
TEST_CASE(trap_nm_fpu_taskswitch);
static int trap_nm_fpu_taskswitch(struct test_ctx *t)
{
    struct trap_probe p = { X86_EXC_NM, probe_op_fnop, probe_op_fnop_resume,
                            (uint64_t)probe_op_fnop, 0 };
    struct gprs in, out;
    long rc = hypercall_fpu_taskswitch(1);
    int v;

    if (rc)
        return test_fail(t, "fpu_taskswitch(1): rc %ld", rc);
    probe_fill(&in, X86_EXC_NM);
    v = traps_round_trip(t, &p, &in);
    if (v != TEST_SUCCESS)
        return v;
    trap_expect(X86_EXC_NM, (uint64_t)probe_op_fnop_resume);
    probe_regs_call(&in, &out, (uint64_t)probe_op_fnop);
    if (trap_seen(0))
        return test_fail(t, "second fnop after #NM faulted again");
    rc = hypercall_fpu_taskswitch(0);
    trap_expect(X86_EXC_NM, (uint64_t)probe_op_fnop_resume);
    probe_regs_call(&in, &out, (uint64_t)probe_op_fnop);
    if (rc || trap_seen(0))
        return test_fail(t, "fpu_taskswitch(0): rc %ld, or fnop still faults", rc);
    return test_pass(t);
}
