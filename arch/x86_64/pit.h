/* The 8254 programmable interval timer, used once at boot as the reference clock that the
 * TSC is calibrated against (channel 2, gated through port 0x61, no interrupt). */
#ifndef ARCH_X86_64_PIT_H
#define ARCH_X86_64_PIT_H

#include "arch/x86_64/types.h"

#define PIT_HZ 1193182UL   /* the PIT's input clock */

/* TSC ticks elapsed while PIT channel 2 counts down pit_ticks (< 65536) input clocks;
 * 0 if the channel's output never rose (no PIT). Interrupts must be off. */
uint64_t pit_measure_tsc(uint16_t pit_ticks);

#endif
