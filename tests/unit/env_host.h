/* Host stand-ins for the hypervisor environment (hv/env.h): printk records into a capture
 * buffer (and echoes as TAP comments), panic longjmps back into a test that expects it. */
#ifndef TESTS_UNIT_ENV_HOST_H
#define TESTS_UNIT_ENV_HOST_H

#include <stdbool.h>
#include <stddef.h>

#define ENV_HOST_LOG_MAX 8192

/* Everything printk wrote since the last env_host_log_clear(), NUL-terminated. */
extern char env_host_log[ENV_HOST_LOG_MAX];
void env_host_log_clear(void);

/* The message of the last panic, NUL-terminated. */
extern char env_host_panic_msg[ENV_HOST_LOG_MAX];

/* Runs fn(arg); returns true if it called panic (which then returns here instead of
 * aborting), false if it returned normally. A panic outside this call aborts the program. */
bool env_host_panics(void (*fn)(void *arg), void *arg);

#endif
