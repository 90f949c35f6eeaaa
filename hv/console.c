/* Console output fan-out and printk. Each device sees the same byte stream; serial gets
 * "\r\n" line ends. */
#include "hv/console.h"
#include "hv/lib/fmt.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/uart.h"
#include "arch/x86_64/vga.h"

#define VGA_TEXT_MADDR 0xb8000UL

static struct console *consoles;
static bool com1_present;

void console_register(struct console *c)
{
    struct console **p = &consoles;

    while (*p)
        p = &(*p)->next;
    c->next = NULL;
    *p = c;
}

static void com1_putc(char c)
{
    if (c == '\n')
        uart_putc(UART_COM1, '\r');
    uart_putc(UART_COM1, c);
}

static struct console com1_console = { .name = "com1", .putc = com1_putc };
static struct console vga_console = { .name = "vga", .putc = vga_putc };

void console_init_serial(void)
{
    com1_present = uart_init(UART_COM1);
    if (com1_present)
        console_register(&com1_console);
}

void console_init_vga(void)
{
    vga_init(maddr_to_virt(VGA_TEXT_MADDR));
    console_register(&vga_console);
}

void console_putc(char c)
{
    for (struct console *con = consoles; con; con = con->next)
        con->putc(c);
}

void console_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        console_putc(s[i]);
}

int console_getc(void)
{
    return com1_present ? uart_getc(UART_COM1) : -1;
}

static void printk_sink(void *ctx, char c)
{
    (void)ctx;
    console_putc(c);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fmt_vformat(printk_sink, NULL, fmt, ap);
    va_end(ap);
}
