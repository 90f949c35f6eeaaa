/* pvguest's freestanding string and memory routines (the compiler may also emit calls to
 * memcpy/memset/memmove/memcmp itself, so those keep their C names). */
#ifndef PVGUEST_STRING_H
#define PVGUEST_STRING_H

#include <stdbool.h>
#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* True when needle occurs in the first max bytes of haystack (which may lack a NUL). */
bool string_contains(const char *haystack, size_t max, const char *needle);
/* True when every byte of buf[0..n) equals c. */
bool string_all(const void *buf, size_t n, int c);

#endif
