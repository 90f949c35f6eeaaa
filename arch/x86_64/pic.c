/* The legacy 8259 PICs: remapped away from the exception vectors (the BIOS leaves IRQ 0 on
 * vector 8, where it would look like a double fault) and masked. Keel takes no legacy IRQs. */
#include "arch/x86_64/pic.h"
#include "arch/x86_64/cpu.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01
#define PIC2_CASCADE_IRQ 4      /* ICW3 of the master: slave on IRQ 2 */
#define PIC2_CASCADE_ID 2       /* ICW3 of the slave: its cascade identity */
#define PIC_MASK_ALL 0xff
#define PIC_EOI 0x20
#define PIC_IRQS 8

void pic_init(void)
{
    outb(PIC1_CMD, ICW1_INIT_ICW4);
    outb(PIC2_CMD, ICW1_INIT_ICW4);
    outb(PIC1_DATA, PIC_VECTOR_BASE);
    outb(PIC2_DATA, PIC_VECTOR_BASE + PIC_IRQS);
    outb(PIC1_DATA, PIC2_CASCADE_IRQ);
    outb(PIC2_DATA, PIC2_CASCADE_ID);
    outb(PIC1_DATA, ICW4_8086);
    outb(PIC2_DATA, ICW4_8086);
    outb(PIC1_DATA, PIC_MASK_ALL);
    outb(PIC2_DATA, PIC_MASK_ALL);
}

void pic_eoi(unsigned vector)
{
    if (vector < PIC_VECTOR_BASE || vector >= PIC_VECTOR_BASE + 2 * PIC_IRQS)
        return;
    if (vector >= PIC_VECTOR_BASE + PIC_IRQS)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}
