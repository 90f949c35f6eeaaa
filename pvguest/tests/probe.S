/* Register-exact probes (see probe.h). probe_regs_call(in = rdi, out = rsi, target = rdx):
 * callee-saved registers are kept on the stack, every general register but rsp is loaded from
 * *in, the target is called, and every register is stored to *out before the caller's
 * callee-saved registers come back. Interrupt state is untouched. */
#include "abi/arch_x86.h"
#include "abi/hcall.h"
#include "pvguest/gpr.h"
#include "pvguest/hypercall.h"

        .text
        .globl probe_regs_call
        .type probe_regs_call, @function
probe_regs_call:
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        push    %rsi                            /* out, at GPR_BYTES(%rsp) */
        push    %rdx                            /* target, at 0(%rsp) */
        lea     -GPR_BYTES(%rsp), %rax
        mov     %rax, probe_target_rsp(%rip)
        mov     GPR_OFFSET(GPR_RAX)(%rdi), %rax
        mov     GPR_OFFSET(GPR_RBX)(%rdi), %rbx
        mov     GPR_OFFSET(GPR_RCX)(%rdi), %rcx
        mov     GPR_OFFSET(GPR_RDX)(%rdi), %rdx
        mov     GPR_OFFSET(GPR_RSI)(%rdi), %rsi
        mov     GPR_OFFSET(GPR_RBP)(%rdi), %rbp
        mov     GPR_OFFSET(GPR_R8)(%rdi), %r8
        mov     GPR_OFFSET(GPR_R9)(%rdi), %r9
        mov     GPR_OFFSET(GPR_R10)(%rdi), %r10
        mov     GPR_OFFSET(GPR_R11)(%rdi), %r11
        mov     GPR_OFFSET(GPR_R12)(%rdi), %r12
        mov     GPR_OFFSET(GPR_R13)(%rdi), %r13
        mov     GPR_OFFSET(GPR_R14)(%rdi), %r14
        mov     GPR_OFFSET(GPR_R15)(%rdi), %r15
        mov     GPR_OFFSET(GPR_RDI)(%rdi), %rdi
        call    *(%rsp)
        push    %rax                            /* now out is at 2*GPR_BYTES(%rsp) */
        mov     2*GPR_BYTES(%rsp), %rax
        mov     %rbx, GPR_OFFSET(GPR_RBX)(%rax)
        mov     %rcx, GPR_OFFSET(GPR_RCX)(%rax)
        mov     %rdx, GPR_OFFSET(GPR_RDX)(%rax)
        mov     %rsi, GPR_OFFSET(GPR_RSI)(%rax)
        mov     %rdi, GPR_OFFSET(GPR_RDI)(%rax)
        mov     %rbp, GPR_OFFSET(GPR_RBP)(%rax)
        mov     %r8, GPR_OFFSET(GPR_R8)(%rax)
        mov     %r9, GPR_OFFSET(GPR_R9)(%rax)
        mov     %r10, GPR_OFFSET(GPR_R10)(%rax)
        mov     %r11, GPR_OFFSET(GPR_R11)(%rax)
        mov     %r12, GPR_OFFSET(GPR_R12)(%rax)
        mov     %r13, GPR_OFFSET(GPR_R13)(%rax)
        mov     %r14, GPR_OFFSET(GPR_R14)(%rax)
        mov     %r15, GPR_OFFSET(GPR_R15)(%rax)
        pop     %rcx                            /* the target's rax */
        mov     %rcx, GPR_OFFSET(GPR_RAX)(%rax)
        add     $2*GPR_BYTES, %rsp              /* target and out */
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        ret
        .size probe_regs_call, . - probe_regs_call

/* One-instruction targets; each returns to probe_regs_call after its resume label. */
.macro  probe_op name:req, insn:vararg
        .globl probe_op_\name, probe_op_\name\()_resume
        .type probe_op_\name, @function
probe_op_\name:
        \insn
probe_op_\name\()_resume:
        ret
        .size probe_op_\name, . - probe_op_\name
.endm

        probe_op syscall, syscall
        probe_op ud2, ud2
        probe_op int3, int3
        probe_op div, div %rbx
        probe_op load, mov (%rbx), %rbx
        probe_op store, mov %rdx, (%rbx)
        probe_op fnop, fnop
        probe_op rdmsr, rdmsr
        probe_op wrmsr, wrmsr

/* Hand-built HYPERVISOR_iret: an iret_context that resumes at probe_op_iret*_resume with the
 * current rsp, rflags = probe_iret_rflags, flags = probe_iret_flags, and rax/r11/rcx as they
 * are now. No general register changes before the hypercall except rax, which the frame
 * carries. The resume label records the live rflags in probe_iret_seen_rflags. */
/* CS with RPL 0 tells HYPERVISOR_iret "stay in guest kernel mode"; RPL 3 would mean a return
 * to guest user mode (and Xen crashes a domain that has no user page tables). */
        .set    SEL_RPL_MASK, 3
        .set    IRET_KERNEL_CS, FLAT_KERNEL_CS & ~SEL_RPL_MASK

.macro  iret_frame_tail resume:req
        mov     %rsp, probe_iret_rsp(%rip)
        push    $FLAT_KERNEL_SS
        push    probe_iret_rsp(%rip)
        push    probe_iret_rflags(%rip)
        push    $IRET_KERNEL_CS
        push    $\resume
        push    probe_iret_flags(%rip)
.endm

        .globl probe_op_iret_raw, probe_op_iret_raw_resume
        .type probe_op_iret_raw, @function
probe_op_iret_raw:
        iret_frame_tail probe_op_iret_raw_resume
        push    %rcx
        push    %r11
        push    %rax
        mov     $__HYPERVISOR_iret, %eax
        syscall
        ud2
probe_op_iret_raw_resume:
        pushf
        pop     probe_iret_seen_rflags(%rip)
        ret
        .size probe_op_iret_raw, . - probe_op_iret_raw

        .globl probe_op_iret_page, probe_op_iret_page_resume
        .type probe_op_iret_page, @function
probe_op_iret_page:
        iret_frame_tail probe_op_iret_page_resume
        jmp     hypercall_page + __HYPERVISOR_iret * HYPERCALL_STUB_SIZE
probe_op_iret_page_resume:
        pushf
        pop     probe_iret_seen_rflags(%rip)
        ret
        .size probe_op_iret_page, . - probe_op_iret_page

        .bss
        .balign 8
        .globl probe_target_rsp, probe_iret_rflags, probe_iret_flags, probe_iret_seen_rflags
probe_target_rsp:
        .skip   GPR_BYTES
probe_iret_rsp:
        .skip   GPR_BYTES
probe_iret_rflags:
        .skip   GPR_BYTES
probe_iret_flags:
        .skip   GPR_BYTES
probe_iret_seen_rflags:
        .skip   GPR_BYTES
