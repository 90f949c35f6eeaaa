/* Register-exact probes for pvguest tests: probe_regs_call() loads every general register from
 * a struct gprs, calls a target (a hypercall-page stub or one of the probe_op_* snippets, each
 * one instruction that traps or calls the hypervisor), and stores every register after it, so
 * a test sees exactly which registers a hypercall or an exception round trip changed. */
#ifndef PVGUEST_TESTS_PROBE_H
#define PVGUEST_TESTS_PROBE_H

#include <stdint.h>

#include "pvguest/gpr.h"

void probe_regs_call(const struct gprs *in, struct gprs *out, uint64_t target);
/* rsp the target saw on entry (inside probe_regs_call, after its return address). */
extern uint64_t probe_target_rsp;

/* Snippets: each faulting instruction is at probe_op_X and resumes at probe_op_X_resume. */
void probe_op_syscall(void);     /* syscall (rax = number) */
void probe_op_syscall_resume(void);
void probe_op_ud2(void);         /* #UD */
void probe_op_ud2_resume(void);
void probe_op_int3(void);        /* #BP, rip after the int3 */
void probe_op_int3_resume(void);
void probe_op_div(void);         /* div %rbx: #DE when rbx = 0 */
void probe_op_div_resume(void);
void probe_op_load(void);        /* mov (%rbx), %rbx */
void probe_op_load_resume(void);
void probe_op_store(void);       /* mov %rdx, (%rbx) */
void probe_op_store_resume(void);
void probe_op_fnop(void);        /* fnop: #NM while CR0.TS is set */
void probe_op_fnop_resume(void);
void probe_op_rdmsr(void);       /* rdmsr (ecx = MSR), emulated by the hypervisor */
void probe_op_rdmsr_resume(void);
void probe_op_wrmsr(void);       /* wrmsr (ecx = MSR, edx:eax = value) */
void probe_op_wrmsr_resume(void);

/* Hand-built HYPERVISOR_iret (raw syscall or hypercall page): the frame resumes at the
 * resume label with probe_iret_rflags and probe_iret_flags (iret_context.flags), rax/r11/rcx
 * as loaded; probe_iret_seen_rflags is what the CPU's rflags were after the return. */
void probe_op_iret_raw(void);
void probe_op_iret_raw_resume(void);
void probe_op_iret_page(void);
void probe_op_iret_page_resume(void);
extern uint64_t probe_iret_rflags, probe_iret_flags, probe_iret_seen_rflags;

/* A recognisable value for register i, different for every register and probe. */
static inline uint64_t probe_sentinel(unsigned int i, unsigned int salt)
{
    return 0x5e47000000000000ULL | ((uint64_t)salt << 24) | ((uint64_t)i << 8) | 0xa5;
}

/* Fills g with sentinels. */
static inline void probe_fill(struct gprs *g, unsigned int salt)
{
    for (unsigned int i = 0; i < GPR_COUNT; i++)
        g->r[i] = probe_sentinel(i, salt);
}

#endif
