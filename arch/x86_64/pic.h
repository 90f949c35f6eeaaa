/* Legacy 8259 interrupt controllers: remapped to vectors 0x20-0x2f and masked. */
#ifndef ARCH_X86_64_PIC_H
#define ARCH_X86_64_PIC_H

#define PIC_VECTOR_BASE 0x20

void pic_init(void);

/* Acknowledges a (spurious) PIC interrupt on vector, if it is a PIC vector. */
void pic_eoi(unsigned vector);

#endif
