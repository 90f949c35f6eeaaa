/* pvguest's way out of the domain: SCHEDOP_shutdown(poweroff | crash). */
#include "pvguest/shutdown.h"

#include "abi/sched.h"
#include "pvguest/console.h"
#include "pvguest/hypercall.h"

static void __attribute__((noreturn)) shutdown_with(unsigned int reason)
{
    struct sched_shutdown arg = { .reason = reason };
    long rc = hypercall_sched_op(SCHEDOP_shutdown, &arg);

    printk("pvguest: SCHEDOP_shutdown(%u) returned %ld\n", reason, rc);
    for (;;)
        hypercall_sched_op(SCHEDOP_yield, 0);
}

void shutdown_poweroff(void)
{
    shutdown_with(SHUTDOWN_poweroff);
}

void shutdown_crash(void)
{
    shutdown_with(SHUTDOWN_crash);
}
