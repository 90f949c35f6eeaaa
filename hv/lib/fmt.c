/* Freestanding formatted output: parses printf-style conversion specifications and hands the
 * result to a sink one character at a time, so printk needs no buffer and snprintk can never
 * write past the end of its own. Every character produced is counted, stored or not. */
#include "hv/lib/fmt.h"
#include "hv/env.h"

#define FMT_BASE_DEC 10u
#define FMT_BASE_HEX 16u
#define FMT_PTR_DIGITS 16           /* %p: every nibble of a 64-bit pointer */
#define FMT_NUM_MAX 24              /* UINT64_MAX has 20 decimal digits */
#define FMT_FIELD_MAX 4096          /* widths and precisions are clamped here */

enum fmt_len { FMT_LEN_INT, FMT_LEN_LONG, FMT_LEN_LLONG, FMT_LEN_SIZE };

struct fmt_spec {
    bool left;                      /* '-': pad on the right */
    bool zero;                      /* '0': pad numbers with zeros after the sign */
    int width;                      /* minimum field width */
    int prec;                       /* %s: maximum characters; -1 when absent */
    enum fmt_len len;
};

struct fmt_num {
    uint64_t mag;                   /* magnitude */
    bool neg;
    unsigned base;
    bool upper;
    const char *prefix;             /* "0x" for %p, else "" */
    int min_digits;
};

struct fmt_out {
    fmt_sink_t sink;
    void *ctx;
    int count;
};

static void fmt_put(struct fmt_out *o, char c)
{
    o->sink(o->ctx, c);
    o->count++;
}

static void fmt_pad(struct fmt_out *o, char c, int n)
{
    for (; n > 0; n--)
        fmt_put(o, c);
}

static void fmt_emit_str(struct fmt_out *o, const struct fmt_spec *sp, const char *s, size_t len)
{
    int pad = sp->width > (int)len ? sp->width - (int)len : 0;

    if (!sp->left)
        fmt_pad(o, ' ', pad);
    for (size_t i = 0; i < len; i++)
        fmt_put(o, s[i]);
    if (sp->left)
        fmt_pad(o, ' ', pad);
}

/* Writes the digits of n->mag backwards into buf; returns how many. */
static int fmt_digits(const struct fmt_num *n, char *buf)
{
    const char *set = n->upper ? "0123456789ABCDEF" : "0123456789abcdef";
    uint64_t v = n->mag;
    int i = 0;

    do {
        buf[i++] = set[v % n->base];
        v /= n->base;
    } while (v != 0);
    while (i < n->min_digits && i < FMT_NUM_MAX)
        buf[i++] = '0';
    return i;
}

static void fmt_emit_num(struct fmt_out *o, const struct fmt_spec *sp, const struct fmt_num *n)
{
    char buf[FMT_NUM_MAX];
    int nd = fmt_digits(n, buf);
    int lead = (int)n->neg + (int)strlen(n->prefix);
    int pad = sp->width > nd + lead ? sp->width - nd - lead : 0;
    bool zeros = sp->zero && !sp->left;

    if (!zeros && !sp->left)
        fmt_pad(o, ' ', pad);
    if (n->neg)
        fmt_put(o, '-');
    for (const char *p = n->prefix; *p; p++)
        fmt_put(o, *p);
    if (zeros)
        fmt_pad(o, '0', pad);
    while (nd > 0)
        fmt_put(o, buf[--nd]);
    if (sp->left)
        fmt_pad(o, ' ', pad);
}

static uint64_t fmt_arg_unsigned(enum fmt_len len, va_list *ap)
{
    switch (len) {
    case FMT_LEN_LONG:  return va_arg(*ap, unsigned long);
    case FMT_LEN_LLONG: return va_arg(*ap, unsigned long long);
    case FMT_LEN_SIZE:  return va_arg(*ap, size_t);
    default:            return va_arg(*ap, unsigned int);
    }
}

/* Returns the magnitude of a signed argument and sets *neg; INT64_MIN needs no negation
 * in signed arithmetic this way. */
static uint64_t fmt_arg_signed(enum fmt_len len, va_list *ap, bool *neg)
{
    int64_t v;

    switch (len) {
    case FMT_LEN_LONG:  v = va_arg(*ap, long); break;
    case FMT_LEN_LLONG: v = va_arg(*ap, long long); break;
    case FMT_LEN_SIZE:  v = va_arg(*ap, long); break;   /* signed size_t is long on x86_64 */
    default:            v = va_arg(*ap, int); break;
    }
    *neg = v < 0;
    return *neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* Reads a decimal number or '*' at *pp; returns it clamped to FMT_FIELD_MAX (a negative
 * '*' argument is returned as is, for the caller to interpret). */
static int fmt_parse_field(const char **pp, va_list *ap)
{
    const char *p = *pp;
    int v = 0;

    if (*p == '*') {
        *pp = p + 1;
        v = va_arg(*ap, int);
        return v > FMT_FIELD_MAX ? FMT_FIELD_MAX : v;
    }
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v < FMT_FIELD_MAX)
            v = v * (int)FMT_BASE_DEC + (*p - '0');
    }
    *pp = p;
    return v > FMT_FIELD_MAX ? FMT_FIELD_MAX : v;
}

