/* pvguest's exception entry and exit. Xen (and Keel) deliver an exception by building a
 * bounce frame on the guest kernel stack and jumping to our handler with events in whatever
 * state the trap_info asked for:
 *     rsp -> rcx, r11, [error code], rip, cs (| saved upcall mask << 32), rflags, rsp, ss
 * Each stub pops rcx and r11 (restoring the interrupted values), pushes a 0 error code if the
 * CPU gives none and the vector, then trap_common saves every register and calls
 * trap_dispatch(struct trap_frame *). The way back is HYPERVISOR_iret, which pops
 * rax, r11, rcx, flags, rip, cs, rflags, rsp, ss (struct iret_context). */
#include "abi/hcall.h"
#include "pvguest/gpr.h"
#include "pvguest/hypercall.h"
#include "pvguest/traps.h"

        .set    VEC_ERR_BYTES, 2 * GPR_BYTES    /* vector and error-code slots */

.macro  trap_stub vec:req, has_err:req
        .text
        .type trap_entry_\vec, @function
trap_entry_\vec:
        pop     %rcx
        pop     %r11
        .if !\has_err
        push    $0
        .endif
        push    $\vec
        jmp     trap_common
        .size trap_entry_\vec, . - trap_entry_\vec
        .section .rodata
        .quad   trap_entry_\vec
.endm

        .section .rodata
        .balign 8
        .globl trap_entry_table
trap_entry_table:
        .irp    vec, 0, 1, 2, 3, 4, 5, 6, 7
        trap_stub \vec, 0
        .endr
        trap_stub 8, 1
        trap_stub 9, 0
        .irp    vec, 10, 11, 12, 13, 14
        trap_stub \vec, 1
        .endr
        trap_stub 15, 0
        trap_stub 16, 0
        trap_stub 17, 1
        trap_stub 18, 0
        trap_stub 19, 0
        .size trap_entry_table, . - trap_entry_table

        .text
/* rsp -> vector, error code, rip, cs, rflags, rsp, ss; rcx and r11 already restored. */
trap_common:
        push    %rax
        push    %rbx
        push    %rcx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %rbp
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rsp, %rdi
        call    trap_dispatch
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rbp
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rcx
        pop     %rbx
        pop     %rax
        add     $VEC_ERR_BYTES, %rsp
        push    $0                              /* iret_context.flags: not VGCF_in_syscall */
        cmpb    $0, trap_iret_raw(%rip)
        jne     1f
        jmp     hypercall_page + __HYPERVISOR_iret * HYPERCALL_STUB_SIZE
1:      push    %rcx
        push    %r11
        push    %rax
        mov     $__HYPERVISOR_iret, %eax
        syscall
        ud2                                     /* iret does not return here */

/* Event upcall: the hypervisor enters with the upcall mask set and the exception frame without
 * error code (rsp -> rcx, r11, rip, cs | saved mask << 32, rflags, rsp, ss). It goes through
 * trap_common as pseudo-vector TRAP_VECTOR_EVENT; HYPERVISOR_iret then restores the upcall mask
 * from the frame's IF, and the hypervisor delivers any event that arrived meanwhile. */
        .globl trap_event_entry
        .type trap_event_entry, @function
trap_event_entry:
        pop     %rcx
        pop     %r11
        push    $0
        push    $TRAP_VECTOR_EVENT
        jmp     trap_common
        .size trap_event_entry, . - trap_event_entry

/* Failsafe and user syscall callbacks: pvguest never expects them (segments are never
 * reloaded, there is no user mode), so each one reports and crashes the domain.
 * rsp -> the frame Xen built; rdi gets a pointer to it. */
        .globl trap_failsafe_entry, trap_syscall_entry
trap_failsafe_entry:
        mov     %rsp, %rdi
        mov     $TRAP_CALLBACK_FAILSAFE, %esi
        jmp     trap_callback
trap_syscall_entry:
        mov     %rsp, %rdi
        mov     $TRAP_CALLBACK_SYSCALL, %esi
        jmp     trap_callback
