/* A bounded string builder: printf-style appends into a caller's array. */
#include "tools/keeltrace/sbuf.h"

#include <stdarg.h>
#include <stdio.h>

#define SBUF_PRINTABLE_LO 0x20
#define SBUF_PRINTABLE_HI 0x7e

void sbuf_init(struct sbuf *s, char *buf, size_t size)
{
    s->buf = buf;
    s->size = size;
    s->len = 0;
    if (size)
        buf[0] = '\0';
}

void sbuf_printf(struct sbuf *s, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (s->len + 1 >= s->size)
        return;
    va_start(ap, fmt);
    n = vsnprintf(s->buf + s->len, s->size - s->len, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    s->len += (size_t)n < s->size - s->len ? (size_t)n : s->size - s->len - 1;
}

void sbuf_quote(struct sbuf *s, const char *text, size_t max, int json)
{
    sbuf_printf(s, "\"");
    for (size_t i = 0; i < max && text[i]; i++) {
        unsigned char c = (unsigned char)text[i];

        if (c == '"' || c == '\\')
            sbuf_printf(s, "\\%c", c);
        else if (c >= SBUF_PRINTABLE_LO && c <= SBUF_PRINTABLE_HI)
            sbuf_printf(s, "%c", c);
        else
            sbuf_printf(s, json ? "\\u%04x" : "\\x%02x", c);
    }
    sbuf_printf(s, "\"");
}
