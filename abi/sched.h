/* sched_op sub-ops, their argument structs and the shutdown reasons (Xen 4.17 <xen/sched.h>). */
#ifndef ABI_SCHED_H
#define ABI_SCHED_H

#include "abi/types.h"

#define SCHEDOP_yield           0 /* give up the CPU; arg unused */
#define SCHEDOP_block           1 /* clear the upcall mask, sleep until an event; arg unused */
#define SCHEDOP_shutdown        2 /* arg: struct sched_shutdown; does not return */
#define SCHEDOP_poll            3 /* arg: struct sched_poll */
#define SCHEDOP_remote_shutdown 4 /* arg: struct sched_remote_shutdown (privileged) */
#define SCHEDOP_shutdown_code   5 /* arg: struct sched_shutdown; record a reason only */
#define SCHEDOP_watchdog        6 /* arg: struct sched_watchdog */
#define SCHEDOP_pin_override    7 /* arg: struct sched_pin_override (dom0) */

/* sched_shutdown.reason */
#define SHUTDOWN_poweroff   0 /* halt and release the domain */
#define SHUTDOWN_reboot     1 /* restart the domain */
#define SHUTDOWN_suspend    2 /* save for later resume */
#define SHUTDOWN_crash      3 /* the guest crashed */
#define SHUTDOWN_watchdog   4 /* its watchdog expired */
#define SHUTDOWN_soft_reset 5
#define SHUTDOWN_MAX        5

#ifndef __ASSEMBLY__

struct sched_shutdown {
    uint32_t reason; /* SHUTDOWN_* */
};
typedef struct sched_shutdown sched_shutdown_t;
_Static_assert(sizeof(struct sched_shutdown) == 4, "sched_shutdown size");

/* Block until one of ports is pending or timeout (absolute ns, 0 = none) passes. */
struct sched_poll {
    xen_guest_handle_t ports;    /* VA of evtchn_port_t[nr_ports] */
    uint32_t           nr_ports;
    uint64_t           timeout;
};
typedef struct sched_poll sched_poll_t;
_Static_assert(sizeof(struct sched_poll) == 24, "sched_poll size");
_Static_assert(offsetof(struct sched_poll, nr_ports) == 8, "sched_poll.nr_ports");
_Static_assert(offsetof(struct sched_poll, timeout) == 16, "sched_poll.timeout");

struct sched_remote_shutdown {
    domid_t  domain_id;
    uint32_t reason; /* SHUTDOWN_* */
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
_Static_assert(sizeof(struct sched_remote_shutdown) == 8, "sched_remote_shutdown size");

/* id 0 creates a watchdog of timeout seconds and returns its id; timeout 0 destroys one. */
struct sched_watchdog {
    uint32_t id;
    uint32_t timeout;
};
typedef struct sched_watchdog sched_watchdog_t;
_Static_assert(sizeof(struct sched_watchdog) == 8, "sched_watchdog size");

struct sched_pin_override {
    int32_t pcpu; /* negative ends the override */
};
typedef struct sched_pin_override sched_pin_override_t;
_Static_assert(sizeof(struct sched_pin_override) == 4, "sched_pin_override size");

#endif /* !__ASSEMBLY__ */

#endif