static void fmt_parse_width(const char **pp, struct fmt_spec *sp, va_list *ap)
{
    int w = fmt_parse_field(pp, ap);

    if (w < 0) {                    /* a negative '*' width means '-' */
        sp->left = true;
        w = w < -FMT_FIELD_MAX ? FMT_FIELD_MAX : -w;
    }
    sp->width = w;
}

/* Parses flags, width, precision and length after '%'; returns the conversion character's
 * position. */
static const char *fmt_parse_spec(const char *p, struct fmt_spec *sp, va_list *ap)
{
    *sp = (struct fmt_spec){ .prec = -1, .len = FMT_LEN_INT };
    for (;; p++) {
        if (*p == '-')
            sp->left = true;
        else if (*p == '0')
            sp->zero = true;
        else
            break;
    }
    fmt_parse_width(&p, sp, ap);
    if (*p == '.') {
        p++;
        sp->prec = fmt_parse_field(&p, ap);
        if (sp->prec < 0)
            sp->prec = -1;          /* a negative precision is taken as absent */
    }
    if (*p == 'z') {
        sp->len = FMT_LEN_SIZE;
        p++;
    } else if (*p == 'l') {
        sp->len = p[1] == 'l' ? FMT_LEN_LLONG : FMT_LEN_LONG;
        p += sp->len == FMT_LEN_LLONG ? 2 : 1;
    }
    return p;
}

static void fmt_conv_string(struct fmt_out *o, const struct fmt_spec *sp, va_list *ap)
{
    const char *s = va_arg(*ap, const char *);
    size_t max = sp->prec < 0 ? SIZE_MAX : (size_t)sp->prec;

    if (s == NULL)
        s = "(null)";
    fmt_emit_str(o, sp, s, strnlen(s, max));
}

static void fmt_conv_char(struct fmt_out *o, const struct fmt_spec *sp, va_list *ap)
{
    char c = (char)va_arg(*ap, int);

    fmt_emit_str(o, sp, &c, 1);
}

/* Handles a numeric conversion c; returns false if c is not one. */
static bool fmt_conv_number(struct fmt_out *o, const struct fmt_spec *sp, char c, va_list *ap)
{
    struct fmt_num n = { .base = FMT_BASE_DEC, .prefix = "", .min_digits = 1 };

    switch (c) {
    case 'd': case 'i':
        n.mag = fmt_arg_signed(sp->len, ap, &n.neg);
        break;
    case 'u':
        n.mag = fmt_arg_unsigned(sp->len, ap);
        break;
    case 'x': case 'X':
        n.mag = fmt_arg_unsigned(sp->len, ap);
        n.base = FMT_BASE_HEX;
        n.upper = c == 'X';
        break;
    case 'p':
        n.mag = (uint64_t)(uintptr_t)va_arg(*ap, void *);
        n.base = FMT_BASE_HEX;
        n.prefix = "0x";
        n.min_digits = FMT_PTR_DIGITS;
        break;
    default:
        return false;
    }
    fmt_emit_num(o, sp, &n);
    return true;
}

/* Formats the conversion starting at the '%' at start; returns where the text resumes. An
 * unknown conversion is copied out as it stands, from '%' to its last character. */
static const char *fmt_conv(struct fmt_out *o, const char *start, va_list *ap)
{
    struct fmt_spec sp;
    const char *p = fmt_parse_spec(start + 1, &sp, ap);

    if (*p == 's')
        fmt_conv_string(o, &sp, ap);
    else if (*p == 'c')
        fmt_conv_char(o, &sp, ap);
    else if (*p == '%')
        fmt_put(o, '%');
    else if (!fmt_conv_number(o, &sp, *p, ap)) {
        const char *end = *p ? p + 1 : p;

        for (const char *q = start; q < end; q++)
            fmt_put(o, *q);
        return end;
    }
    return p + 1;
}

int fmt_vformat(fmt_sink_t sink, void *ctx, const char *fmt, va_list ap)
{
    struct fmt_out o = { .sink = sink, .ctx = ctx, .count = 0 };
    va_list args;

    va_copy(args, ap);
    while (*fmt) {
        if (*fmt == '%')
            fmt = fmt_conv(&o, fmt, &args);
        else
            fmt_put(&o, *fmt++);
    }
    va_end(args);
    return o.count;
}

struct fmt_buf {
    char *buf;
    size_t size;
    size_t pos;
};

/* Stores while room is left for the terminating NUL; later characters are only counted. */
static void fmt_buf_sink(void *ctx, char c)
{
    struct fmt_buf *b = ctx;

    if (b->pos + 1 < b->size)
        b->buf[b->pos] = c;
    b->pos++;
}

int vsnprintk(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct fmt_buf b = { .buf = buf, .size = size, .pos = 0 };
    int n = fmt_vformat(fmt_buf_sink, &b, fmt, ap);

    if (size > 0)
        buf[b.pos < size ? b.pos : size - 1] = '\0';
    return n;
}

int snprintk(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintk(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
