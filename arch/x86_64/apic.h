/* The local APIC: the hypervisor's timer interrupt (TSC-deadline mode when the CPU offers
 * it, else one-shot mode calibrated against the TSC), its EOI, and halting until an
 * interrupt. Legacy PIC vectors (0x20-0x2f) stay below the APIC's. */
#ifndef ARCH_X86_64_APIC_H
#define ARCH_X86_64_APIC_H

#include "arch/x86_64/types.h"

#define APIC_TIMER_VECTOR 0xf0
#define APIC_SPURIOUS_VECTOR 0xff

enum apic_timer_mode { APIC_TIMER_NONE, APIC_TIMER_TSC_DEADLINE, APIC_TIMER_ONESHOT };

/* Enables the local APIC (spurious vector, TPR 0) and sets its timer up, preferring
 * TSC-deadline mode; one-shot mode is calibrated over tsc_window TSC ticks. Returns the
 * mode in use (NONE when CPUID reports no APIC). */
enum apic_timer_mode apic_init(uint64_t tsc_window);

/* One-shot mode only: APIC timer ticks per second, given the TSC frequency. */
uint64_t apic_timer_hz(uint64_t tsc_hz);

/* Interrupts at TSC value tsc_deadline (at once if it has passed); 0 stops the timer. */
void apic_timer_arm(uint64_t tsc_deadline);

/* Acknowledges the interrupt being handled (not for the spurious vector). */
void apic_eoi(void);

/* Enables interrupts and halts; the interrupt that wakes the CPU runs before this returns
 * with interrupts off again. STI's one-instruction shadow makes "sti; hlt" race-free. */
static inline void apic_wait_for_interrupt(void)
{
    __asm__ volatile("sti; hlt; cli" : : : "memory");
}

#endif
