/* The C memory and string primitives for the freestanding hypervisor. The compiler may turn
 * a plain copy or fill loop into a call to memcpy/memset, which here would call itself, so the
 * bulk operations are single string instructions and the rest are loops no idiom matches. */
#include "hv/env.h"

/* rep stosb/movsb need the direction flag clear (the ABI state on every function entry;
 * the entry stubs clear it). memmove sets it only around its own backward copy. */

void *memset(void *dst, int c, size_t n)
{
    void *d = dst;

    __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    void *d = dst;

    __asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
    return dst;
}

/* Copies forward unless dst starts inside [src, src + n), where only a backward copy
 * (from the last byte down, direction flag set) leaves the source intact until read. */
void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d;
    const unsigned char *s;

    if (n == 0 || (uintptr_t)dst - (uintptr_t)src >= n)
        return memcpy(dst, src, n);
    d = (unsigned char *)dst + (n - 1);
    s = (const unsigned char *)src + (n - 1);
    __asm__ volatile("std\n\trep movsb\n\tcld" : "+D"(d), "+S"(s), "+c"(n) : : "memory", "cc");
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;

    for (size_t i = 0; i < n; i++) {
        if (p[i] != q[i])
            return (int)p[i] - (int)q[i];
    }
    return 0;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while (n < max && s[n] != '\0')
        n++;
    return n;
}

size_t strlen(const char *s)
{
    return strnlen(s, SIZE_MAX);
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

        if (x != y)
            return (int)x - (int)y;
        if (x == '\0')
            return 0;
    }
    return 0;
}

int strcmp(const char *a, const char *b)
{
    return strncmp(a, b, SIZE_MAX);
}
