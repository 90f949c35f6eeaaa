/* Freestanding formatted output (the engine under printk and snprintk).
 * Supports %s %c %d %i %u %x %X %p %% with the l, ll and z length modifiers, a field width
 * (number or *), '0' padding, '-' left alignment and a precision for %s (%.*s).
 * %p prints 0x followed by 16 hex digits. An unknown conversion is printed as it stands. */
#ifndef HV_LIB_FMT_H
#define HV_LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_sink_t)(void *ctx, char c);

/* Formats into sink; returns the number of characters produced. */
int fmt_vformat(fmt_sink_t sink, void *ctx, const char *fmt, va_list ap);

/* snprintf semantics: always NUL-terminates when size > 0; returns the length the whole
 * output would have had. */
int vsnprintk(char *buf, size_t size, const char *fmt, va_list ap);
int snprintk(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
