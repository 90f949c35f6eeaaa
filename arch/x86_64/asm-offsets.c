/* Emits the structure offsets assembly needs; the build turns this file's assembly output
 * into build/asm-offsets.h (generated, never edited). */
#include "arch/x86_64/regs.h"

#define OFFSET(name, type, member) \
    __asm__ volatile("\n.ascii \"->" #name " %c0\"" : : "i"(__builtin_offsetof(type, member)))
#define SIZE(name, type) __asm__ volatile("\n.ascii \"->" #name " %c0\"" : : "i"(sizeof(type)))

void asm_offsets(void);

void asm_offsets(void)
{
    SIZE(REGS_SIZE, struct cpu_regs);
    OFFSET(REGS_RAX, struct cpu_regs, rax);
    OFFSET(REGS_RCX, struct cpu_regs, rcx);
    OFFSET(REGS_R11, struct cpu_regs, r11);
    OFFSET(REGS_VECTOR, struct cpu_regs, vector);
    OFFSET(REGS_ERROR, struct cpu_regs, error_code);
    OFFSET(REGS_RIP, struct cpu_regs, rip);
    OFFSET(REGS_CS, struct cpu_regs, cs);
    OFFSET(REGS_RFLAGS, struct cpu_regs, rflags);
    OFFSET(REGS_RSP, struct cpu_regs, rsp);
    OFFSET(REGS_SS, struct cpu_regs, ss);
}
