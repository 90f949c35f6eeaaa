/* x86_64-specific part of the PV ABI: the flat selectors of Xen's reserved GDT entries, the
 * hypervisor's virtual range, trap_info, the iret frame and the register file. Layouts equal
 * Xen 4.17's <xen/arch-x86/xen-x86_64.h> and <xen/arch-x86/xen.h>; sizes are asserted below. */
#ifndef ABI_ARCH_X86_H
#define ABI_ARCH_X86_H

#include "abi/types.h"

/*
 * Selectors. The guest kernel and guest user both run in ring 3 and share Xen's reserved GDT
 * entries 260-262, laid out so that SYSRET (STAR = 0xe023 << 48) lands on CS64/SS:
 *   0xe023  ring-3 code, 32-bit     0xe02b  ring-3 data (SS)     0xe033  ring-3 code, 64-bit
 * 64-bit data segments are the NULL selector.
 */
#define FLAT_RING3_CS32 0xe023
#define FLAT_RING3_CS64 0xe033
#define FLAT_RING3_DS32 0xe02b
#define FLAT_RING3_DS64 0x0000
#define FLAT_RING3_SS32 0xe02b
#define FLAT_RING3_SS64 0xe02b

#define FLAT_KERNEL_DS64 FLAT_RING3_DS64
#define FLAT_KERNEL_DS32 FLAT_RING3_DS32
#define FLAT_KERNEL_DS   FLAT_KERNEL_DS64
#define FLAT_KERNEL_CS64 FLAT_RING3_CS64
#define FLAT_KERNEL_CS32 FLAT_RING3_CS32
#define FLAT_KERNEL_CS   FLAT_KERNEL_CS64
#define FLAT_KERNEL_SS64 FLAT_RING3_SS64
#define FLAT_KERNEL_SS32 FLAT_RING3_SS32
#define FLAT_KERNEL_SS   FLAT_KERNEL_SS64

#define FLAT_USER_DS64 FLAT_RING3_DS64
#define FLAT_USER_DS32 FLAT_RING3_DS32
#define FLAT_USER_DS   FLAT_USER_DS64
#define FLAT_USER_CS64 FLAT_RING3_CS64
#define FLAT_USER_CS32 FLAT_RING3_CS32
#define FLAT_USER_CS   FLAT_USER_CS64
#define FLAT_USER_SS64 FLAT_RING3_SS64
#define FLAT_USER_SS32 FLAT_RING3_SS32
#define FLAT_USER_SS   FLAT_USER_SS64

/* The guest's own GDT (set_gdt) covers pages 0-13; from page 14 on the entries are Xen's. */
#define FIRST_RESERVED_GDT_PAGE  14
#define XEN_GDT_ENTRY_SIZE       8 /* Keel's name: bytes per descriptor */
#define FIRST_RESERVED_GDT_BYTE  (FIRST_RESERVED_GDT_PAGE * XEN_PAGE_SIZE)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_BYTE / XEN_GDT_ENTRY_SIZE)

/*
 * Hypervisor range: L4 slots 256-271 of every guest page table. Its first 256 GiB hold the
 * read-only machine-to-physical table, one 8-byte guest frame number per machine frame.
 *
 *   0xffff800000000000  +-----------------------------+ HYPERVISOR_VIRT_START
 *                       | M2P table (read-only)       |   = MACH2PHYS_VIRT_START
 *   0xffff804000000000  +-----------------------------+ MACH2PHYS_VIRT_END
 *                       | hypervisor private          |
 *   0xffff880000000000  +-----------------------------+ HYPERVISOR_VIRT_END
 */
#define __HYPERVISOR_VIRT_START 0xFFFF800000000000
#define __HYPERVISOR_VIRT_END   0xFFFF880000000000
#define __MACH2PHYS_VIRT_START  0xFFFF800000000000
#define __MACH2PHYS_VIRT_END    0xFFFF804000000000
#define HYPERVISOR_VIRT_START   xen_mk_ulong(__HYPERVISOR_VIRT_START)
#define HYPERVISOR_VIRT_END     xen_mk_ulong(__HYPERVISOR_VIRT_END)
#define MACH2PHYS_VIRT_START    xen_mk_ulong(__MACH2PHYS_VIRT_START)
#define MACH2PHYS_VIRT_END      xen_mk_ulong(__MACH2PHYS_VIRT_END)
#define MACH2PHYS_ENTRY_SIZE    8 /* Keel's name: bytes per M2P entry */
#define MACH2PHYS_NR_ENTRIES    ((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) / MACH2PHYS_ENTRY_SIZE)

/* set_segment_base(which, ...) */
#define SEGBASE_FS          0
#define SEGBASE_GS_USER     1
#define SEGBASE_GS_KERNEL   2
#define SEGBASE_GS_USER_SEL 3 /* load the user %gs selector given in base[15:0] */

/* vcpu_guest_context.flags, and iret_context.flags for VGCF_in_syscall: the guest entered
 * through SYSCALL, so the return may use SYSRET and need not restore rcx and r11. */
#define _VGCF_i387_valid               0
#define VGCF_i387_valid                (1 << _VGCF_i387_valid)
#define VGCF_I387_VALID                VGCF_i387_valid
#define _VGCF_in_kernel                2
#define VGCF_in_kernel                 (1 << _VGCF_in_kernel)
#define VGCF_IN_KERNEL                 VGCF_in_kernel
#define _VGCF_failsafe_disables_events 3
#define VGCF_failsafe_disables_events  (1 << _VGCF_failsafe_disables_events)
#define _VGCF_syscall_disables_events  4
#define VGCF_syscall_disables_events   (1 << _VGCF_syscall_disables_events)
#define _VGCF_online                   5
#define VGCF_online                    (1 << _VGCF_online)
#define _VGCF_in_syscall               8
#define VGCF_in_syscall                (1 << _VGCF_in_syscall)
#define VGCF_IN_SYSCALL                VGCF_in_syscall

