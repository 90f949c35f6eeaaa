/* Instruction emulation for PV guests. The instruction bytes are fetched from the guest with
 * copy_from_guest (untrusted; a failed fetch just delivers the original fault). */
#include "hv/emulate.h"
#include "abi/arch_x86.h"
#include "hv/hypercall.h"
#include "hv/traps.h"
#include "hv/vcpu.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/pte.h"

#define OP_TWO_BYTE 0x0f
#define OP2_WRMSR 0x30
#define OP2_RDMSR 0x32
#define OP2_CPUID 0xa2
#define OP2_UD2 0x0b
#define OP_INT_N 0xcd
#define INSN_LEN_2 2
#define FORCED_PREFIX_LEN 5          /* ud2; .ascii "xen" */
#define CPUID_XEN_BASE 0x40000000
#define CPUID_XEN_LAST 0x40000002
#define XEN_SIGNATURE_EBX 0x566e6558 /* "XenV" */
#define XEN_SIGNATURE_ECX 0x65584d4d /* "MMXe" */
#define XEN_SIGNATURE_EDX 0x4d4d566e /* "nVMM" */
#define KEEL_XEN_VERSION ((4u << 16) | 17u)
#define HYPERCALL_MSR 0x40000000
#define GATE_ERRCODE_IDT 2
#define SEL_SHIFT 3
#define LOW32(x) ((x) & 0xffffffffUL)

int segbase_set(unsigned which, uint64_t base)
{
    struct vcpu *v = current;

    if (!va_is_canonical(base))
        return -XEN_EINVAL;
    switch (which) {
    case SEGBASE_FS:
        v->fs_base = base;
        wrmsr(MSR_FS_BASE, base);
        return 0;
    case SEGBASE_GS_USER:
        v->gs_base_user = base;
        wrmsr(v->kernel_mode ? MSR_KERNEL_GS_BASE : MSR_GS_BASE, base);
        return 0;
    case SEGBASE_GS_KERNEL:
        v->gs_base_kernel = base;
        wrmsr(v->kernel_mode ? MSR_GS_BASE : MSR_KERNEL_GS_BASE, base);
        return 0;
    default:
        return -XEN_EINVAL;
    }
}

static int msr_segbase(uint32_t msr)
{
    switch (msr) {
    case MSR_FS_BASE: return SEGBASE_FS;
    case MSR_GS_BASE: return SEGBASE_GS_KERNEL;
    case MSR_KERNEL_GS_BASE: return SEGBASE_GS_USER;
    default: return -1;
    }
}

static uint64_t segbase_get(int which)
{
    struct vcpu *v = current;

    if (which == SEGBASE_FS)
        return v->fs_base;
    return which == SEGBASE_GS_KERNEL ? v->gs_base_kernel : v->gs_base_user;
}

static bool emulate_msr(struct cpu_regs *r, bool write)
{
    int which = msr_segbase((uint32_t)r->rcx);
    uint64_t val;

    if (which < 0 || !current->kernel_mode)
        return false;
    if (write) {
        if (segbase_set((unsigned)which, LOW32(r->rax) | r->rdx << 32))
            return false;
    } else {
        val = segbase_get(which);
        r->rax = LOW32(val);
        r->rdx = val >> 32;
    }
    r->rip += INSN_LEN_2;
    return true;
}

/* `int $n` from the guest: allowed when its trap table opened n to that privilege. */
static bool emulate_int(struct cpu_regs *r, uint8_t n)
{
    const struct guest_trap *t = &current->traps[n];

    if (!t->address || (t->flags & TI_FLAGS_DPL_MASK) < (current->kernel_mode ? 1 : 3)) {
        r->error_code = (uint64_t)n << SEL_SHIFT | GATE_ERRCODE_IDT;
        return false;
    }
    r->rip += INSN_LEN_2;
    if (traps_bounce(current, t->address, TRAP_NO_ERRCODE, t->flags & TI_FLAGS_MASK_EVENTS))
        return false;
    return true;
}

bool emulate_gp(struct cpu_regs *r)
{
    uint8_t insn[INSN_LEN_2];

    if (copy_from_guest(insn, r->rip, sizeof(insn)))
        return false;
    if (insn[0] == OP_INT_N)
        return emulate_int(r, insn[1]);
    if (insn[0] != OP_TWO_BYTE)
        return false;
    if (insn[1] == OP2_WRMSR || insn[1] == OP2_RDMSR)
        return emulate_msr(r, insn[1] == OP2_WRMSR);
    return false;
}

static void cpuid_xen_leaf(struct cpu_regs *r, uint32_t leaf)
{
    r->rax = r->rbx = r->rcx = r->rdx = 0;
    if (leaf == CPUID_XEN_BASE) {
        r->rax = CPUID_XEN_LAST;
        r->rbx = XEN_SIGNATURE_EBX;
        r->rcx = XEN_SIGNATURE_ECX;
        r->rdx = XEN_SIGNATURE_EDX;
    } else if (leaf == CPUID_XEN_BASE + 1) {
        r->rax = KEEL_XEN_VERSION;
    } else if (leaf == CPUID_XEN_LAST) {
        r->rax = 1;   /* one hypercall page */
        r->rbx = HYPERCALL_MSR;
    }
}

bool emulate_ud(struct cpu_regs *r)
{
    static const uint8_t forced[FORCED_PREFIX_LEN + INSN_LEN_2] = {
        OP_TWO_BYTE, OP2_UD2, 'x', 'e', 'n', OP_TWO_BYTE, OP2_CPUID };
    uint8_t insn[sizeof(forced)];
    uint32_t leaf = (uint32_t)r->rax;
    struct cpuid_regs c;

    if (copy_from_guest(insn, r->rip, sizeof(insn)) || memcmp(insn, forced, sizeof(insn)))
        return false;
    if (leaf >= CPUID_XEN_BASE && leaf <= CPUID_XEN_LAST + 0xff) {
        cpuid_xen_leaf(r, leaf);
    } else {
        c = cpuid(leaf, (uint32_t)r->rcx);
        r->rax = c.eax;
        r->rbx = c.ebx;
        r->rcx = c.ecx;
        r->rdx = c.edx;
    }
    r->rip += sizeof(forced);
    return true;
}
