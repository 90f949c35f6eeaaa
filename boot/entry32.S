/* The 32-bit entry from GRUB and the climb into long mode.
 * On entry (multiboot2): EAX = bootloader magic, EBX = machine address of the boot
 * information, protected mode, paging off, interrupts off, no stack.
 * On exit: 64-bit mode on the boot page tables, running in the image window, stack =
 * boot_stack, hv_start(magic, info_pa) called with interrupts still off.
 * A wrong magic or a CPU without long mode prints a message on COM1 (and the VGA screen)
 * and halts. */
#include "asm-offsets.h"
#include "boot/early.h"
#include "boot/multiboot2.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/x86.h"
#include "hv/exitcode.h"

#define PHYS(sym) ((sym) - HV_VIRT_BASE)

    .section .boot.text, "ax"
    .code32
    .globl start32
start32:
    cli
    cld
    movl %eax, %edi                 /* magic, kept until hv_start */
    movl %ebx, %esi                 /* info address */
    movl $PHYS(boot_stack_top), %esp
    cmpl $MB2_LOADER_MAGIC, %edi
    jne bad_magic

    movl $CPUID_EXT_MAX, %eax
    cpuid
    cmpl $CPUID_EXT_FEATURES, %eax
    jb no_long_mode
    movl $CPUID_EXT_FEATURES, %eax
    cpuid
    testl $CPUID_EXT_EDX_LM, %edx
    jz no_long_mode
    movl %edx, %ebp                 /* remember NX support */
    movl $1, %eax
    cpuid
    testl $CPUID_1_EDX_PAE, %edx
    jz no_long_mode

    movl %cr4, %eax
    orl $X86_CR4_PAE, %eax
    movl %eax, %cr4
    movl $early_l4, %eax
    movl %eax, %cr3
    movl $MSR_EFER, %ecx
    rdmsr
    orl $EFER_LME, %eax
    testl $CPUID_EXT_EDX_NX, %ebp
    jz 1f
    orl $EFER_NXE, %eax
1:  wrmsr
    movl %cr0, %eax
    orl $(X86_CR0_PG | X86_CR0_PE | X86_CR0_WP), %eax
    movl %eax, %cr0
    lgdt early_gdt_desc
    ljmp $EARLY_SEL_CS, $start64_low

bad_magic:
    movl $msg_bad_magic, %ebx
    jmp early_fail
no_long_mode:
    movl $msg_no_lm, %ebx
    jmp early_fail

/* early_fail: prints the NUL-terminated string at EBX to COM1 and the VGA screen, tells
 * QEMU's isa-debug-exit (if present) that the boot failed, and halts forever. */
early_fail:
    movl $VGA_TEXT_PHYS, %edi
2:  movb (%ebx), %al
    testb %al, %al
    jz 4f
    movb %al, (%edi)
    movb $VGA_ATTR, 1(%edi)
    addl $2, %edi
    movw $(COM1_PORT + UART_LSR), %dx
3:  inb %dx, %al
    testb $UART_LSR_THRE, %al
    jz 3b
    movb (%ebx), %al
    movw $COM1_PORT, %dx
    outb %al, %dx
    incl %ebx
    jmp 2b
4:  movb $KEEL_EXIT_PANIC, %al
    outb %al, $DEBUG_EXIT_PORT
5:  hlt
    jmp 5b

    .code64
start64_low:
    movabsq $start64_high, %rax
    jmp *%rax

    .section .boot.data, "aw"
msg_bad_magic:
    .asciz "Keel: not started by a multiboot2 loader (bad magic in EAX); halting.\r\n"
msg_no_lm:
    .asciz "Keel: this CPU has no long mode (x86_64) or no PAE; Keel needs an x86_64 CPU. Halting.\r\n"

    .balign 8
early_gdt:
    .quad 0
    .quad 0x00af9a000000ffff        /* 0x08: 64-bit code, ring 0 */
    .quad 0x00cf92000000ffff        /* 0x10: data, ring 0 */
early_gdt_end:
early_gdt_desc:
    .short early_gdt_end - early_gdt - 1
    .long early_gdt

/* Boot page tables: 4 GiB of 2 MiB pages, reachable at 0 (identity, for the switch),
 * in the direct map, and (first GiB) in the image window. */
    .balign EARLY_PAGE_SIZE
    .globl early_l4
early_l4:
    .quad early_l3_low + EARLY_TABLE_P_RW
    .fill EARLY_L4_SLOT_IMAGE - 1, EARLY_PT_ENTRY_SIZE, 0
    .quad early_l3_image + EARLY_TABLE_P_RW
    .quad early_l3_low + EARLY_TABLE_P_RW
    .fill 512 - EARLY_L4_SLOT_DIRECTMAP - 1, EARLY_PT_ENTRY_SIZE, 0
early_l3_low:
    .quad early_l2 + EARLY_TABLE_P_RW
    .quad early_l2 + EARLY_PAGE_SIZE + EARLY_TABLE_P_RW
    .quad early_l2 + 2 * EARLY_PAGE_SIZE + EARLY_TABLE_P_RW
    .quad early_l2 + 3 * EARLY_PAGE_SIZE + EARLY_TABLE_P_RW
    .fill 512 - 4, EARLY_PT_ENTRY_SIZE, 0
early_l3_image:
    .fill EARLY_L3_SLOT_IMAGE, EARLY_PT_ENTRY_SIZE, 0
    .quad early_l2 + EARLY_TABLE_P_RW
    .fill 512 - EARLY_L3_SLOT_IMAGE - 1, EARLY_PT_ENTRY_SIZE, 0
early_l2:
    .set page, 0
    .rept EARLY_L2_ENTRIES
    .quad (page << EARLY_L2_SHIFT) + EARLY_LARGE_P_RW
    .set page, page + 1
    .endr

    .section .text.entry, "ax"
/* start64_high: first code in the image window. RDI = magic, RSI = info (upper halves
 * undefined after the mode switch, so cleared here). */
start64_high:
    movl $EARLY_SEL_DS, %eax
    movl %eax, %ds
    movl %eax, %es
    movl %eax, %ss
    xorl %eax, %eax
    movl %eax, %fs
    movl %eax, %gs
    leaq boot_stack_top(%rip), %rsp
    subq $REGS_SIZE, %rsp           /* the top frame is the running vCPU's (hv/vcpu.c) */
    xorl %ebp, %ebp
    movl %edi, %edi
    movl %esi, %esi
    call hv_start
1:  hlt
    jmp 1b

    .bss
    .balign 16
    .globl boot_stack, boot_stack_top
boot_stack:
    .skip BOOT_STACK_SIZE
boot_stack_top:
