/* Host implementation of hv/env.h's printk and panic for unit tests; the string primitives
 * come from libc. A panic either unwinds to env_host_panics() or aborts the test binary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hv/env.h"
#include "tests/unit/env_host.h"

char env_host_log[ENV_HOST_LOG_MAX];
char env_host_panic_msg[ENV_HOST_LOG_MAX];
static size_t env_host_log_len;
static jmp_buf *env_host_catch;

void env_host_log_clear(void)
{
    env_host_log_len = 0;
    env_host_log[0] = '\0';
}

#define ENV_HOST_LINE_MAX 1024

void printk(const char *fmt, ...)
{
    char line[ENV_HOST_LINE_MAX];
    size_t room = sizeof(env_host_log) - env_host_log_len - 1;
    size_t len;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    len = strlen(line);
    len = len < room ? len : room;
    memcpy(env_host_log + env_host_log_len, line, len);
    env_host_log_len += len;
    env_host_log[env_host_log_len] = '\0';
    printf("# printk: %s\n", line);
}

void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(env_host_panic_msg, sizeof(env_host_panic_msg), fmt, ap);
    va_end(ap);
    if (env_host_catch)
        longjmp(*env_host_catch, 1);
    fprintf(stderr, "panic: %s\n", env_host_panic_msg);
    abort();
}

bool env_host_panics(void (*fn)(void *arg), void *arg)
{
    jmp_buf here;
    jmp_buf *volatile outer = env_host_catch;

    env_host_panic_msg[0] = '\0';
    if (setjmp(here)) {
        env_host_catch = outer;
        return true;
    }
    env_host_catch = &here;
    fn(arg);
    env_host_catch = outer;
    return false;
}
