/* Fatal hypervisor errors: register dumps, symbolized backtraces, and the stop. */
#ifndef HV_PANIC_H
#define HV_PANIC_H

#include "hv/env.h"
#include "arch/x86_64/regs.h"

/* Prints the frames reachable from rbp (frame-pointer chain), symbolized. */
void backtrace_print(uint64_t rip, uint64_t rbp);

void regs_dump(const struct cpu_regs *r);

/* Called at a clean end: powers off with the given exit code (hv/exitcode.h). */
__noreturn void hv_shutdown(uint8_t code);

#endif
