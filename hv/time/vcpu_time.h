/* Per-vCPU time state: the guest's single-shot and periodic timers (expiry raises
 * VIRQ_TIMER), runstate accounting, and the vcpu_info frame a guest registered. Kept beside
 * struct vcpu, indexed by domain (one vCPU per domain today). */
#ifndef HV_TIME_VCPU_TIME_H
#define HV_TIME_VCPU_TIME_H

#include "abi/vcpu.h"
#include "hv/time/timer.h"
#include "hv/vcpu.h"

struct vcpu_time {
    struct timer singleshot;             /* set_timer_op, VCPUOP_set_singleshot_timer */
    struct timer periodic;               /* VCPUOP_set_periodic_timer */
    uint64_t period_ns;                  /* 0: periodic timer off */
    struct vcpu_runstate_info runstate;
    uint64_t runstate_va;                /* guest copy (0: none registered) */
    mfn_t info_mfn;                      /* registered vcpu_info frame (INVALID_MFN: none) */
};

/* v's time state. */
struct vcpu_time *vcpu_time_of(const struct vcpu *v);

/* The builder: single-shot timer idle, the periodic timer at Xen's PV default (100 Hz,
 * VCPUOP_stop_periodic_timer turns it off), runstate runnable since now, no registered
 * areas. */
void vcpu_time_init(struct vcpu *v);

/* The scheduler: v enters RUNSTATE_* state now. Copies the runstate to the guest's area
 * when v's address space is the loaded one (v == current). */
void vcpu_time_runstate(struct vcpu *v, int state);

/* Copies v's runstate to the area the guest registered (v == current: its page tables are
 * loaded). A guest that unmapped the area just misses the update, as in Xen. */
void vcpu_time_runstate_publish(struct vcpu *v);

/* Domain teardown: stops v's timers and drops the registered vcpu_info frame's
 * references, before the domain's memory is returned. */
void vcpu_time_teardown(struct vcpu *v);

#endif
