/* pvguest entry point. The domain builder (Xen's or Keel's) enters here in guest kernel mode:
 * ring 3, CS 0xe033, SS 0xe02b, rsi = VA of start_info, rsp = top of the builder's boot stack
 * page, events masked (vcpu_info.evtchn_upcall_mask = 1). We zero .bss, move to our own
 * stack in .bss and call pvg_main(start_info), which never returns. */
#include "pvguest/layout.h"

        .set    INT3_OPCODE, 0xcc

        .section .text.entry, "ax", @progbits
        .globl pvg_start
        .type pvg_start, @function
pvg_start:
        /* Zero .bss (the loader should have, but the stack lives there: be sure). rsi stays. */
        lea     pvg_bss_start(%rip), %rdi
        lea     pvg_bss_end(%rip), %rcx
        sub     %rdi, %rcx
        xor     %eax, %eax
        cld
        rep stosb

        lea     pvg_stack_top(%rip), %rsp
        xor     %ebp, %ebp              /* ends the frame-pointer chain for backtraces */
        mov     %rsi, %rdi
        call    pvg_main
1:      ud2                             /* pvg_main does not return */
        jmp     1b
        .size pvg_start, . - pvg_start

/* Hypercall page: the builder overwrites it with 128 stubs of 32 bytes (HYPERCALL_PAGE note).
 * It is filled with int3 so that a builder that ignored the note shows as a #BP at once. */
        .section .text.hypercall_page, "ax", @progbits
        .balign PVG_PAGE_SIZE
        .globl hypercall_page
        .type hypercall_page, @object
hypercall_page:
        .fill   PVG_PAGE_SIZE, 1, INT3_OPCODE
        .size hypercall_page, PVG_PAGE_SIZE

        .bss
        .balign PVG_PAGE_SIZE
        .globl pvg_stack
pvg_stack:
        .skip   PVG_STACK_SIZE
        .globl pvg_stack_top
pvg_stack_top:
