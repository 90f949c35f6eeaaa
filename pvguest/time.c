/* pvguest's time. The pvclock is read under its version counter (odd while the hypervisor
 * writes it); software timers form one list sorted by deadline, touched only with the upcall
 * mask set, and the head's deadline is what the vCPU's single-shot timer holds. */
#include "pvguest/time.h"

#include "abi/errno.h"
#include "abi/shared_info.h"
#include "abi/vcpu.h"
#include "abi/xen.h"
#include "pvguest/boot.h"
#include "pvguest/events.h"
#include "pvguest/hypercall.h"
#include "pvguest/sched.h"

#define TIME_TSC_HI_SHIFT  32
#define TIME_MUL_FRAC_BITS 32 /* tsc_to_system_mul is 32.32 fixed point */
#define TIME_VCPU0 0

static evtchn_port_t time_port;
static bool time_bound;
static struct time_timer *time_head;
static uint64_t time_nr_virqs, time_last_virq_ns;

uint64_t time_rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
    return ((uint64_t)hi << TIME_TSC_HI_SHIFT) | lo;
}

static uint64_t time_scale(uint64_t delta, uint32_t mul, int8_t shift)
{
    if (shift < 0)
        delta >>= -shift;
    else
        delta <<= shift;
    return (uint64_t)(((unsigned __int128)delta * mul) >> TIME_MUL_FRAC_BITS);
}

uint64_t time_now_ns(void)
{
    volatile struct vcpu_info *vi = boot_vcpu_info();
    volatile struct vcpu_time_info *ti;
    uint32_t version;
    uint64_t ns;

    if (!vi)
        return 0;
    ti = &vi->time;
    do {
        version = ti->version;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        ns = ti->system_time +
             time_scale(time_rdtsc() - ti->tsc_timestamp, ti->tsc_to_system_mul, ti->tsc_shift);
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    } while ((version & 1) || version != ti->version);
    return ns;
}

void time_wallclock(uint64_t *sec, uint32_t *nsec)
{
    volatile struct shared_info *s = boot_shared_info();
    uint32_t version;

    *sec = 0;
    *nsec = 0;
    if (!s)
        return;
    do {
        version = s->wc_version;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        *sec = ((uint64_t)s->wc_sec_hi << TIME_TSC_HI_SHIFT) | s->wc_sec;
        *nsec = s->wc_nsec;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    } while ((version & 1) || version != s->wc_version);
}

long time_singleshot(uint64_t deadline_ns, uint32_t flags)
{
    struct vcpu_set_singleshot_timer arg = { .timeout_abs_ns = deadline_ns, .flags = flags };

    return hypercall_3(__HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, TIME_VCPU0,
                       (uint64_t)&arg);
}

long time_singleshot_stop(void)
{
    return hypercall_3(__HYPERVISOR_vcpu_op, VCPUOP_stop_singleshot_timer, TIME_VCPU0, 0);
}

long time_set_timer_op(uint64_t deadline_ns)
{
    return hypercall_1(__HYPERVISOR_set_timer_op, deadline_ns);
}

/* Runs every expired timer (each may re-arm itself), then programs the next deadline. */
static void time_run_expired(void)
{
    while (time_head && time_head->deadline <= time_now_ns()) {
        struct time_timer *t = time_head;

        time_head = t->next;
        t->armed = false;
        t->fn(t);
    }
    if (time_head)
        time_singleshot(time_head->deadline, 0);
}

static void time_virq(evtchn_port_t port, void *data)
{
    (void)port;
    (void)data;
    time_nr_virqs++;
    time_last_virq_ns = time_now_ns();
    time_run_expired();
}

long time_init(void)
{
    long rc;

    /* Xen gives every PV vCPU a 10 ms periodic timer; pvguest only wants its own deadlines. */
    hypercall_3(__HYPERVISOR_vcpu_op, VCPUOP_stop_periodic_timer, TIME_VCPU0, 0);
    rc = events_bind_virq(VIRQ_TIMER, TIME_VCPU0, &time_port);
    if (rc)
        return rc;
    time_bound = true;
    events_bind(time_port, time_virq, 0);
    return 0;
}

bool time_ready(void)
{
    return time_bound;
}

evtchn_port_t time_virq_port(void)
{
    return time_port;
}

uint64_t time_virq_count(void)
{
    return time_nr_virqs;
}

uint64_t time_virq_last_ns(void)
{
    return time_last_virq_ns;
}

void time_timer_init(struct time_timer *t, void (*fn)(struct time_timer *t), void *data)
{
    *t = (struct time_timer){ .fn = fn, .data = data };
}

static void time_unlink(struct time_timer *t)
{
    for (struct time_timer **pp = &time_head; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    t->armed = false;
}

void time_timer_set(struct time_timer *t, uint64_t deadline_ns)
{
    bool was = events_disable();
    struct time_timer **pp = &time_head;

    if (t->armed)
        time_unlink(t);
    while (*pp && (*pp)->deadline <= deadline_ns)
        pp = &(*pp)->next;
    t->deadline = deadline_ns;
    t->next = *pp;
    t->armed = true;
    *pp = t;
    if (time_head == t)
        time_singleshot(deadline_ns, 0);
    events_restore(was);
}

void time_timer_stop(struct time_timer *t)
{
    bool was = events_disable();

    if (t->armed)
        time_unlink(t);
    events_restore(was);
}

static void time_sleep_done(struct time_timer *t)
{
    *(bool *)t->data = true;
}

static bool time_flag_set(void *arg)
{
    return *(volatile bool *)arg;
}

long time_sleep_ns(uint64_t ns)
{
    struct time_timer t;
    bool done = false;
    long rc;

    if (!time_bound)
        return -XEN_ENOSYS;
    time_timer_init(&t, time_sleep_done, &done);
    time_timer_set(&t, time_now_ns() + ns);
    rc = sched_wait(time_flag_set, &done);
    time_timer_stop(&t);
    return rc;
}
