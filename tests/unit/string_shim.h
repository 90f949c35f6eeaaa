/* The hypervisor's string primitives (hv/lib/string.c) as string_shim.c renames them. */
#ifndef TESTS_UNIT_STRING_SHIM_H
#define TESTS_UNIT_STRING_SHIM_H

#include <stddef.h>

void *keel_memset(void *dst, int c, size_t n);
void *keel_memcpy(void *dst, const void *src, size_t n);
void *keel_memmove(void *dst, const void *src, size_t n);
int keel_memcmp(const void *a, const void *b, size_t n);
size_t keel_strlen(const char *s);
size_t keel_strnlen(const char *s, size_t max);
int keel_strcmp(const char *a, const char *b);
int keel_strncmp(const char *a, const char *b, size_t n);

#endif
