/* The SYSCALL entry MSRs. */
#ifndef ARCH_X86_64_SYSCALL_H
#define ARCH_X86_64_SYSCALL_H

void syscall_init(void);

/* Makes regs the stack and returns to the guest through trap_return. */
__attribute__((noreturn)) void arch_enter_frame(void *regs);

#endif
