/* Descriptor tables: the GDT with Xen's reserved selectors, the TSS with its IST stacks,
 * and the IDT. One set per CPU (Keel runs on the boot CPU only for now). */
#ifndef ARCH_X86_64_DESC_H
#define ARCH_X86_64_DESC_H

#include "arch/x86_64/types.h"

struct tss64 {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __packed;
_Static_assert(sizeof(struct tss64) == 104, "TSS layout");

/* Loads the GDT (Xen's selectors at 0xe000..) and the TSS, reloads the segment registers.
 * stack_top becomes rsp0: where entries from ring 3 land. */
void gdt_init(vaddr_t stack_top);

/* Sets where entries from ring 3 land (the current vCPU's frame lives there). */
void tss_set_rsp0(vaddr_t top);

/* Installs the exception gates (vectors 0-31; NMI, #DF and #MC on their IST stacks). */
void idt_init(void);

/* Makes a vector's gate callable from ring 3 with `int $n` (DPL 3), or not. */
void idt_set_dpl3(unsigned vector, bool user);

#endif
