/* Tests of the FS/GS bases: set_segment_base(FS, GS_KERNEL, GS_USER) and the hypervisor's
 * emulation of rdmsr/wrmsr on MSR_FS_BASE, MSR_GS_BASE, MSR_SHADOW_GS_BASE (a 64-bit PV kernel
 * runs in ring 3, so these instructions trap and are emulated). A base is checked through a
 * %fs:0 / %gs:0 load of a known word, so the test sees what the CPU really uses. */
#include "abi/arch_x86.h"
#include "abi/errno.h"
#include "pvguest/hypercall.h"
#include "pvguest/test.h"
#include "pvguest/tests/probe.h"
#include "pvguest/traps.h"

#define MSR_FS_BASE        0xc0000100
#define MSR_GS_BASE        0xc0000101
#define MSR_SHADOW_GS_BASE 0xc0000102
#define SEGBASE_UNKNOWN    9
#define SEGBASE_NONCANON   xen_mk_ulong(0x8000000000000000)
#define SEGBASE_HALF_SHIFT 32
#define SEGBASE_SALT       0x30

static uint64_t segbase_word_a = 0xa11ce5ba5e0000a1ULL;
static uint64_t segbase_word_b = 0xb0b5ba5e000000b2ULL;

static uint64_t segbase_read_fs0(void)
{
    uint64_t v;

    __asm__ volatile("mov %%fs:0, %0" : "=r"(v));
    return v;
}

static uint64_t segbase_read_gs0(void)
{
    uint64_t v;

    __asm__ volatile("mov %%gs:0, %0" : "=r"(v));
    return v;
}

static long segbase_set(unsigned int which, uint64_t base)
{
    return hypercall_2(__HYPERVISOR_set_segment_base, which, base);
}

/* rdmsr through the register probe: the value, with every other register preserved. */
static int segbase_rdmsr(struct test_ctx *t, uint32_t msr, uint64_t *val)
{
    struct gprs in, out;

    probe_fill(&in, SEGBASE_SALT);
    in.r[GPR_RCX] = msr;
    probe_regs_call(&in, &out, (uint64_t)probe_op_rdmsr);
    for (unsigned int i = 0; i < GPR_COUNT; i++)
        if (i != GPR_RAX && i != GPR_RDX && out.r[i] != in.r[i])
            return test_fail(t, "rdmsr %x changed %s", msr, gpr_names[i]);
    *val = (out.r[GPR_RDX] << SEGBASE_HALF_SHIFT) | (uint32_t)out.r[GPR_RAX];
    return test_pass(t);
}

static void segbase_wrmsr(uint32_t msr, uint64_t val)
{
    struct gprs in, out;

    probe_fill(&in, SEGBASE_SALT);
    in.r[GPR_RCX] = msr;
    in.r[GPR_RAX] = (uint32_t)val;
    in.r[GPR_RDX] = val >> SEGBASE_HALF_SHIFT;
    probe_regs_call(&in, &out, (uint64_t)probe_op_wrmsr);
}

TEST_CASE(segbase_hypercall);
static int segbase_hypercall(struct test_ctx *t)
{
    uint64_t shadow = 0;
    long rc = segbase_set(SEGBASE_FS, (uint64_t)&segbase_word_a);

    if (rc || segbase_read_fs0() != segbase_word_a)
        return test_fail(t, "FS: rc %ld, %%fs:0 %lx", rc, segbase_read_fs0());
    rc = segbase_set(SEGBASE_GS_KERNEL, (uint64_t)&segbase_word_b);
    if (rc || segbase_read_gs0() != segbase_word_b)
        return test_fail(t, "GS_KERNEL: rc %ld, %%gs:0 %lx", rc, segbase_read_gs0());
    rc = segbase_set(SEGBASE_GS_USER, (uint64_t)&segbase_word_a);
    if (rc)
        return test_fail(t, "GS_USER: rc %ld", rc);
    if (segbase_rdmsr(t, MSR_SHADOW_GS_BASE, &shadow) != TEST_SUCCESS)
        return TEST_FAILURE;
    if (shadow != (uint64_t)&segbase_word_a || segbase_read_gs0() != segbase_word_b)
        return test_fail(t, "GS_USER: shadow base %lx, kernel %%gs:0 %lx", shadow,
                         segbase_read_gs0());
    segbase_set(SEGBASE_FS, 0);
    segbase_set(SEGBASE_GS_KERNEL, 0);
    segbase_set(SEGBASE_GS_USER, 0);
    return test_pass(t);
}

