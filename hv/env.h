/* The small environment every hv/ module relies on: console output, panic and the C string
 * primitives. The hypervisor provides it (hv/console.c, hv/panic.c, hv/lib/string.c); host
 * unit tests provide it from libc and their own fakes (tests/unit/env_host.c). */
#ifndef HV_ENV_H
#define HV_ENV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/errno.h"
#include "arch/x86_64/types.h"

/* printk: formats as hv/lib/fmt.h describes and writes to every console. */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* panic: a hypervisor invariant is broken; prints the message and a backtrace, stops. */
__noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif
