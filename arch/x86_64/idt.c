/* The IDT: interrupt gates for the 32 exception vectors, pointing at the stubs in entry.S.
 * NMI, #DF and #MC run on their own IST stacks so a broken stack cannot take them down. */
#include "arch/x86_64/desc.h"
#include "arch/x86_64/x86.h"

struct idt_gate {
    uint16_t off_lo;
    uint16_t sel;
    uint8_t ist;
    uint8_t type_attr;
    uint16_t off_mid;
    uint32_t off_hi;
    uint32_t reserved;
} __packed;
_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate layout");

#define GATE_INTERRUPT 0x8e   /* present, DPL 0, 64-bit interrupt gate */
#define GATE_DPL3 0x60

extern const char trap_stubs[];

static struct idt_gate idt[X86_NR_VECTORS] __aligned(PAGE_SIZE);

static void idt_set(unsigned vec, vaddr_t handler, unsigned ist)
{
    idt[vec] = (struct idt_gate){
        .off_lo = handler & 0xffff,
        .sel = SEL_HV_CS,
        .ist = ist,
        .type_attr = GATE_INTERRUPT,
        .off_mid = (handler >> 16) & 0xffff,
        .off_hi = handler >> 32,
    };
}

static unsigned vector_ist(unsigned vec)
{
    if (vec == X86_EXC_NMI)
        return IST_NMI;
    if (vec == X86_EXC_DF)
        return IST_DF;
    if (vec == X86_EXC_MC)
        return IST_MC;
    return 0;
}

void idt_init(void)
{
    struct __packed { uint16_t limit; uint64_t base; } d = { sizeof(idt) - 1, (uint64_t)idt };

    for (unsigned v = 0; v < X86_NR_VECTORS; v++)
        idt_set(v, (vaddr_t)trap_stubs + v * TRAP_STUB_SIZE, vector_ist(v));
    __asm__ volatile("lidt %0" : : "m"(d));
}

void idt_set_dpl3(unsigned vector, bool user)
{
    if (user)
        idt[vector].type_attr |= GATE_DPL3;
    else
        idt[vector].type_attr &= ~GATE_DPL3;
}
