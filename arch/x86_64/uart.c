/* Polled 16550 UART: init probes with the scratch register so a missing port is noticed. */
#include "arch/x86_64/uart.h"
#include "arch/x86_64/cpu.h"

#define UART_THR 0
#define UART_RBR 0
#define UART_DLL 0
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7

#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define FCR_ENABLE_CLEAR 0x07
#define MCR_DTR_RTS_OUT2 0x0b
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define DIVISOR_115200 1
#define SCRATCH_PROBE 0xa5
#define TX_SPIN_LIMIT 100000

bool uart_init(uint16_t port)
{
    outb(port + UART_SCR, SCRATCH_PROBE);
    if (inb(port + UART_SCR) != SCRATCH_PROBE)
        return false;
    outb(port + UART_IER, 0);
    outb(port + UART_LCR, LCR_DLAB);
    outb(port + UART_DLL, DIVISOR_115200);
    outb(port + UART_DLM, 0);
    outb(port + UART_LCR, LCR_8N1);
    outb(port + UART_FCR, FCR_ENABLE_CLEAR);
    outb(port + UART_MCR, MCR_DTR_RTS_OUT2);
    return true;
}

void uart_putc(uint16_t port, char c)
{
    for (unsigned i = 0; i < TX_SPIN_LIMIT && !(inb(port + UART_LSR) & LSR_THR_EMPTY); i++)
        pause();
    outb(port + UART_THR, (uint8_t)c);
}

int uart_getc(uint16_t port)
{
    if (!(inb(port + UART_LSR) & LSR_DATA_READY))
        return -1;
    return inb(port + UART_RBR);
}
