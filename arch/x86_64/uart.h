/* 16550 UART driver (polled). COM1 carries the console, COM2 may carry the trace stream. */
#ifndef ARCH_X86_64_UART_H
#define ARCH_X86_64_UART_H

#include "arch/x86_64/types.h"

#define UART_COM1 0x3f8
#define UART_COM2 0x2f8

/* Programs 115200 8N1 with FIFOs; returns false when no UART answers at that port. */
bool uart_init(uint16_t port);
void uart_putc(uint16_t port, char c);
/* Returns the next received byte, or -1 when none is waiting. */
int uart_getc(uint16_t port);

#endif
