/* The hypervisor console: a list of output devices (serial, VGA text; a framebuffer console
 * is one more struct console) that printk writes to, and serial input for console_io. */
#ifndef HV_CONSOLE_H
#define HV_CONSOLE_H

#include "hv/env.h"

struct console {
    const char *name;
    void (*putc)(char c);
    struct console *next;
};

/* Adds an output device; it receives everything printed from now on. */
void console_register(struct console *c);

/* Sets up COM1 (and the VGA text screen when vga_text says the machine has one). */
void console_init_serial(void);
void console_init_vga(void);

void console_putc(char c);
void console_write(const char *s, size_t n);

/* Next byte typed on the serial console, or -1. */
int console_getc(void);

#endif
