/* Round-robin scheduling of vCPUs on the boot CPU. A switch happens only on the way back to
 * a guest: the outgoing vCPU's frame (at the top of the hypervisor stack) is saved with its
 * segment bases and FPU state, the incoming one's is put in its place, CR3 is reloaded. */
#include "hv/sched.h"
#include "abi/sched.h"
#include "hv/domain.h"
#include "hv/exitcode.h"
#include "hv/hypercall.h"
#include "hv/panic.h"
#include "hv/trace.h"
#include "hv/mm/frame_alloc.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/syscall.h"

static struct vcpu *runq[MAX_DOMAINS];
static unsigned nr_runq;
bool sched_pending;
static uint64_t free_frames_baseline;

void sched_set_frame_baseline(uint64_t free_frames)
{
    free_frames_baseline = free_frames;
}

void sched_add(struct vcpu *v)
{
    if (nr_runq < MAX_DOMAINS)
        runq[nr_runq++] = v;
}

static bool runnable(const struct vcpu *v)
{
    return v->domain->state == DOM_RUNNING;
}

static struct vcpu *pick_next(const struct vcpu *after)
{
    unsigned start = 0;

    for (unsigned i = 0; i < nr_runq && after; i++)
        if (runq[i] == after)
            start = i + 1;
    for (unsigned k = 0; k < nr_runq; k++) {
        struct vcpu *v = runq[(start + k) % nr_runq];
        if (runnable(v))
            return v;
    }
    return NULL;
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

void sched_switch(void)
{
    struct vcpu *prev = current, *next;

    sched_pending = false;
    next = pick_next(prev);
    if (!next)
        sched_finish();
    if (next == prev)
        return;
    if (prev && runnable(prev))
        context_save(prev);
    if (prev)
        trace_sched_switch(prev->domain->id, (uint16_t)prev->id, next->domain->id,
                           (uint16_t)next->id);
    context_load(next);
}

void sched_yield(void)
{
    sched_pending = true;
}

void sched_start(void)
{
    struct vcpu *v = pick_next(NULL);

    if (!v)
        sched_finish();
    context_load(v);
    arch_enter_frame(guest_regs());
}
