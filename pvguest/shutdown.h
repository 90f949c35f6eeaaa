/* pvguest's way out: SCHEDOP_shutdown with a reason. Neither call returns; if the hypervisor
 * refuses, the vCPU spins yielding so the failure stays visible on the console. */
#ifndef PVGUEST_SHUTDOWN_H
#define PVGUEST_SHUTDOWN_H

void shutdown_poweroff(void) __attribute__((noreturn));
void shutdown_crash(void) __attribute__((noreturn));

#endif
