/* The fake environment of the trace recorder's host tests: a port that captures every byte,
 * a clock that advances by a fixed step per reading, a settable CPU number, and printk/panic
 * from libc. Invariant: fake_reset() returns all of it to a known state. */
#ifndef TESTS_TRACE_FAKE_H
#define TESTS_TRACE_FAKE_H

#include <stddef.h>
#include <stdint.h>

#define FAKE_CLOCK_START 1000000u   /* first clock reading after fake_reset */
#define FAKE_CLOCK_STEP 10u         /* clock advance per reading */

struct fake_port {
    uint8_t *buf;
    size_t len, cap;
    size_t writes;              /* calls to trace_port_write */
};

extern struct fake_port fake_port;
extern unsigned int fake_cpu;
extern uint16_t fake_dom, fake_vcpu;  /* what trace_current_dom/vcpu return */
extern uint64_t fake_khz;             /* what trace_clock_khz returns (0: unknown) */
extern char fake_log[4096];     /* everything printk printed since fake_reset */
/* Called at the start of each trace_port_write (n = how many came before), or NULL. */
extern void (*fake_write_hook)(size_t n);
/* Called inside trace_clock (to provoke a nested record), or NULL. */
extern void (*fake_clock_hook)(void);

void fake_reset(void);
/* Moves the clock forward n cycles (work between two records). */
void fake_advance(uint64_t n);
/* Writes the captured bytes to path; 0 or -1. */
int fake_save(const char *path);

#endif
