/* Emulation of the few privileged instructions a PV kernel issues anyway: rdmsr/wrmsr of
 * the FS/GS bases (#GP), `int $n` to a vector the guest opened to itself (#GP), and Xen's
 * forced-emulation prefix for cpuid (#UD). */
#ifndef HV_EMULATE_H
#define HV_EMULATE_H

#include "arch/x86_64/regs.h"
#include "hv/env.h"

/* Handles a #GP from the guest if it is one of the emulated instructions (the frame is
 * updated, possibly to a bounce); false means "deliver the #GP". */
bool emulate_gp(struct cpu_regs *regs);

/* Same for #UD (the forced-emulation cpuid). */
bool emulate_ud(struct cpu_regs *regs);

/* Loads a new FS/GS base for the current vCPU (SEGBASE_*); 0 or -XEN_EINVAL. */
int segbase_set(unsigned which, uint64_t base) __must_check;

#endif
