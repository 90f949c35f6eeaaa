/* The trace recorder's hooks for host programs that link hv/ modules making trace calls
 * (the MMU tests) but do not inspect the stream: the bytes are counted and dropped, the
 * clock counts its readings, and every record is made on CPU 0 for domain 0 vCPU 0. */
#include "hv/trace.h"

static uint64_t sink_bytes;
static uint64_t sink_clock;

void trace_port_write(const void *buf, size_t n)
{
    (void)buf;
    sink_bytes += n;
}

uint64_t trace_clock(void)
{
    return ++sink_clock;
}

uint64_t trace_clock_khz(void)
{
    return 0;   /* a clock that counts readings has no rate */
}

unsigned int trace_cpu_id(void)
{
    return 0;
}

uint16_t trace_current_dom(void)
{
    return 0;
}

uint16_t trace_current_vcpu(void)
{
    return 0;
}
