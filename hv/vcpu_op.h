/* The vCPU time and information hypercalls: set_timer_op and vcpu_op (timers, runstate,
 * vcpu_info registration). */
#ifndef HV_VCPU_OP_H
#define HV_VCPU_OP_H

#include "hv/env.h"

/* set_timer_op(timeout): abi/hcall.h. */
long hc_set_timer_op(uint64_t timeout, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5);

/* vcpu_op(cmd, vcpuid, arg): abi/hcall.h and the sub-ops below in hv/vcpu_op.c. */
long hc_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg, uint64_t a4, uint64_t a5);

#endif
