/* Fake environment for the host tests of hv/event/evtchn_port.c: FAKE_NR_DOMS domains, each
 * with its port table and its own shared_info in plain memory; domain 0 is privileged. Wake-ups
 * are counted instead of scheduled. */
#ifndef TESTS_EVTCHN_EVTCHN_FAKE_H
#define TESTS_EVTCHN_EVTCHN_FAKE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hv/event/evtchn_port.h"

#define FAKE_NR_DOMS 3
#define FAKE_DOM0    0   /* privileged */
#define FAKE_DOM1    1
#define FAKE_DOM2    2
#define FAKE_ABSENT  5   /* an ordinary id no domain has */

struct fake_dom {
    struct evtchn_dom ed;
    struct shared_info si;
    bool alive;
    unsigned wakes;      /* evtchn_env_wake calls */
};

extern struct fake_dom fake_doms[FAKE_NR_DOMS];

/* Every domain alive with a fresh table and a zeroed shared_info (nothing masked). */
void fake_reset(void);

static inline struct evtchn_dom *fake_ed(unsigned id)
{
    return &fake_doms[id].ed;
}

static inline struct shared_info *fake_si(unsigned id)
{
    return &fake_doms[id].si;
}

/* Ports of domain id that are not free (port 0 excluded). */
unsigned fake_ports_in_use(unsigned id);

/* A loopback channel in domain id: *a unbound for ourselves, *b bound to it. Asserts success
 * and clears the pending bit bind_interdomain sets, so the test starts quiet. */
void fake_loopback(unsigned id, evtchn_port_t *a, evtchn_port_t *b);

bool fake_pending(unsigned id, evtchn_port_t port);
void fake_mask(unsigned id, evtchn_port_t port);

#endif
