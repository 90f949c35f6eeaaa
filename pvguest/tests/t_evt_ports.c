/* The 2-level ABI's port space: every port but the reserved port 0 can be allocated (4095 on
 * Xen 4.17's dom0 and on Keel), the next allocation fails with -ENOSPC, and closing them all
 * gives every one back. Ports already in use before the test count towards the 4095. */
#include "abi/errno.h"
#include "abi/xen.h"
#include "pvguest/console.h"
#include "pvguest/events.h"
#include "pvguest/test.h"

#define EVT_PORTS_USABLE (EVENTS_NR_PORTS - 1) /* port 0 is never allocated */

static evtchn_port_t evt_ports[EVENTS_NR_PORTS];

/* Ports 1..4095 whose status is anything but closed. */
static unsigned int evt_ports_in_use(void)
{
    unsigned int n = 0;

    for (evtchn_port_t p = 1; p < EVENTS_NR_PORTS; p++) {
        struct evtchn_status st;

        if (!events_status(DOMID_SELF, p, &st) && st.status != EVTCHNSTAT_closed)
            n++;
    }
    return n;
}

/* Allocates until refused; returns how many, and the refusal in *rc. */
static unsigned int evt_ports_fill(long *rc)
{
    unsigned int n = 0;

    while (n < EVENTS_NR_PORTS) {
        *rc = events_alloc_unbound(DOMID_SELF, &evt_ports[n]);
        if (*rc)
            break;
        n++;
    }
    return n;
}

/* Each allocated port is in 1..4095 and none repeats. */
static bool evt_ports_distinct(unsigned int n)
{
    static uint8_t seen[EVENTS_NR_PORTS];

    for (unsigned int i = 0; i < EVENTS_NR_PORTS; i++)
        seen[i] = 0;
    for (unsigned int i = 0; i < n; i++) {
        if (!evt_ports[i] || evt_ports[i] >= EVENTS_NR_PORTS || seen[evt_ports[i]])
            return false;
        seen[evt_ports[i]] = 1;
    }
    return true;
}

static long evt_ports_free(unsigned int n)
{
    long first_err = 0;

    for (unsigned int i = 0; i < n; i++) {
        long rc = events_close(evt_ports[i]);

        first_err = first_err ?: rc;
    }
    return first_err;
}

TEST_CASE(evt_ports_4095);
static int evt_ports_4095(struct test_ctx *t)
{
    unsigned int used = evt_ports_in_use(), n, again;
    long full, rc, closed;

    n = evt_ports_fill(&full);
    bool distinct = evt_ports_distinct(n);
    closed = evt_ports_free(n);
    again = evt_ports_fill(&rc);
    evt_ports_free(again);
    printk("pvguest: %u ports in use, %u allocated, then %ld\n", used, n, full);
    if (n + used != EVT_PORTS_USABLE || full != -XEN_ENOSPC)
        return test_fail(t, "%u allocated + %u in use, then %ld; want %u in all, then -ENOSPC",
                         n, used, full, EVT_PORTS_USABLE);
    if (!distinct || closed)
        return test_fail(t, "ports distinct %d, close %ld", distinct, closed);
    if (again != n || rc != -XEN_ENOSPC)
        return test_fail(t, "after freeing: %u allocated then %ld, want %u then -ENOSPC", again,
                         rc, n);
    return test_pass(t);
}
