/* pvguest's freestanding string and memory routines: byte loops, correct for any alignment
 * and overlap (memmove), no hidden assumptions about the caller's buffers. */
#include "pvguest/string.h"

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;

    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d <= s || d >= s + n)
        return memcpy(dst, src, n);
    while (n--)
        d[n] = s[n];
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;

    while (s[n])
        n++;
    return n;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while (n < max && s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (!*a)
            return 0;
    }
    return 0;
}

bool string_contains(const char *haystack, size_t max, const char *needle)
{
    size_t len = strlen(needle);
    size_t hlen = strnlen(haystack, max);

    for (size_t i = 0; i + len <= hlen; i++)
        if (!memcmp(haystack + i, needle, len))
            return true;
    return false;
}

bool string_all(const void *buf, size_t n, int c)
{
    const unsigned char *p = buf;

    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)c)
            return false;
    return true;
}
