/* Time as a Xen PV guest sees it: the pvclock in vcpu_info, the wallclock in shared_info, and
 * the vCPU timers (VCPUOP_set_singleshot_timer / stop, set_timer_op) raising VIRQ_TIMER at
 * their deadline, measured with the pvclock (Xen 4.17: common/domain.c, common/sched/core.c).
 * "Late" allows for QEMU TCG on a busy host; nothing may fire early. */
#include "abi/errno.h"
#include "abi/shared_info.h"
#include "abi/xen.h"
#include "pvguest/boot.h"
#include "pvguest/console.h"
#include "pvguest/events.h"
#include "pvguest/sched.h"
#include "pvguest/test.h"
#include "pvguest/time.h"

#define TIME_READS        1000
#define TIME_LATE_NS      (50 * TIME_NS_PER_MS)
#define TIME_ARM_NS       (10 * TIME_NS_PER_MS)
#define TIME_QUIET_NS     (30 * TIME_NS_PER_MS)
#define TIME_WC_2020      1577836800ULL /* 2020-01-01 00:00:00 UTC */
#define TIME_WC_2100      4102444800ULL /* 2100-01-01 00:00:00 UTC */

static const uint64_t time_delays_ns[] = {
    1 * TIME_NS_PER_MS, 5 * TIME_NS_PER_MS, 20 * TIME_NS_PER_MS,
};
#define TIME_NR_DELAYS (sizeof(time_delays_ns) / sizeof(time_delays_ns[0]))

/* The pvclock is published (even version, non-zero multiplier) and never goes back. */
TEST_CASE(time_pvclock);
static int time_pvclock(struct test_ctx *t)
{
    volatile struct vcpu_info *vi = boot_vcpu_info();
    uint64_t prev, first;

    if (!vi)
        return test_error(t, "no vcpu_info");
    if ((vi->time.version & 1) || !vi->time.tsc_to_system_mul)
        return test_fail(t, "version %u mul %u", vi->time.version, vi->time.tsc_to_system_mul);
    first = prev = time_now_ns();
    for (unsigned int i = 0; i < TIME_READS; i++) {
        uint64_t now = time_now_ns();

        if (now < prev)
            return test_fail(t, "went back from %lu to %lu", prev, now);
        prev = now;
    }
    printk("pvguest: system time %lu ns, mul %u shift %d flags %x\n", first,
           vi->time.tsc_to_system_mul, vi->time.tsc_shift, vi->time.flags);
    return first && prev > first ? test_pass(t)
                                 : test_fail(t, "did not advance (%lu..%lu)", first, prev);
}

TEST_CASE(time_wallclock_sane);
static int time_wallclock_sane(struct test_ctx *t)
{
    uint64_t sec;
    uint32_t nsec;

    time_wallclock(&sec, &nsec);
    printk("pvguest: wallclock at boot %lu.%09u s since 1970\n", sec, nsec);
    if (sec < TIME_WC_2020 || sec >= TIME_WC_2100 || nsec >= TIME_NS_PER_SEC)
        return test_fail(t, "wallclock %lu.%09u is not a date in 2020..2099", sec, nsec);
    return test_pass(t);
}

/* time_init bound VIRQ_TIMER: status virq 0 on vCPU 0. */
TEST_CASE(time_virq_bound);
static int time_virq_bound(struct test_ctx *t)
{
    struct evtchn_status st;
    long rc;

    if (!time_ready())
        return test_fail(t, "bind_virq(VIRQ_TIMER) failed at boot");
    rc = events_status(DOMID_SELF, time_virq_port(), &st);
    if (rc || st.status != EVTCHNSTAT_virq || st.u.virq != VIRQ_TIMER || st.vcpu)
        return test_fail(t, "status %ld: %u virq %u vcpu %u", rc, st.status, st.u.virq, st.vcpu);
    return test_pass(t);
}

static bool time_virq_since(void *arg)
{
    return time_virq_count() != *(const uint64_t *)arg;
}

/* Arms the timer with `arm` for now + delay, waits for the VIRQ; checks it came in time. */
static int time_expiry(struct test_ctx *t, long (*arm)(uint64_t), const char *what)
{
    for (unsigned int i = 0; i < TIME_NR_DELAYS; i++) {
        uint64_t count = time_virq_count();
        uint64_t deadline = time_now_ns() + time_delays_ns[i];
        long rc = arm(deadline) ?: sched_wait(time_virq_since, &count);
        uint64_t at = time_virq_last_ns();

        if (rc)
            return test_fail(t, "%s: %ld", what, rc);
        printk("pvguest: %s %lu ns: VIRQ_TIMER %ld ns after the deadline\n", what,
               time_delays_ns[i], (long)(at - deadline));
        if (at < deadline || at > deadline + TIME_LATE_NS)
            return test_fail(t, "%s %lu ns: VIRQ at %lu, deadline %lu", what,
                             time_delays_ns[i], at, deadline);
    }
    return test_pass(t);
}

static long time_arm_singleshot(uint64_t deadline)
{
    return time_singleshot(deadline, 0);
}

TEST_CASE(time_singleshot_expiry);
static int time_singleshot_expiry(struct test_ctx *t)
{
    return time_expiry(t, time_arm_singleshot, "singleshot");
}

TEST_CASE(time_set_timer_op_expiry);
static int time_set_timer_op_expiry(struct test_ctx *t)
{
    return time_expiry(t, time_set_timer_op, "set_timer_op");
}

