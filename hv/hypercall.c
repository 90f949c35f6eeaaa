/* The hypercall table and the SYSCALL entry policy: a SYSCALL from guest kernel mode is a
 * hypercall (number in RAX, arguments in RDI RSI RDX R10 R8); from guest user mode it is the
 * guest's own system call, bounced to its syscall callback. */
#include "hv/hypercall.h"
#include "abi/hcall.h"
#include "abi/keel_debug.h"
#include "hv/domain.h"
#include "hv/event/evtchn.h"
#include "hv/mm/mmu_op.h"
#include "hv/sched.h"
#include "hv/trace.h"
#include "hv/traps.h"
#include "hv/vcpu_op.h"
#include "arch/x86_64/hooks.h"

/* The MMU handlers take four arguments. */
static long hc_mmu_update5(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a5;
    return hc_mmu_update(a1, a2, a3, a4);
}

static long hc_mmuext_op5(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a5;
    return hc_mmuext_op(a1, a2, a3, a4);
}

static long hc_update_va_mapping5(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                                  uint64_t a5)
{
    (void)a4; (void)a5;
    return hc_update_va_mapping(a1, a2, a3, 0);
}

#define HC(nr, fn_, n) [__HYPERVISOR_##nr] = { .fn = (fn_), .name = #nr, .nargs = (n) }

static const struct hcall_desc hcall_table[NR_HYPERCALLS] = {
    HC(set_trap_table, hc_set_trap_table, 1),
    HC(mmu_update, hc_mmu_update5, 4),
    HC(multicall, hc_multicall, 2),
    HC(update_va_mapping, hc_update_va_mapping5, 3),
    HC(set_timer_op, hc_set_timer_op, 1),
    HC(mmuext_op, hc_mmuext_op5, 4),
    HC(stack_switch, hc_stack_switch, 2),
    HC(set_callbacks, hc_set_callbacks, 3),
    HC(fpu_taskswitch, hc_fpu_taskswitch, 1),
    HC(xen_version, hc_xen_version, 2),
    HC(console_io, hc_console_io, 3),
    HC(vm_assist, hc_vm_assist, 2),
    HC(iret, hc_iret, 0),
    HC(vcpu_op, hc_vcpu_op, 3),
    HC(set_segment_base, hc_set_segment_base, 2),
    HC(event_channel_op_compat, hc_event_channel_op_compat, 1),
    HC(sched_op, hc_sched_op, 2),
    HC(event_channel_op, hc_event_channel_op, 2),
    HC(callback_op, hc_callback_op, 2),
    [KEEL_HYPERVISOR_trace_op] = { .fn = hc_trace_op, .name = "keel_trace_op", .nargs = 2 },
    [KEEL_HYPERVISOR_debug_op] = { .fn = hc_debug_op, .name = "keel_debug_op", .nargs = 2 },
};

const struct hcall_desc *hypercall_lookup(uint64_t nr)
{
    if (nr >= NR_HYPERCALLS || !hcall_table[nr].fn)
        return NULL;
    return &hcall_table[nr];
}

long hypercall_do(uint64_t nr, const uint64_t a[5])
{
    const struct hcall_desc *h = hypercall_lookup(nr);

    if (!h)
        return -XEN_ENOSYS;
    return h->fn(a[0], a[1], a[2], a[3], a[4]);
}

/* The traced path, out of line so the untraced one keeps its few registers. */
static __attribute__((noinline)) void hypercall_traced(struct cpu_regs *regs)
{
    uint64_t args[KEEL_TRACE_HCALL_ARGS] = { regs->rdi, regs->rsi, regs->rdx, regs->r10,
                                             regs->r8, regs->r9 };
    uint64_t nr = regs->rax;
    uint16_t dom = current->domain->id, vcpu = (uint16_t)current->id;
    const struct hcall_desc *h = hypercall_lookup(nr);
    uint64_t t0 = trace_hcall_entry(dom, vcpu, nr, args, h ? h->nargs : KEEL_TRACE_HCALL_ARGS);

    regs->rax = (uint64_t)hypercall_do(nr, args);
    trace_hcall_exit(dom, vcpu, nr, (int64_t)regs->rax, t0);
    if (trace_drain_due())
        trace_drain();
}

static inline void hypercall_untraced(struct cpu_regs *regs)
{
    const struct hcall_desc *h = hypercall_lookup(regs->rax);

    regs->rax = h ? (uint64_t)h->fn(regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8)
                  : (uint64_t)-XEN_ENOSYS;
}

void hook_syscall(struct cpu_regs *regs)
{
    if (regs->vector == VEC_SYSCALL32)
        domain_crash(current->domain, "SYSCALL from 32-bit mode (Keel runs 64-bit guests)");
    else if (!current->kernel_mode)
        traps_bounce_syscall(regs);
    else if (trace_on(KEEL_TRC_HCALL))
        hypercall_traced(regs);
    else
        hypercall_untraced(regs);
    sched_exit_to_guest();
    evtchn_exit_to_guest();
}
