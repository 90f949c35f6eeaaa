/* CPU feature probing and control-register setup. Every CR4 bit is set only after CPUID
 * says the CPU has it (setting an unknown CR4 bit hangs QEMU's TCG). */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"

struct cpu_features cpu_has;

#define CPUID_LEAF_FEATURES 1
#define CPUID_LEAF_EXT_FEATURES 7

static void cpu_probe(void)
{
    struct cpuid_regs r = cpuid(CPUID_LEAF_FEATURES, 0);
    cpu_has.pge = r.edx & CPUID_1_EDX_PGE;
    cpu_has.fxsr = (r.edx & CPUID_1_EDX_FXSR) && (r.edx & CPUID_1_EDX_SSE);
    if (cpuid(0, 0).eax >= CPUID_LEAF_EXT_FEATURES) {
        r = cpuid(CPUID_LEAF_EXT_FEATURES, 0);
        cpu_has.smep = r.ebx & CPUID_7_EBX_SMEP;
        cpu_has.fsgsbase = r.ebx & CPUID_7_EBX_FSGSBASE;
    }
    r = cpuid(CPUID_EXT_FEATURES, 0);
    cpu_has.nx = r.edx & CPUID_EXT_EDX_NX;
    cpu_has.pdpe1gb = r.edx & CPUID_EXT_EDX_PDPE1GB;
}

void cpu_init(void)
{
    uint64_t cr4;

    cpu_probe();
    write_cr0(read_cr0() | X86_CR0_WP | X86_CR0_NE | X86_CR0_MP);
    cr4 = read_cr4();
    if (cpu_has.smep)
        cr4 |= X86_CR4_SMEP;
    if (cpu_has.fxsr)
        cr4 |= X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
    write_cr4(cr4);
}
