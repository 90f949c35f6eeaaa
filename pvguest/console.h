/* pvguest's early console: console_io(CONSOLEIO_write) straight to the hypervisor, which
 * works before any event channel or console ring is set up, and printk on top of it. */
#ifndef PVGUEST_CONSOLE_H
#define PVGUEST_CONSOLE_H

#include <stddef.h>

/* Writes len bytes; returns 0 or the hypervisor's -XEN_E* error. */
long console_write(const char *buf, size_t len);
/* Formats (pvguest/fmt.h) and writes one message; long messages are truncated. */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