TEST_CASE(segbase_errors);
static int segbase_errors(struct test_ctx *t)
{
    static const unsigned int which[] = { SEGBASE_FS, SEGBASE_GS_USER, SEGBASE_GS_KERNEL };
    long rc;

    for (unsigned int i = 0; i < sizeof(which) / sizeof(which[0]); i++) {
        rc = segbase_set(which[i], SEGBASE_NONCANON);
        if (rc != -XEN_EINVAL)
            return test_fail(t, "which %u non-canonical: rc %ld, want -EINVAL", which[i], rc);
    }
    rc = segbase_set(SEGBASE_UNKNOWN, 0);
    if (rc != -XEN_EINVAL)
        return test_fail(t, "unknown which: rc %ld, want -EINVAL (Xen)", rc);
    return test_pass(t);
}

TEST_CASE(segbase_msr);
static int segbase_msr(struct test_ctx *t)
{
    uint64_t fs = 0, gs = 0;

    segbase_wrmsr(MSR_FS_BASE, (uint64_t)&segbase_word_b);
    segbase_wrmsr(MSR_GS_BASE, (uint64_t)&segbase_word_a);
    if (segbase_rdmsr(t, MSR_FS_BASE, &fs) != TEST_SUCCESS ||
        segbase_rdmsr(t, MSR_GS_BASE, &gs) != TEST_SUCCESS)
        return TEST_FAILURE;
    if (fs != (uint64_t)&segbase_word_b || segbase_read_fs0() != segbase_word_b)
        return test_fail(t, "FS: rdmsr %lx, %%fs:0 %lx", fs, segbase_read_fs0());
    if (gs != (uint64_t)&segbase_word_a || segbase_read_gs0() != segbase_word_a)
        return test_fail(t, "GS: rdmsr %lx, %%gs:0 %lx", gs, segbase_read_gs0());
    segbase_wrmsr(MSR_FS_BASE, 0);
    segbase_wrmsr(MSR_GS_BASE, 0);
    return test_pass(t);
}

/* A non-canonical base is refused with #GP(0) and the old base stays. */
TEST_CASE(segbase_msr_noncanonical);
static int segbase_msr_noncanonical(struct test_ctx *t)
{
    struct trap_frame f;
    uint64_t fs = 0;

    segbase_wrmsr(MSR_FS_BASE, (uint64_t)&segbase_word_a);
    trap_expect(X86_EXC_GP, (uint64_t)probe_op_wrmsr_resume);
    segbase_wrmsr(MSR_FS_BASE, SEGBASE_NONCANON);
    if (!trap_seen(&f))
        return test_fail(t, "wrmsr of a non-canonical FS base did not fault");
    if (f.rip != (uint64_t)probe_op_wrmsr || f.error_code)
        return test_fail(t, "#GP at %lx error %lx, want %lx error 0", f.rip, f.error_code,
                         (uint64_t)probe_op_wrmsr);
    if (segbase_rdmsr(t, MSR_FS_BASE, &fs) != TEST_SUCCESS)
        return TEST_FAILURE;
    segbase_wrmsr(MSR_FS_BASE, 0);
    if (fs != (uint64_t)&segbase_word_a)
        return test_fail(t, "FS base %lx after refused write, want %lx", fs,
                         (uint64_t)&segbase_word_a);
    return test_pass(t);
}
