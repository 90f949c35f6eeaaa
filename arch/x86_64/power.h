/* Stopping the machine: QEMU's isa-debug-exit device, ACPI S5, then halting forever. */
#ifndef ARCH_X86_64_POWER_H
#define ARCH_X86_64_POWER_H

#include "arch/x86_64/types.h"

/* Records the ACPI RSDP (a virtual pointer to a copy) for power_off. */
void power_set_rsdp(const void *rsdp, unsigned revision);

/* Tells isa-debug-exit the code (QEMU then exits with (code << 1) | 1), tries ACPI S5 power
 * off, and halts if both failed. */
__noreturn void power_off(uint8_t code);

#endif
