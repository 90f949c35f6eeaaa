/* Scheduling vCPUs on the (single) physical CPU: round robin among runnable vCPUs. The
 * interface is small so a per-CPU preemptive scheduler can replace it. */
#ifndef HV_SCHED_H
#define HV_SCHED_H

#include "hv/vcpu.h"

/* Adds a vCPU to the run queue. */
void sched_add(struct vcpu *v);

/* Starts running guests; never returns (powers off when none is left). */
__noreturn void sched_start(void);

/* Gives the CPU to the next runnable vCPU at the next return to a guest. */
void sched_yield(void);

/* Set when the running vCPU yielded or its domain stopped: the next return to a guest must
 * choose again. */
extern bool sched_pending;

/* Chooses the next vCPU and switches to it; powers off when no domain is left. */
void sched_switch(void);

/* Called on every return to a guest: one load and one branch unless a switch is due. */
static inline void sched_exit_to_guest(void)
{
    if (__builtin_expect(sched_pending, 0))
        sched_switch();
}

/* The free-frame count before any domain was built; checked when the last one ends. */
void sched_set_frame_baseline(uint64_t free_frames);

#endif