/* A deadline already passed raises VIRQ_TIMER at once: the upcall has run when the
 * hypercall returns. */
TEST_CASE(time_singleshot_past);
static int time_singleshot_past(struct test_ctx *t)
{
    bool was = events_disable();
    uint64_t count = time_virq_count();
    long rc;

    events_enable();
    rc = time_singleshot(time_now_ns() / 2, 0);
    uint64_t got = time_virq_count() - count;
    events_disable();
    events_restore(was);
    if (rc || got != 1)
        return test_fail(t, "rc %ld, %lu VIRQs at return, want 0 and 1", rc, got);
    return test_pass(t);
}

/* A stopped timer (stop_singleshot_timer, or set_timer_op(0)) raises nothing. */
static int time_cancelled(struct test_ctx *t, long (*cancel)(void), const char *what)
{
    /* Nothing stale may count: the previous test may have left VIRQ_TIMER pending. */
    events_clear_pending(time_virq_port());
    evtchn_port_t port = time_virq_port();
    bool was = events_disable();
    uint64_t count = time_virq_count(), t0 = time_now_ns();
    uint64_t deadline = t0 + TIME_ARM_NS;
    long rc = time_singleshot(deadline, 0) ?: cancel();

    if (time_now_ns() >= deadline) {
        events_restore(was);
        return test_error(t, "%s: the guest ran too slowly to cancel before the deadline", what);
    }
    rc = rc ?: sched_poll(&port, 1, t0 + TIME_QUIET_NS);
    bool pending = events_is_pending(port);
    uint64_t now = time_now_ns();
    events_restore(was);
    if (rc || pending || time_virq_count() != count)
        return test_fail(t, "%s: rc %ld pending %d VIRQs %lu", what, rc, pending,
                         time_virq_count() - count);
    if (now < t0 + TIME_QUIET_NS)
        return test_fail(t, "%s: poll returned early (%lu ns)", what, now - t0);
    return test_pass(t);
}

static long time_cancel_op(void)
{
    return time_set_timer_op(0);
}

TEST_CASE(time_stop_singleshot);
static int time_stop_singleshot(struct test_ctx *t)
{
    return time_cancelled(t, time_singleshot_stop, "stop_singleshot_timer");
}

TEST_CASE(time_cancel_timer_op);
static int time_cancel_timer_op(struct test_ctx *t)
{
    return time_cancelled(t, time_cancel_op, "set_timer_op(0)");
}

/* Sleeps of given lengths, measured with the pvclock. */
TEST_CASE(time_sleep);
static int time_sleep(struct test_ctx *t)
{
    for (unsigned int i = 0; i < TIME_NR_DELAYS; i++) {
        uint64_t t0 = time_now_ns();
        long rc = time_sleep_ns(time_delays_ns[i]);
        uint64_t took = time_now_ns() - t0;

        printk("pvguest: sleep %lu ns took %lu ns\n", time_delays_ns[i], took);
        if (rc)
            return test_fail(t, "sleep: %ld", rc);
        if (took < time_delays_ns[i] || took > time_delays_ns[i] + TIME_LATE_NS)
            return test_fail(t, "sleep %lu ns took %lu ns", time_delays_ns[i], took);
    }
    return test_pass(t);
}

struct time_order {
    unsigned int fired[TIME_NR_DELAYS]; /* indexes into time_delays_ns, in firing order */
    uint64_t at[TIME_NR_DELAYS];
    unsigned int n;
};

struct time_order_timer {
    struct time_timer tm;
    unsigned int idx;
    struct time_order *order;
};

static void time_order_fire(struct time_timer *tm)
{
    struct time_order_timer *ot = tm->data;
    struct time_order *o = ot->order;

    o->at[o->n] = time_now_ns();
    o->fired[o->n++] = ot->idx;
}

static bool time_order_done(void *arg)
{
    return ((volatile struct time_order *)arg)->n == TIME_NR_DELAYS;
}

/* Software timers armed longest first fire shortest first, each at or after its deadline. */
TEST_CASE(time_timers_order);
static int time_timers_order(struct test_ctx *t)
{
    struct time_order o = { 0 };
    struct time_order_timer ts[TIME_NR_DELAYS];
    uint64_t t0 = time_now_ns();
    long rc;

    for (unsigned int k = TIME_NR_DELAYS; k-- > 0;) {
        ts[k] = (struct time_order_timer){ .idx = k, .order = &o };
        time_timer_init(&ts[k].tm, time_order_fire, &ts[k]);
        time_timer_set(&ts[k].tm, t0 + time_delays_ns[k]);
    }
    rc = sched_wait(time_order_done, &o);
    for (unsigned int k = 0; k < TIME_NR_DELAYS; k++)
        time_timer_stop(&ts[k].tm);
    if (rc)
        return test_fail(t, "wait: %ld", rc);
    for (unsigned int k = 0; k < TIME_NR_DELAYS; k++) {
        uint64_t deadline = t0 + time_delays_ns[k];

        if (o.fired[k] != k || o.at[k] < deadline || o.at[k] > deadline + TIME_LATE_NS)
            return test_fail(t, "firing %u: timer %u at +%lu ns, want timer %u at +%lu ns", k,
                             o.fired[k], o.at[k] - t0, k, time_delays_ns[k]);
    }
    return test_pass(t);
}
