/* pvguest's early console. Every message goes out in one console_io write, so lines from
 * several domains interleave only at message boundaries. */
#include "pvguest/console.h"

#include <stdarg.h>

#include "abi/console_io.h"
#include "pvguest/fmt.h"
#include "pvguest/hypercall.h"

#define CONSOLE_LINE_MAX 256

long console_write(const char *buf, size_t len)
{
    return hypercall_console_io(CONSOLEIO_write, (unsigned int)len, buf);
}

void printk(const char *fmt, ...)
{
    char line[CONSOLE_LINE_MAX];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof(line))
        n = sizeof(line) - 1;
    console_write(line, (size_t)n);
}
