/* Starvation (tests/boot/evt-starvation): domain 1 says hello over an interdomain channel and
 * then spins without a single hypercall; domain 0 meanwhile sleeps TIME_STARVE_SLEEPS times and
 * must wake each time within TIME_STARVE_LATE_NS: only a hypervisor that preempts the spinner
 * lets it. The spinner stops after TIME_STARVE_SPIN_NS (so the run ends); the scenario requires
 * the worker's verdict to come before the spinner stops. */
#include "pvguest/console.h"
#include "pvguest/events.h"
#include "pvguest/test.h"
#include "pvguest/tests/t_evt_pair.h"
#include "pvguest/time.h"

#define TIME_STARVE_SLEEPS   20
#define TIME_STARVE_SLEEP_NS (5 * TIME_NS_PER_MS)
#define TIME_STARVE_LATE_NS  (50 * TIME_NS_PER_MS) /* a few 10 ms slices, with TCG slack */
#define TIME_STARVE_SPIN_NS  (5 * TIME_NS_PER_SEC)

TEST_CASE_MANUAL(time_starve_worker);
static int time_starve_worker(struct test_ctx *t)
{
    struct evt_counter c = { 0 };
    evtchn_port_t port;
    uint64_t worst = 0;
    long rc = evt_pair_offer(&port);

    if (rc)
        return test_error(t, "alloc_unbound: %ld", rc);
    events_bind(port, evt_count, &c);
    if (!evt_pair_wait(&c, 1, EVT_PAIR_TIMEOUT_NS))
        return test_error(t, "the spinner never said hello");
    events_close(port);
    for (unsigned int i = 0; i < TIME_STARVE_SLEEPS; i++) {
        uint64_t t0 = time_now_ns();

        rc = time_sleep_ns(TIME_STARVE_SLEEP_NS);
        uint64_t late = time_now_ns() - t0 - TIME_STARVE_SLEEP_NS;
        worst = late > worst ? late : worst;
        if (rc || late > TIME_STARVE_LATE_NS)
            return test_fail(t, "sleep %u: rc %ld, woke %lu ns late beside a spinner", i, rc,
                             late);
    }
    printk("pvguest: %u sleeps beside a spinning domain, worst %lu ns late\n",
           TIME_STARVE_SLEEPS, worst);
    return test_pass(t);
}

TEST_CASE_MANUAL(time_spinner);
static int time_spinner(struct test_ctx *t)
{
    evtchn_port_t port;
    long rc = evt_pair_connect(&port);

    if (rc)
        return test_error(t, "no port offered: %ld", rc);
    rc = events_send(port);
    if (rc)
        return test_error(t, "hello: %ld", rc);
    printk("pvguest: spinning without hypercalls for %llu ns\n", TIME_STARVE_SPIN_NS);
    uint64_t end = time_now_ns() + TIME_STARVE_SPIN_NS;
    while (time_now_ns() < end)
        __asm__ volatile("pause");
    printk("pvguest: spinner stopped\n");
    events_close(port);
    return test_pass(t);
}
