/* Architectural constants: control-register and EFER bits, CPUID leaves and feature bits,
 * segment selectors, exception vectors. Hardware facts only; no policy. */
#ifndef ARCH_X86_64_X86_H
#define ARCH_X86_64_X86_H

#define X86_CR0_PE (1 << 0)
#define X86_CR0_MP (1 << 1)
#define X86_CR0_EM (1 << 2)
#define X86_CR0_TS (1 << 3)
#define X86_CR0_NE (1 << 5)
#define X86_CR0_WP (1 << 16)
#define X86_CR0_PG (1 << 31)

#define X86_CR4_PAE (1 << 5)
#define X86_CR4_PGE (1 << 7)
#define X86_CR4_OSFXSR (1 << 9)
#define X86_CR4_OSXMMEXCPT (1 << 10)
#define X86_CR4_FSGSBASE (1 << 16)
#define X86_CR4_SMEP (1 << 20)
#define X86_CR4_SMAP (1 << 21)

#define MSR_EFER 0xc0000080
#define EFER_SCE (1 << 0)
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_CSTAR 0xc0000083
#define MSR_FMASK 0xc0000084
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102

#define CPUID_EXT_MAX 0x80000000
#define CPUID_EXT_FEATURES 0x80000001
#define CPUID_1_EDX_PAE (1 << 6)
#define CPUID_1_EDX_FXSR (1 << 24)
#define CPUID_1_EDX_SSE (1 << 25)
#define CPUID_1_EDX_PGE (1 << 13)
#define CPUID_EXT_EDX_NX (1 << 20)
#define CPUID_EXT_EDX_PDPE1GB (1 << 26)
#define CPUID_EXT_EDX_LM (1 << 29)
#define CPUID_7_EBX_FSGSBASE (1 << 0)
#define CPUID_7_EBX_SMEP (1 << 7)

/* Xen's reserved GDT selectors (reference 1.1). */
#define GDT_FIRST_RESERVED_ENTRY 7168
#define SEL_HV_CS 0xe008
#define SEL_HV_DS 0xe010
#define SEL_HV_CS32 0xe018
#define SEL_GUEST_CS32 0xe023
#define SEL_GUEST_DS 0xe02b
#define SEL_GUEST_CS64 0xe033
#define SEL_TSS 0xe040
#define SEL_LDT 0xe050
#define SEL_RPL_MASK 3

#define RFLAGS_IF (1 << 9)
#define RFLAGS_TF (1 << 8)
#define RFLAGS_DF (1 << 10)
#define RFLAGS_NT (1 << 14)
#define RFLAGS_RF (1 << 16)
#define RFLAGS_VM (1 << 17)
#define RFLAGS_AC (1 << 18)
#define RFLAGS_IOPL (3 << 12)
#define RFLAGS_FIXED (1 << 1)

#define X86_EXC_DE 0
#define X86_EXC_DB 1
#define X86_EXC_NMI 2
#define X86_EXC_BP 3
#define X86_EXC_OF 4
#define X86_EXC_BR 5
#define X86_EXC_UD 6
#define X86_EXC_NM 7
#define X86_EXC_DF 8
#define X86_EXC_TS 10
#define X86_EXC_NP 11
#define X86_EXC_SS 12
#define X86_EXC_GP 13
#define X86_EXC_PF 14
#define X86_EXC_MF 16
#define X86_EXC_AC 17
#define X86_EXC_MC 18
#define X86_EXC_XM 19
#define X86_EXC_CP 21
#define X86_NR_EXCEPTIONS 32
#define X86_NR_VECTORS 256
#define TRAP_STUB_SIZE 16           /* bytes per exception entry stub (entry.S) */
#define VEC_SYSCALL 0x100           /* cpu_regs.vector of a 64-bit SYSCALL entry */
#define VEC_SYSCALL32 0x101         /* cpu_regs.vector of a compat-mode SYSCALL */

/* Page-fault error code bits. */
#define PFEC_PRESENT (1 << 0)
#define PFEC_WRITE (1 << 1)
#define PFEC_USER (1 << 2)
#define PFEC_RSVD (1 << 3)
#define PFEC_INSN (1 << 4)

/* IST slots used by the TSS (1-based, as the IDT gate encodes them). */
#define IST_NMI 1
#define IST_DF 2
#define IST_MC 3

#endif
