/* Preemption (manual test, run beside another busy domain): spins for SPIN_NS of system
 * time without a single hypercall, watching the pvclock for jumps (the vCPU was off the
 * CPU) and its registered runstate area for time spent runnable but not running. Under a
 * preemptive scheduler both show; under a cooperative one the loop runs to its end
 * uninterrupted once it starts, and the test fails. */
#include "abi/errno.h"
#include "abi/hcall.h"
#include "abi/vcpu.h"
#include "pvguest/console.h"
#include "pvguest/hypercall.h"
#include "pvguest/test.h"
#include "pvguest/time.h"

#define SPIN_NS (300 * TIME_NS_PER_MS)
#define GAP_NS (1 * TIME_NS_PER_MS)   /* a jump this long between two reads: descheduled */
#define SPIN_VCPU 0

static struct vcpu_runstate_info spin_area;

static long spin_runstate_area(struct vcpu_runstate_info *area)
{
    struct vcpu_register_runstate_memory_area a = { .addr.v = (uint64_t)area };

    return hypercall_3(__HYPERVISOR_vcpu_op, VCPUOP_register_runstate_memory_area, SPIN_VCPU,
                       (uint64_t)&a);
}

/* Spins; returns the number of clock jumps longer than GAP_NS and the longest one. */
static uint64_t spin_for(uint64_t ns, uint64_t *longest)
{
    uint64_t t0 = time_now_ns(), prev = t0, now, gaps = 0;

    *longest = 0;
    do {
        now = time_now_ns();
        if (now - prev > GAP_NS) {
            gaps++;
            *longest = now - prev > *longest ? now - prev : *longest;
        }
        prev = now;
    } while (now - t0 < ns);
    return gaps;
}

TEST_CASE_MANUAL(spin_preempted);
static int spin_preempted(struct test_ctx *t)
{
    volatile struct vcpu_runstate_info *area = &spin_area;
    struct vcpu_runstate_info after;
    uint64_t runnable0, gaps, longest, runnable;
    long rc = spin_runstate_area(&spin_area);

    if (rc)
        return test_error(t, "register_runstate_memory_area: %ld", rc);
    runnable0 = area->time[RUNSTATE_runnable];
    gaps = spin_for(SPIN_NS, &longest);
    rc = hypercall_3(__HYPERVISOR_vcpu_op, VCPUOP_get_runstate_info, SPIN_VCPU,
                     (uint64_t)&after);
    runnable = area->time[RUNSTATE_runnable] - runnable0;
    if (spin_runstate_area(NULL) || rc)
        return test_error(t, "runstate hypercalls: %ld", rc);
    printk("pvguest: spin: %llu ms without hypercalls: %lu clock jumps (longest %lu us), "
           "runnable for %lu us meanwhile\n", SPIN_NS / TIME_NS_PER_MS, gaps,
           (unsigned long)(longest / TIME_NS_PER_US), (unsigned long)(runnable / TIME_NS_PER_US));
    if (after.state != RUNSTATE_running || area->state != RUNSTATE_running)
        return test_fail(t, "runstate %d (area %d), want running", after.state, area->state);
    if (!gaps || !runnable)
        return test_fail(t, "never preempted: %lu jumps, %lu ns runnable", gaps, runnable);
    if (after.time[RUNSTATE_runnable] < area->time[RUNSTATE_runnable] - runnable0)
        return test_fail(t, "runstate area ahead of get_runstate_info");
    return test_pass(t);
}
