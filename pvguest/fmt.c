/* pvguest's printf-style formatter. It writes through a bounded cursor that counts every
 * character, so truncation never overruns buf and the return value is the untruncated length. */
#include "pvguest/fmt.h"
#include "pvguest/string.h"

#include <stdbool.h>
#include <stdint.h>

#define FMT_BASE_DEC 10
#define FMT_BASE_HEX 16
#define FMT_DIGITS_MAX 24 /* enough for a 64-bit value in base 10 or 16 */

struct fmt_out {
    char *buf;
    size_t size;
    size_t len;
};

struct fmt_spec {
    bool left;       /* '-': pad on the right */
    char pad;        /* ' ' or '0' */
    unsigned width;
    int longs;       /* 0 int, 1 long, 2 long long (z counts as long) */
    char conv;
};

static void fmt_putc(struct fmt_out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void fmt_pad(struct fmt_out *o, char c, unsigned n)
{
    while (n--)
        fmt_putc(o, c);
}

/* Emits str[0..len) padded to the spec's width. A zero-padded number keeps its sign first. */
static void fmt_field(struct fmt_out *o, const struct fmt_spec *s, const char *str, unsigned len)
{
    unsigned fill = s->width > len ? s->width - len : 0;

    if (s->left) {
        for (unsigned i = 0; i < len; i++)
            fmt_putc(o, str[i]);
        fmt_pad(o, ' ', fill);
        return;
    }
    if (s->pad == '0' && len && str[0] == '-') {
        fmt_putc(o, *str++);
        len--;
    }
    fmt_pad(o, s->pad, fill);
    for (unsigned i = 0; i < len; i++)
        fmt_putc(o, str[i]);
}

static void fmt_number(struct fmt_out *o, const struct fmt_spec *s, uint64_t v, bool neg,
                       unsigned base)
{
    const char *digits = s->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[FMT_DIGITS_MAX];
    unsigned n = FMT_DIGITS_MAX;

    do {
        tmp[--n] = digits[v % base];
        v /= base;
    } while (v);
    if (neg)
        tmp[--n] = '-';
    fmt_field(o, s, tmp + n, FMT_DIGITS_MAX - n);
}

static uint64_t fmt_arg_unsigned(const struct fmt_spec *s, va_list *ap)
{
    if (s->longs >= 2)
        return va_arg(*ap, unsigned long long);
    if (s->longs == 1)
        return va_arg(*ap, unsigned long);
    return va_arg(*ap, unsigned int);
}

static int64_t fmt_arg_signed(const struct fmt_spec *s, va_list *ap)
{
    if (s->longs >= 2)
        return va_arg(*ap, long long);
    if (s->longs == 1)
        return va_arg(*ap, long);
    return va_arg(*ap, int);
}

static void fmt_convert(struct fmt_out *o, struct fmt_spec *s, va_list *ap)
{
    const char *str;
    char c;
    int64_t sv;

    switch (s->conv) {
    case 'd': case 'i':
        sv = fmt_arg_signed(s, ap);
        fmt_number(o, s, sv < 0 ? -(uint64_t)sv : (uint64_t)sv, sv < 0, FMT_BASE_DEC);
        break;
    case 'u':
        fmt_number(o, s, fmt_arg_unsigned(s, ap), false, FMT_BASE_DEC);
        break;
    case 'x': case 'X':
        fmt_number(o, s, fmt_arg_unsigned(s, ap), false, FMT_BASE_HEX);
        break;
    case 'p':
        fmt_putc(o, '0');
        fmt_putc(o, 'x');
        fmt_number(o, s, (uint64_t)va_arg(*ap, void *), false, FMT_BASE_HEX);
        break;
    case 's':
        str = va_arg(*ap, const char *);
        str = str ? str : "(null)";
        fmt_field(o, s, str, (unsigned)strlen(str));
        break;
    case 'c':
        c = (char)va_arg(*ap, int);
        fmt_field(o, s, &c, 1);
        break;
    default: /* "%%" and unknown conversions print themselves */
        fmt_putc(o, s->conv);
        break;
    }
}

/* Parses one conversion spec after '%'; returns the position after it. */
static const char *fmt_parse(const char *p, struct fmt_spec *s)
{
    *s = (struct fmt_spec){ .pad = ' ' };
    for (; *p == '-' || *p == '0'; p++) {
        if (*p == '-')
            s->left = true;
        else
            s->pad = '0';
    }
    for (; *p >= '0' && *p <= '9'; p++)
        s->width = s->width * FMT_BASE_DEC + (unsigned)(*p - '0');
    for (; *p == 'l' || *p == 'z'; p++)
        s->longs++;
    s->conv = *p ? *p++ : '%';
    return p;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct fmt_out o = { .buf = buf, .size = size, .len = 0 };
    struct fmt_spec s;
    va_list aq;

    va_copy(aq, ap);
    while (*fmt) {
        if (*fmt != '%') {
            fmt_putc(&o, *fmt++);
            continue;
        }
        fmt = fmt_parse(fmt + 1, &s);
        fmt_convert(&o, &s, &aq);
    }
    va_end(aq);
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
