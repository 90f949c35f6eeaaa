/* Scheduling vCPUs on the (single) physical CPU: preemptive round robin among runnable
 * vCPUs, SCHED_SLICE_NS each, driven by the hypervisor timer; an idle CPU halts. The
 * interface is small so a per-CPU scheduler for SMP can replace it. */
#ifndef HV_SCHED_H
#define HV_SCHED_H

#include "hv/vcpu.h"

#define SCHED_SLICE_NS 10000000UL   /* 10 ms: a running vCPU is preempted after this */

/* Adds a vCPU to the run queue. */
void sched_add(struct vcpu *v);

/* Starts running guests; never returns (powers off when none is left). */
__noreturn void sched_start(void);

/* Gives the CPU to the next runnable vCPU at the next return to a guest. */
void sched_yield(void);

/* Why the next return to a guest must stop in sched_switch (0: it need not). */
#define SCHED_DUE_SWITCH 0x1   /* the running vCPU yielded, blocked or ended: choose again */
#define SCHED_DUE_TIMERS 0x2   /* a timer was set for a time already past: run it first */
extern uint8_t sched_pending;

/* Chooses the next vCPU and switches to it, after running any timer already due. When no
 * vCPU is runnable but a domain lives, halts with interrupts on until a timer wakes one;
 * powers off when no domain is left. */
void sched_switch(void);

/* Called on every return to a guest: one load and one branch unless a switch is due. */
static inline void sched_exit_to_guest(void)
{
    if (__builtin_expect(sched_pending, 0))
        sched_switch();
}

/* A timer is due now (set in the past): it runs before the hypercall returns, so its
 * event reaches the guest at once, as in Xen. */
void sched_timers_due(void);

/* v stops being runnable (SCHEDOP_block, poll); if v is current a switch is due at the
 * next return to a guest. No-op if v is already blocked. */
void sched_block(struct vcpu *v);

/* v becomes runnable again; no-op if it was. If the CPU has nothing else to run (current
 * is blocked or gone), a switch is due; a running vCPU is not preempted early. Callable from
 * timer callbacks (interrupts off). */
void sched_wake(struct vcpu *v);

bool sched_vcpu_blocked(const struct vcpu *v);

/* The free-frame count before any domain was built; checked when the last one ends. */
void sched_set_frame_baseline(uint64_t free_frames);

#endif