/* trap_info.flags (Keel's names for what Xen's TI_GET_DPL/TI_GET_IF macros read):
 * bits 0-1 the DPL that may raise the vector with INT n, bit 2 "mask events on entry". */
#define TI_FLAGS_DPL_MASK    3
#define TI_FLAGS_MASK_EVENTS 4

#ifndef __ASSEMBLY__

/* One virtual IDT entry for set_trap_table. */
struct trap_info {
    uint8_t  vector;  /* exception vector */
    uint8_t  flags;   /* TI_FLAGS_* */
    uint16_t cs;      /* code selector (RPL forced to 3) */
    uint64_t address; /* handler VA; 0 ends a set_trap_table list */
};
typedef struct trap_info trap_info_t;
_Static_assert(sizeof(struct trap_info) == 16, "trap_info size");
_Static_assert(offsetof(struct trap_info, cs) == 2, "trap_info.cs");
_Static_assert(offsetof(struct trap_info, address) == 8, "trap_info.address");

/* What HYPERVISOR_iret pops from the guest stack, lowest address (rsp) first. */
struct iret_context {
    uint64_t rax, r11, rcx, flags, rip, cs, rflags, rsp, ss;
};
_Static_assert(sizeof(struct iret_context) == 72, "iret_context size");
_Static_assert(offsetof(struct iret_context, flags) == 24, "iret_context.flags");
_Static_assert(offsetof(struct iret_context, rip) == 32, "iret_context.rip");
_Static_assert(offsetof(struct iret_context, ss) == 64, "iret_context.ss");

/* The register file as Xen exchanges it (vcpu_guest_context.user_regs). Xen names the
 * registers with GNU anonymous unions (eax/rax); the 64-bit names here are its ISO C names. */
struct cpu_user_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint32_t error_code;   /* private to the hypervisor */
    uint32_t entry_vector; /* private to the hypervisor */
    uint64_t rip;
    uint16_t cs, _pad0[1];
    uint8_t  saved_upcall_mask;
    uint8_t  _pad1[3];
    uint64_t rflags;       /* rflags.IF == !saved_upcall_mask */
    uint64_t rsp;
    uint16_t ss, _pad2[3];
    uint16_t es, _pad3[3];
    uint16_t ds, _pad4[3];
    uint16_t fs, _pad5[3];
    uint16_t gs, _pad6[3];
};
typedef struct cpu_user_regs cpu_user_regs_t;
_Static_assert(sizeof(struct cpu_user_regs) == 200, "cpu_user_regs size");
_Static_assert(offsetof(struct cpu_user_regs, rax) == 80, "cpu_user_regs.rax");
_Static_assert(offsetof(struct cpu_user_regs, error_code) == 120, "cpu_user_regs.error_code");
_Static_assert(offsetof(struct cpu_user_regs, rip) == 128, "cpu_user_regs.rip");
_Static_assert(offsetof(struct cpu_user_regs, saved_upcall_mask) == 140, "saved_upcall_mask");
_Static_assert(offsetof(struct cpu_user_regs, gs) == 192, "cpu_user_regs.gs");

#define VGC_FPU_CTXT_SIZE  512 /* Keel's name: FXSAVE area */
#define VGC_NR_TRAPS       256 /* Keel's name: one trap_info per vector */
#define VGC_NR_GDT_FRAMES  16  /* Keel's name */
#define VGC_NR_REGS        8   /* Keel's name: CR0-7, DR0-7 */

/* A vCPU's whole guest-visible state (VCPUOP_initialise). ctrlreg[3] holds the kernel L4 as
 * xen_pfn_to_cr3(mfn); ctrlreg[1] the user L4. */
struct vcpu_guest_context {
    uint8_t  fpu_ctxt[VGC_FPU_CTXT_SIZE];
    uint64_t flags;                         /* VGCF_* */
    struct cpu_user_regs user_regs;
    struct trap_info trap_ctxt[VGC_NR_TRAPS];
    uint64_t ldt_base, ldt_ents;
    uint64_t gdt_frames[VGC_NR_GDT_FRAMES], gdt_ents;
    uint64_t kernel_ss, kernel_sp;
    uint64_t ctrlreg[VGC_NR_REGS];
    uint64_t debugreg[VGC_NR_REGS];
    uint64_t event_callback_eip;
    uint64_t failsafe_callback_eip;
    uint64_t syscall_callback_eip;
    uint64_t vm_assist;                     /* bitmap of VMASST_TYPE_* */
    uint64_t fs_base;
    uint64_t gs_base_kernel;
    uint64_t gs_base_user;
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
_Static_assert(sizeof(struct vcpu_guest_context) == 5168, "vcpu_guest_context size");
_Static_assert(offsetof(struct vcpu_guest_context, user_regs) == 520, "vgc.user_regs");
_Static_assert(offsetof(struct vcpu_guest_context, trap_ctxt) == 720, "vgc.trap_ctxt");
_Static_assert(offsetof(struct vcpu_guest_context, ctrlreg) == 4984, "vgc.ctrlreg");
_Static_assert(offsetof(struct vcpu_guest_context, gs_base_user) == 5160, "vgc.gs_base_user");

/* CR3 value <-> L4 frame number. */
static inline uint64_t xen_pfn_to_cr3(xen_pfn_t pfn) { return pfn << XEN_PAGE_SHIFT; }
static inline xen_pfn_t xen_cr3_to_pfn(uint64_t cr3) { return cr3 >> XEN_PAGE_SHIFT; }

#endif /* !__ASSEMBLY__ */

#endif
