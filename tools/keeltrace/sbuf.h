/* A bounded string builder for keeltrace's output lines. Invariant: buf is always
 * NUL-terminated and never written past its size; overflow truncates. */
#ifndef KT_SBUF_H
#define KT_SBUF_H

#include <stddef.h>

struct sbuf {
    char *buf;
    size_t size;
    size_t len;
};

void sbuf_init(struct sbuf *s, char *buf, size_t size);
void sbuf_printf(struct sbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends text with quotes, \", \\ and \xNN escapes (valid in C and in JSON as \u00NN). */
void sbuf_quote(struct sbuf *s, const char *text, size_t max, int json);

#endif
