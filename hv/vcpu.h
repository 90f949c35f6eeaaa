/* A virtual CPU of a PV domain: its saved registers, guest kernel/user mode, the trap table
 * and callbacks it registered, segment bases, FPU state and MMU view. */
#ifndef HV_VCPU_H
#define HV_VCPU_H

#include "abi/arch_x86.h"
#include "abi/shared_info.h"
#include "hv/env.h"
#include "hv/mm/mm_env.h"
#include "arch/x86_64/regs.h"
#include "arch/x86_64/x86.h"

struct domain;

#define FXSAVE_AREA_SIZE 512
#define FXSAVE_ALIGN 16

struct guest_trap {
    uint64_t address;   /* 0: no handler */
    uint16_t cs;
    uint8_t flags;      /* TI_FLAGS_* */
};

struct vcpu {
    struct domain *domain;
    unsigned id;
    struct cpu_regs regs;       /* guest state while the vCPU is not running */
    bool kernel_mode;           /* guest kernel (true) or guest user mode */
    uint64_t kernel_ss, kernel_sp;
    struct guest_trap traps[X86_NR_VECTORS];
    uint64_t event_cb, failsafe_cb, syscall_cb;
    bool event_cb_masks, failsafe_cb_masks, syscall_cb_masks;
    uint64_t fs_base, gs_base_kernel, gs_base_user;
    bool fpu_ts;                /* the guest set CR0.TS through fpu_taskswitch */
    struct mm_vcpu mm;
    struct vcpu_info *vcpu_info;
    uint8_t fpu[FXSAVE_AREA_SIZE] __aligned(FXSAVE_ALIGN);
};

/* The vCPU the CPU is running (or whose hypercall is in progress). */
extern struct vcpu *current;

/* The live frame of the running vCPU at the top of the hypervisor stack. */
struct cpu_regs *guest_regs(void);

#endif
