/* pvguest's printf-style formatter: %d %i %u %x %X %p %s %c %% with the flags '-' and '0',
 * a decimal width and the length modifiers l, ll, z. Output is always NUL-terminated when
 * size > 0 and silently truncated; the result is the length the full output would have. */
#ifndef PVGUEST_FMT_H
#define PVGUEST_FMT_H

#include <stdarg.h>
#include <stddef.h>

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
