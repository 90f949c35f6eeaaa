/* The calls arch/ makes into hv/ (policy). arch/ never includes hv/ headers; hv/ implements
 * these. */
#ifndef ARCH_X86_64_HOOKS_H
#define ARCH_X86_64_HOOKS_H

#include "arch/x86_64/regs.h"

/* An exception taken while the hypervisor itself was running: never returns. */
__noreturn void hook_hv_exception(struct cpu_regs *regs);

/* An exception taken while a guest was running (ring 3); returns to resume a guest (the
 * frame at regs may have been replaced by another vCPU's). */
void hook_guest_exception(struct cpu_regs *regs);

/* A SYSCALL from a guest (regs->vector is VEC_SYSCALL or VEC_SYSCALL32). */
void hook_syscall(struct cpu_regs *regs);

/* An interrupt (vector 32-255), already acknowledged at the controller. */
void hook_interrupt(struct cpu_regs *regs);

#endif
