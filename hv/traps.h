/* Delivering exceptions, system calls and events to a PV guest with Xen's bounce frame, and
 * the guest's own exceptions that reach the hypervisor. */
#ifndef HV_TRAPS_H
#define HV_TRAPS_H

#include "hv/vcpu.h"

#define TRAP_NO_ERRCODE (~0UL)

/* Builds a bounce frame for vector on v's guest kernel stack and points the frame at
 * handler. Returns 0, or -XEN_EFAULT when the guest stack cannot take the frame (the caller
 * crashes the domain). */
int traps_bounce(struct vcpu *v, uint64_t handler, uint64_t errcode, bool mask_events)
    __must_check;

/* Injects exception vector into the current vCPU: bounce to its handler or crash it. */
void traps_inject(unsigned vector, uint64_t errcode);

/* A SYSCALL from guest user mode: to the guest kernel's syscall callback, or #UD. */
void traps_bounce_syscall(struct cpu_regs *regs);

/* Switches v between guest kernel and guest user mode (base pointer and GS bases). */
void vcpu_toggle_mode(struct vcpu *v);

/* Prints the guest-side diagnostic of a crash of v: registers and the guest symbol. */
void traps_dump_guest(struct vcpu *v, const struct cpu_regs *r);

/* Makes a guest-supplied RFLAGS safe to load: no IOPL, no VM, IF set. */
uint64_t rflags_sanitize(uint64_t rflags);

#endif
