/* tests/ring/ring_stress.c: two threads, a front and a back end, exchange millions of
 * sequence-checked requests and responses with random batch sizes, random pushes, random
 * sleeps, and futex sleeps armed by event indices. A lost wakeup shows as a timed-out sleep.
 * Built twice: under ThreadSanitizer and under AddressSanitizer + UndefinedBehaviorSanitizer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "ring/ring_host.h"
#include "tests/ring/ring_fixture.h"

#define STRESS_MSGS_DEFAULT 2000000u /* override with RING_STRESS_MSGS */
#define WAKE_TIMEOUT_S 10            /* a sleep this long means a lost wakeup */
#define YIELD_ODDS 256               /* 1 in this many loop passes yields the CPU */
#define NAP_ODDS 8192                /* 1 in this many loop passes naps */
#define NAP_MAX_NS 50000
#define SEED_FRONT 1u
#define SEED_BACK 2u

/* An event channel between the two threads: a counter that notifications bump. */
struct evt {
    uint32_t word;
};

struct stress {
    struct fixture fx;
    struct evt to_back, to_front;
    uint64_t msgs;
    uint64_t sleeps[2];
};

static void evt_notify(struct evt *e)
{
    __atomic_fetch_add(&e->word, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, &e->word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* Sleep unless notified since snap was taken. -XEN_ETIMEDOUT when nobody woke us. */
static int evt_wait(struct evt *e, uint32_t snap)
{
    struct timespec ts = { .tv_sec = WAKE_TIMEOUT_S, .tv_nsec = 0 };
    long rc = syscall(SYS_futex, &e->word, FUTEX_WAIT_PRIVATE, snap, &ts, NULL, 0);

    return rc != 0 && errno == ETIMEDOUT ? -XEN_ETIMEDOUT : 0;
}

static void maybe_pause(unsigned int *seed)
{
    int r = rand_r(seed);

    if (r % NAP_ODDS == 0) {
        struct timespec ts = { 0, rand_r(seed) % NAP_MAX_NS };
        nanosleep(&ts, NULL);
    } else if (r % YIELD_ODDS == 0) {
        sched_yield();
    }
}

/* Fill up to a random batch, pushing per entry or once, and notify as the ring says. */
static void front_send(struct stress *s, uint64_t *sent, unsigned int *seed)
{
    uint32_t batch = 1 + (uint32_t)rand_r(seed) % s->fx.f.v.nr;
    bool push_each = rand_r(seed) % 2;

    while (batch-- > 0 && *sent < s->msgs && fixture_send(&s->fx, *sent) == 0) {
        (*sent)++;
        if (push_each)
            ring_front_push_requests(&s->fx.f);
    }
    if (ring_front_push_check(&s->fx.f))
        evt_notify(&s->to_back);
}

static int front_recv(struct stress *s, uint64_t *got)
{
    int rc, n = 0;

    while ((rc = fixture_recv(&s->fx)) >= 0) {
        if ((uint64_t)rc != (*got & INT32_MAX))
            return -XEN_EBADMSG;
        (*got)++;
        n++;
    }
    return rc == -XEN_EAGAIN ? n : rc;
}

/* Arm, and sleep if the ring says it is safe. */
static int sleep_armed(struct evt *e, int (*arm)(struct stress *), struct stress *s)
{
    uint32_t snap = __atomic_load_n(&e->word, __ATOMIC_SEQ_CST);
    int ready = arm(s);

    if (ready != 0)
        return ready < 0 ? ready : 0;
    return evt_wait(e, snap);
}

static int arm_front(struct stress *s)
{
    return ring_front_arm(&s->fx.f);
}

static int arm_back(struct stress *s)
{
    return ring_back_arm(&s->fx.b);
}

static void *front_thread(void *arg)
{
    struct stress *s = arg;
    uint64_t sent = 0, got = 0;
    unsigned int seed = SEED_FRONT;
    int n, rc = 0;

    while (rc == 0 && got < s->msgs) {
        front_send(s, &sent, &seed);
        n = front_recv(s, &got);
        if (n < 0)
            rc = n;
        else if (n == 0 && (sent == s->msgs || ring_front_free(&s->fx.f) == 0)) {
            s->sleeps[0]++;
            rc = sleep_armed(&s->to_front, arm_front, s);
        }
        maybe_pause(&seed);
    }
    return (void *)(intptr_t)rc;
}

/* Answer a random number of ready requests, checking each; push per entry or once. */
static int back_serve(struct stress *s, uint64_t *served, unsigned int *seed)
{
    uint32_t budget = 1 + (uint32_t)rand_r(seed) % s->fx.b.v.nr;
    bool push_each = rand_r(seed) % 2;
    struct fixture_req req;
    struct fixture_rsp rsp;
    int rc, n = 0;

    while (budget-- > 0 && (rc = ring_back_get_request(&s->fx.b, &req, sizeof(req))) == 0) {
        if (req.seq != *served || fixture_check_req(&req) != 0)
            return -XEN_EBADMSG;
        rsp = (struct fixture_rsp){ .seq = req.seq & INT32_MAX, .sum = 0 };
        rsp.sum = fixture_sum(rsp.seq);
        if (ring_back_put_response(&s->fx.b, &rsp, sizeof(rsp)) != 0)
            return -XEN_EBADMSG;
        (*served)++;
        n++;
        if (push_each)
            ring_back_push_responses(&s->fx.b);
    }
    if (ring_back_push_check(&s->fx.b))
        evt_notify(&s->to_front);
    return n > 0 || rc == -XEN_EAGAIN || rc == 0 ? n : rc;
}

static void *back_thread(void *arg)
{
    struct stress *s = arg;
    uint64_t served = 0;
    unsigned int seed = SEED_BACK;
    int n, rc = 0;

    while (rc == 0 && served < s->msgs) {
        n = back_serve(s, &served, &seed);
        if (n < 0)
            rc = n;
        else if (n == 0) {
            s->sleeps[1]++;
            rc = sleep_armed(&s->to_back, arm_back, s);
        }
        maybe_pause(&seed);
    }
    return (void *)(intptr_t)rc;
}

static uint64_t stress_msgs(void)
{
    const char *env = getenv("RING_STRESS_MSGS");

    return env != NULL ? strtoull(env, NULL, 0) : STRESS_MSGS_DEFAULT;
}

static void run_stress(size_t pages, uint32_t start)
{
    struct stress s = { .msgs = stress_msgs() };
    pthread_t front, back;
    void *rc_front, *rc_back;

    fixture_open(&s.fx, pages, start);
    assert_int_equal(pthread_create(&back, NULL, back_thread, &s), 0);
    assert_int_equal(pthread_create(&front, NULL, front_thread, &s), 0);
    assert_int_equal(pthread_join(front, &rc_front), 0);
    assert_int_equal(pthread_join(back, &rc_back), 0);
    printf("# %zu page(s), %llu messages, sleeps front %llu back %llu\n", pages,
           (unsigned long long)s.msgs, (unsigned long long)s.sleeps[0],
           (unsigned long long)s.sleeps[1]);
    assert_int_equal((intptr_t)rc_front, 0);
    assert_int_equal((intptr_t)rc_back, 0);
    assert_int_equal(s.fx.f.rsp_cons - start, (uint32_t)s.msgs);
    fixture_close(&s.fx);
}

static void test_stress_one_page_across_wrap(void **state)
{
    (void)state;
    run_stress(1, UINT32_MAX - (uint32_t)(stress_msgs() / 2));
}

static void test_stress_four_pages(void **state)
{
    (void)state;
    run_stress(4, UINT32_MAX - 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stress_one_page_across_wrap),
        cmocka_unit_test(test_stress_four_pages),
    };

    return cmocka_run_group_tests_name("ring_stress", tests, NULL, NULL);
}
