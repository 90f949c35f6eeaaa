/* The recorder's environment in the hypervisor (hv/trace.h hooks): the stream leaves through
 * QEMU's debugcon port 0xe9 (on a PC, point it at a second UART instead), timestamps are the
 * TSC, and Keel runs on CPU 0. Also the trace= / tracebuf= boot options and trace_op. */
#include "hv/trace.h"
#include "hv/cmdline.h"
#include "hv/hypercall.h"
#include "hv/vcpu.h"
#include "hv/domain.h"
#include "hv/time/time.h"
#include "arch/x86_64/cpu.h"

#define TRACE_PORT 0xe9
#define TRACE_OPT_MAX 64

void trace_port_write(const void *buf, size_t n)
{
    const uint8_t *p = buf;

    __asm__ volatile("rep outsb" : "+S"(p), "+c"(n) : "d"((uint16_t)TRACE_PORT) : "memory");
}

uint64_t trace_clock(void)
{
    return rdtsc();
}

uint64_t trace_clock_khz(void)
{
    return time_tsc_khz();
}

unsigned int trace_cpu_id(void)
{
    return 0;
}

uint16_t trace_current_dom(void)
{
    return current ? current->domain->id : KEEL_TRACE_DOMID_IDLE;
}

uint16_t trace_current_vcpu(void)
{
    return current ? (uint16_t)current->id : (uint16_t)trace_cpu_id();
}

/* Reads trace= and tracebuf= from the hypervisor command line; a bad value is reported and
 * tracing stays at its default (meta records only). */
void trace_boot_init(const char *cmdline)
{
    char opt[TRACE_OPT_MAX];
    struct trace_config cfg = { .mask = TRACE_MASK_DEFAULT, .buf_kib = TRACE_BUF_DEFAULT_KIB,
                                .nr_cpus = 1 };

    if (cmdline_get(cmdline, "trace", opt, sizeof(opt), false) &&
        trace_parse_classes(opt, &cfg.mask))
        printk("hv: trace=%s not understood; tracing off\n", opt);
    if (cmdline_get(cmdline, "tracebuf", opt, sizeof(opt), false) &&
        trace_parse_bufsize(opt, &cfg.buf_kib))
        printk("hv: tracebuf=%s not understood; using %u KiB\n", opt, TRACE_BUF_DEFAULT_KIB);
    if (trace_init(&cfg))
        printk("hv: trace buffers could not be set up\n");
    else if (cfg.mask != TRACE_MASK_DEFAULT)
        printk("hv: tracing classes 0x%x, %u bytes per CPU, to port 0xe9\n", cfg.mask,
               trace_buf_bytes());
}

/* KEEL_HYPERVISOR_trace_op(cmd, arg): domain 0 reads or sets the class mask at run time. */
long hc_trace_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a3; (void)a4; (void)a5;
    if (cmd > UINT32_MAX)
        return -XEN_EINVAL;
    return trace_op(current->domain->id, (uint16_t)current->id, current->domain->privileged,
                    (unsigned int)cmd, arg);
}
