/* vCPU state hypercalls: the trap table, callbacks, kernel stack, segment bases, FPU
 * task-switch flag, and HYPERVISOR_iret. Arguments are untrusted; a failing call changes
 * nothing. */
#include "hv/vcpu.h"
#include "abi/callback.h"
#include "abi/hcall.h"
#include "hv/domain.h"
#include "hv/emulate.h"
#include "hv/guest_access.h"
#include "hv/hypercall.h"
#include "hv/traps.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/pte.h"

#define TRAP_TABLE_MAX X86_NR_VECTORS
#define SELECTOR_MASK 0xffffUL

struct vcpu *current;

extern char boot_stack_top[];

struct cpu_regs *guest_regs(void)
{
    return (struct cpu_regs *)((vaddr_t)boot_stack_top - sizeof(struct cpu_regs));
}

static bool code_addr_ok(uint64_t va)
{
    return va == 0 || guest_range_ok(va, 1);
}

/* set_trap_table(traps): entries until one with address 0; at most 256. A NULL list clears
 * the table. Errors: -EFAULT (unreadable list), -EINVAL (bad handler address); entries
 * before the bad one stay installed, as in Xen. */
long hc_set_trap_table(uint64_t list, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    struct trap_info ti;

    (void)a2; (void)a3; (void)a4; (void)a5;
    if (!list) {
        memset(current->traps, 0, sizeof(current->traps));
        return 0;
    }
    for (unsigned i = 0; i < TRAP_TABLE_MAX; i++) {
        if (copy_from_guest(&ti, list + i * sizeof(ti), sizeof(ti)))
            return -XEN_EFAULT;
        if (ti.address == 0)
            return 0;
        if (!code_addr_ok(ti.address))
            return -XEN_EINVAL;
        current->traps[ti.vector] = (struct guest_trap){
            .address = ti.address, .cs = ti.cs | SEL_RPL_MASK, .flags = ti.flags };
    }
    return 0;
}

/* stack_switch(ss, sp): the stack a bounce from user mode lands on. */
long hc_stack_switch(uint64_t ss, uint64_t sp, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a3; (void)a4; (void)a5;
    current->kernel_ss = ss | SEL_RPL_MASK;
    current->kernel_sp = sp;
    return 0;
}

static int callback_set(unsigned type, uint64_t addr, bool mask)
{
    struct vcpu *v = current;

    if (!code_addr_ok(addr))
        return -XEN_EINVAL;
    switch (type) {
    case CALLBACKTYPE_event: v->event_cb = addr; v->event_cb_masks = true; return 0;
    case CALLBACKTYPE_failsafe: v->failsafe_cb = addr; v->failsafe_cb_masks = mask; return 0;
    case CALLBACKTYPE_syscall: v->syscall_cb = addr; v->syscall_cb_masks = mask; return 0;
    case CALLBACKTYPE_nmi: return 0;   /* NMIs are never forwarded to guests */
    default: return -XEN_ENOSYS;
    }
}

/* set_callbacks(event, failsafe, syscall): 64-bit form, all three at once. As in Xen, a
 * callback with a bad address is left unchanged and the call still returns 0. */
long hc_set_callbacks(uint64_t ev, uint64_t fs, uint64_t sc, uint64_t a4, uint64_t a5)
{
    (void)a4; (void)a5;
    (void)callback_set(CALLBACKTYPE_event, ev, true);
    (void)callback_set(CALLBACKTYPE_failsafe, fs, false);
    (void)callback_set(CALLBACKTYPE_syscall, sc, false);
    return 0;
}

/* callback_op(cmd, arg): register or unregister one callback. Errors: -EFAULT, -EINVAL
 * (bad type or address), -ENOSYS (unknown cmd). */
long hc_callback_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5)
{
    struct callback_register reg;
    struct callback_unregister unreg;

    (void)a3; (void)a4; (void)a5;
    if (cmd == CALLBACKOP_register) {
        if (copy_from_guest(&reg, arg, sizeof(reg)))
            return -XEN_EFAULT;
        return callback_set(reg.type, reg.address, reg.flags & CALLBACKF_mask_events);
    }
    if (cmd == CALLBACKOP_unregister) {
        if (copy_from_guest(&unreg, arg, sizeof(unreg)))
            return -XEN_EFAULT;
        if (unreg.type == CALLBACKTYPE_nmi)
            return 0;
        /* Xen refuses to unregister the callbacks every PV kernel depends on. */
        return unreg.type <= CALLBACKTYPE_syscall32 && unreg.type != CALLBACKTYPE_nmi
                   ? -XEN_EINVAL : -XEN_ENOSYS;
    }
    return -XEN_ENOSYS;
}

/* fpu_taskswitch(set): the guest's view of CR0.TS; with it set, the next FPU use raises #NM
 * in the guest. */
long hc_fpu_taskswitch(uint64_t set, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a2; (void)a3; (void)a4; (void)a5;
    current->fpu_ts = set != 0;
    write_cr0(set ? read_cr0() | X86_CR0_TS : read_cr0() & ~(uint64_t)X86_CR0_TS);
    return 0;
}

/* set_segment_base(which, base): SEGBASE_FS, _GS_USER, _GS_KERNEL; -EINVAL otherwise or
 * for a non-canonical base. */
long hc_set_segment_base(uint64_t which, uint64_t base, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a3; (void)a4; (void)a5;
    if (which > SEGBASE_GS_KERNEL)
        return -XEN_EINVAL;
    return segbase_set((unsigned)which, base);
}

static bool iret_selectors_ok(uint64_t cs, uint64_t ss)
{
    cs |= SEL_RPL_MASK;
    ss |= SEL_RPL_MASK;
    return (cs == FLAT_RING3_CS64 || cs == FLAT_RING3_CS32) && ss == FLAT_RING3_SS64;
}

/* iret(): pops struct iret_context from the guest stack and returns through it. A frame
 * that cannot be read or names a bad selector or RIP crashes the domain. */
long hc_iret(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    struct cpu_regs *r = guest_regs();
    struct vcpu *v = current;
    struct iret_context c;

    (void)a1; (void)a2; (void)a3; (void)a4; (void)a5;
    if (copy_from_guest(&c, r->rsp, sizeof(c)))
        c.rip = ~0UL;   /* unreadable: refused below */
    c.cs &= SELECTOR_MASK;   /* bits 32-39 may hold the upcall mask of a bounce frame */
    c.ss &= SELECTOR_MASK;
    if (!iret_selectors_ok(c.cs, c.ss) ||
        !va_is_canonical(c.rip)) {
        domain_crash(v->domain, "HYPERVISOR_iret with a bad frame");
        return r->rax;
    }
    if ((c.cs & SEL_RPL_MASK) == SEL_RPL_MASK && v->kernel_mode) {
        if (!mfn_valid(v->mm.guest_table_user)) {
            domain_crash(v->domain, "HYPERVISOR_iret to user mode with no user page table");
            return r->rax;
        }
        vcpu_toggle_mode(v);
    }
    r->rip = c.rip;
    r->cs = c.cs | SEL_RPL_MASK;
    r->rflags = rflags_sanitize(c.rflags);
    r->rsp = c.rsp;
    r->ss = c.ss | SEL_RPL_MASK;
    if (!(c.flags & VGCF_in_syscall)) {
        r->r11 = c.r11;
        r->rcx = c.rcx;
    }
    v->vcpu_info->evtchn_upcall_mask = !(c.rflags & RFLAGS_IF);
    return (long)c.rax;
}
