/* The register frame every entry into the hypervisor builds on its stack: general registers
 * pushed by the entry stub, then vector and error code, then the hardware interrupt frame.
 * For a guest, this frame at the top of the hypervisor stack is its saved user state. */
#ifndef ARCH_X86_64_REGS_H
#define ARCH_X86_64_REGS_H

#include "arch/x86_64/types.h"

struct cpu_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint64_t vector;
    uint64_t error_code;
    uint64_t rip, cs, rflags, rsp, ss;   /* hardware frame (iretq) */
};

_Static_assert(sizeof(struct cpu_regs) == 22 * sizeof(uint64_t), "cpu_regs layout");
_Static_assert(__builtin_offsetof(struct cpu_regs, vector) == 15 * sizeof(uint64_t),
               "cpu_regs vector");
_Static_assert(__builtin_offsetof(struct cpu_regs, rip) == 17 * sizeof(uint64_t),
               "cpu_regs rip");

#endif
