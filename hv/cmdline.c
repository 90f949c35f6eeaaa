/* Command-line option lookup: whitespace-separated words, "key=value" or bare "key". */
#include "hv/cmdline.h"

#define CMDLINE_MAX 1024
#define KIB_SHIFT 10
#define MIB_SHIFT 20
#define GIB_SHIFT 30
#define DECIMAL 10

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t word_len(const char *s)
{
    size_t n = 0;

    while (s[n] && !is_space(s[n]))
        n++;
    return n;
}

static void copy_value(const char *v, size_t n, char *buf, size_t size)
{
    size_t k = n < size - 1 ? n : size - 1;

    memcpy(buf, v, k);
    buf[k] = '\0';
}

bool cmdline_get(const char *line, const char *key, char *buf, size_t size,
                 bool stop_at_dashes)
{
    size_t klen = strlen(key);
    const char *end = line + strnlen(line, CMDLINE_MAX);

    for (const char *p = line; p < end;) {
        size_t n;
        while (p < end && is_space(*p))
            p++;
        n = word_len(p);
        if (n == 0)
            break;
        if (stop_at_dashes && n == 2 && p[0] == '-' && p[1] == '-')
            break;
        if (n >= klen && strncmp(p, key, klen) == 0 && (n == klen || p[klen] == '=')) {
            if (size)
                copy_value(p + klen + (n > klen), n - klen - (n > klen), buf, size);
            return true;
        }
        p += n;
    }
    return false;
}

uint64_t cmdline_parse_size(const char *s)
{
    uint64_t v = 0;
    unsigned digits = 0;

    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / DECIMAL)
            return 0;
        v = v * DECIMAL + (uint64_t)(*s - '0');
    }
    if (!digits)
        return 0;
    switch (*s) {
    case 'k': case 'K': return v << KIB_SHIFT;
    case 'm': case 'M': return v << MIB_SHIFT;
    case 'g': case 'G': return v << GIB_SHIFT;
    case '\0': return v;
    default: return 0;
    }
}
