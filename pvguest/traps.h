/* pvguest's exception handling: its own virtual IDT (set_trap_table), Xen bounce frames turned
 * into a struct trap_frame, expected faults for tests, and a symbolized crash for the rest. */
#ifndef PVGUEST_TRAPS_H
#define PVGUEST_TRAPS_H

#include "pvguest/gpr.h"

/* Hardware exception vectors pvguest installs handlers for. */
#define X86_EXC_DE  0
#define X86_EXC_DB  1
#define X86_EXC_NMI 2
#define X86_EXC_BP  3
#define X86_EXC_OF  4
#define X86_EXC_BR  5
#define X86_EXC_UD  6
#define X86_EXC_NM  7
#define X86_EXC_DF  8
#define X86_EXC_TS  10
#define X86_EXC_NP  11
#define X86_EXC_SS  12
#define X86_EXC_GP  13
#define X86_EXC_PF  14
#define X86_EXC_MF  16
#define X86_EXC_AC  17
#define X86_EXC_MC  18
#define X86_EXC_XM  19
#define TRAP_NR_VECTORS 20

/* #PF error-code bits. */
#define PFEC_PRESENT 0x01
#define PFEC_WRITE   0x02
#define PFEC_USER    0x04

/* Pseudo-vector under which the event upcall goes through trap_common (not a CPU vector). */
#define TRAP_VECTOR_EVENT 0x100

/* Which callback reached trap_callback(). */
#define TRAP_CALLBACK_EVENT    0
#define TRAP_CALLBACK_FAILSAFE 1
#define TRAP_CALLBACK_SYSCALL  2

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>

/* What the common entry saves: the registers (rcx and r11 as Xen put them in the bounce
 * frame), the vector, the error code (0 when the CPU gives none), then Xen's frame tail. The
 * cs slot carries the saved upcall mask in bits 32-39. */
struct trap_frame {
    struct gprs g;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;
};
_Static_assert(__builtin_offsetof(struct trap_frame, vector) == GPR_COUNT * GPR_BYTES,
               "trap_frame: vector follows the registers");
_Static_assert(sizeof(struct trap_frame) == (GPR_COUNT + 7) * GPR_BYTES, "trap_frame size");

/* Installs the trap table and the event/failsafe/syscall callbacks; 0 or -XEN_E*. */
long trap_init(void);
/* Arms a one-shot expectation: the next exception `vector` is recorded (trap_seen) and the
 * guest resumes at `resume` instead of crashing. */
void trap_expect(unsigned int vector, uint64_t resume);
/* A handler for one vector: returns true if it dealt with the exception (the guest resumes
 * at f->rip), false to fall through to the expectation and crash paths. */
typedef bool (*trap_handler_t)(struct trap_frame *f);
/* Installs fn for vector (NULL removes it); it runs before a test's armed expectation. */
void trap_set_handler(unsigned int vector, trap_handler_t fn);
/* True if the armed exception arrived; copies its frame. Disarms in any case. */
bool trap_seen(struct trap_frame *out);
/* Selects how handlers return: through the hypercall page (false) or raw syscall (true). */
void trap_set_iret_raw(bool raw);
/* Prints a symbolized backtrace of code interrupted at rip with registers rbp and rsp. */
void trap_backtrace(uint64_t rip, uint64_t rbp, uint64_t rsp);

/* Entry points in entry.S, for tests that register them again. */
extern const uint64_t trap_entry_table[TRAP_NR_VECTORS];
void trap_event_entry(void);
void trap_failsafe_entry(void);
void trap_syscall_entry(void);

/* Called from entry.S only. */
void trap_dispatch(struct trap_frame *f);
void trap_callback(const uint64_t *frame, int kind) __attribute__((noreturn));

#endif /* !__ASSEMBLY__ */

#endif
