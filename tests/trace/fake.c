/* The fake environment of the trace recorder's host tests (see fake.h). */
#include "tests/trace/fake.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hv/trace.h"

struct fake_port fake_port;
unsigned int fake_cpu;
uint16_t fake_dom, fake_vcpu;
uint64_t fake_khz;
char fake_log[4096];
void (*fake_write_hook)(size_t n);
void (*fake_clock_hook)(void);
static uint64_t fake_now;
static size_t fake_log_len;

void fake_reset(void)
{
    free(fake_port.buf);
    memset(&fake_port, 0, sizeof(fake_port));
    fake_cpu = 0;
    fake_dom = 0;
    fake_khz = 0;
    fake_vcpu = 0;
    fake_now = FAKE_CLOCK_START - FAKE_CLOCK_STEP;
    fake_log[0] = '\0';
    fake_log_len = 0;
    fake_write_hook = NULL;
    fake_clock_hook = NULL;
}

void fake_advance(uint64_t n)
{
    fake_now += n;
}

int fake_save(const char *path)
{
    FILE *f = fopen(path, "wb");
    int rc = 0;

    if (!f)
        return -1;
    if (fwrite(fake_port.buf, 1, fake_port.len, f) != fake_port.len)
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

void trace_port_write(const void *buf, size_t n)
{
    if (fake_write_hook)
        fake_write_hook(fake_port.writes);
    fake_port.writes++;
    if (fake_port.len + n > fake_port.cap) {
        size_t cap = (fake_port.len + n) * 2;

        fake_port.buf = realloc(fake_port.buf, cap);
        if (!fake_port.buf)
            abort();
        fake_port.cap = cap;
    }
    memcpy(fake_port.buf + fake_port.len, buf, n);
    fake_port.len += n;
}

uint64_t trace_clock(void)
{
    void (*hook)(void) = fake_clock_hook;

    fake_now += FAKE_CLOCK_STEP;
    if (hook) {
        fake_clock_hook = NULL;   /* one nested record, not a recursion */
        hook();
    }
    return fake_now;
}

unsigned int trace_cpu_id(void)
{
    return fake_cpu;
}

uint64_t trace_clock_khz(void)
{
    return fake_khz;
}

uint16_t trace_current_dom(void)
{
    return fake_dom;
}

uint16_t trace_current_vcpu(void)
{
    return fake_vcpu;
}

void printk(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(fake_log + fake_log_len, sizeof(fake_log) - fake_log_len, fmt, ap);
    va_end(ap);
    if (n > 0)
        fake_log_len += (size_t)n < sizeof(fake_log) - fake_log_len
                            ? (size_t)n : sizeof(fake_log) - fake_log_len - 1;
}

void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fprintf(stderr, "panic: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    abort();
}
