/* Preemptive round-robin scheduling of vCPUs on the boot CPU. The policy (who is runnable,
 * who is next) is hv/runq.c; this file switches. A switch happens only on the way back to a
 * guest: the outgoing vCPU's frame (at the top of the hypervisor stack) is saved with its
 * segment bases and FPU state, the incoming one's is put in its place, CR3 is reloaded.
 * The slice timer marks a switch due when the running vCPU has had SCHED_SLICE_NS and
 * another is runnable. With nothing runnable the CPU halts inside sched_switch, taking
 * interrupts in ring 0 until a timer callback wakes a vCPU. */
#include "hv/sched.h"
#include "hv/domain.h"
#include "hv/exitcode.h"
#include "hv/hypercall.h"
#include "hv/panic.h"
#include "hv/runq.h"
#include "hv/trace.h"
#include "hv/mm/frame_alloc.h"
#include "hv/time/time.h"
#include "hv/time/timer.h"
#include "hv/time/vcpu_time.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/syscall.h"

uint8_t sched_pending;
static uint64_t free_frames_baseline;
static struct timer slice_timer;

void sched_set_frame_baseline(uint64_t free_frames)
{
    free_frames_baseline = free_frames;
}

static bool vcpu_alive(const struct vcpu *v)
{
    return v->domain->state == DOM_RUNNING;
}

void sched_add(struct vcpu *v)
{
    if (runq_add(v))
        panic("sched: run queue full (d%u)", v->domain->id);
}

bool sched_vcpu_blocked(const struct vcpu *v)
{
    return runq_is_blocked(v);
}

void sched_block(struct vcpu *v)
{
    if (!runq_block(v))
        return;
    vcpu_time_runstate(v, RUNSTATE_blocked);
    if (v == current)
        sched_pending |= SCHED_DUE_SWITCH;
}

void sched_wake(struct vcpu *v)
{
    if (!runq_wake(v))
        return;
    vcpu_time_runstate(v, RUNSTATE_runnable);
    if (!current || runq_is_blocked(current) || !vcpu_alive(current))
        sched_pending |= SCHED_DUE_SWITCH;
}

/* Every slice: refresh the running vCPU's clock; preempt it if someone else can run. */
static void slice_expired(struct timer *t)
{
    timer_set(t, time_now_ns() + SCHED_SLICE_NS);
    if (!current || !vcpu_alive(current))
        return;
    time_vcpu_update(current);
    if (runq_nr_runnable_except(current, vcpu_alive))
        sched_pending |= SCHED_DUE_SWITCH;
}

static void context_save(struct vcpu *v)
{
    v->regs = *guest_regs();
    v->fs_base = rdmsr(MSR_FS_BASE);
    if (v->kernel_mode)
        v->gs_base_kernel = rdmsr(MSR_GS_BASE);
    else
        v->gs_base_user = rdmsr(MSR_GS_BASE);
    __asm__ volatile("fxsave64 %0" : "=m"(v->fpu));
}

static void context_load(struct vcpu *v)
{
    *guest_regs() = v->regs;
    mm_write_cr3(v->kernel_mode ? v->mm.guest_table : v->mm.guest_table_user);
    wrmsr(MSR_FS_BASE, v->fs_base);
    wrmsr(MSR_GS_BASE, v->kernel_mode ? v->gs_base_kernel : v->gs_base_user);
    wrmsr(MSR_KERNEL_GS_BASE, v->kernel_mode ? v->gs_base_user : v->gs_base_kernel);
    write_cr0(read_cr0() & ~(uint64_t)X86_CR0_TS);
    __asm__ volatile("fxrstor64 %0" : : "m"(v->fpu));
    if (v->fpu_ts)
        write_cr0(read_cr0() | X86_CR0_TS);
    current = v;
    vcpu_time_runstate(v, RUNSTATE_running);
    time_vcpu_update(v);
    timer_set(&slice_timer, time_now_ns() + SCHED_SLICE_NS);
}

static __noreturn void sched_finish(void)
{
    bool crashed = domain_any_crashed();

    uint64_t now = frame_alloc_free_count();

    trace_drain();
    printk("hv: all domains have stopped (%s), free frames %lu; powering off\n",
           crashed ? "some crashed" : "all shut down normally", now);
    if (now == free_frames_baseline)
        printk("hv: frame accounting: every frame came back (%lu free)\n", now);
    else
        printk("hv: frame accounting: LEAK: %lu free, %lu before the domains\n", now,
               free_frames_baseline);
    hv_shutdown(crashed ? KEEL_EXIT_DOMAIN_CRASH : KEEL_EXIT_OK);
}

/* The outgoing vCPU: its state is kept while its domain lives. */
static void sched_put_prev(struct vcpu *prev)
{
    if (!vcpu_alive(prev)) {
        vcpu_time_runstate(prev, RUNSTATE_offline);
        return;
    }
    context_save(prev);
    if (!runq_is_blocked(prev))
        vcpu_time_runstate(prev, RUNSTATE_runnable);
}

/* Nothing is runnable: halt until an interrupt's timer callback wakes someone. Interrupts
 * nest on this stack below the saved frames; hook_interrupt only runs timers for them. */
static struct vcpu *sched_idle(const struct vcpu *prev)
{
    struct vcpu *next;

    for (;;) {
        if (domain_nr_running() == 0)
            sched_finish();
        next = runq_pick(prev, vcpu_alive);
        if (next)
            return next;
        trace_drain();   /* idle: the stream goes out while no guest waits */
        apic_wait_for_interrupt();
    }
}

void sched_timers_due(void)
{
    sched_pending |= SCHED_DUE_TIMERS;
}

void sched_switch(void)
{
    struct vcpu *prev = current, *next;
    uint8_t due = sched_pending;

    sched_pending = 0;
    if (due & SCHED_DUE_TIMERS)
        timer_run_expired(time_now_ns());
    if (!((due | sched_pending) & SCHED_DUE_SWITCH))
        return;
    sched_pending = 0;
    next = runq_pick(prev, vcpu_alive);
    if (next && next == prev)
        return;
    if (prev)
        sched_put_prev(prev);
    if (!next)
        next = sched_idle(prev);
    sched_pending = 0;
    if (prev)
        trace_sched_switch(prev->domain->id, (uint16_t)prev->id, next->domain->id,
                           (uint16_t)next->id);
    context_load(next);
}

void sched_yield(void)
{
    sched_pending |= SCHED_DUE_SWITCH;
}

void sched_start(void)
{
    struct vcpu *v = runq_pick(NULL, vcpu_alive);

    timer_init(&slice_timer, slice_expired, NULL);
    if (!v)
        sched_finish();
    context_load(v);
    arch_enter_frame(guest_regs());
}
