/* tests/ring/ring_hostile.c: a hostile peer writes the shared indices and slots of a ring.
 * Every violation must come back as -XEN_EBADMSG (and stay broken), never as a crash or an
 * out-of-bounds access: rings sit in exactly sized allocations, so ASan sees any overrun. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <pthread.h>
#include <cmocka.h>

#include "ring/ring_host.h"
#include "tests/ring/ring_fixture.h"

#define NEAR_WRAP (UINT32_MAX - 3)
#define FUZZ_ROUNDS 20000
#define FUZZ_SEED 12345u
#define RACE_ROUNDS 200       /* rings attacked by a concurrent hostile thread */
#define RACE_STORES 2000      /* index stores per attack */
#define RACE_ASK 5000         /* consume attempts per attack */

static struct fixture_req req;

/* Requests index too far ahead: just past the ring, far past it, and the unsigned maximum. */
static void test_req_prod_beyond_ring(void **state)
{
    const uint32_t ahead[] = { 33, 1000, 0x80000000u, UINT32_MAX };
    struct fixture fx;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(ahead) / sizeof(ahead[0]); i++) {
        fixture_open(&fx, 1, NEAR_WRAP);
        fx.f.v.sring->req_prod = NEAR_WRAP + ahead[i];
        assert_int_equal(ring_back_get_request(&fx.b, &req, sizeof(req)), -XEN_EBADMSG);
        assert_int_equal(ring_back_poll_requests(&fx.b), -XEN_EBADMSG);
        fx.f.v.sring->req_prod = NEAR_WRAP + 1;    /* honest again: too late, stays broken */
        assert_int_equal(ring_back_get_request(&fx.b, &req, sizeof(req)), -XEN_EBADMSG);
        assert_int_equal(ring_back_arm(&fx.b), -XEN_EBADMSG);
        fixture_close(&fx);
    }
}

/* The front end may not reuse slots whose requests the back end has not answered yet. */
static void test_req_prod_overruns_unanswered(void **state)
{
    struct fixture fx;
    uint32_t nr;

    (void)state;
    fixture_open(&fx, 1, NEAR_WRAP);
    nr = fx.f.v.nr;
    fx.f.v.sring->req_prod = NEAR_WRAP + nr;     /* a full ring: legal */
    assert_int_equal(ring_back_poll_requests(&fx.b), (int)nr);
    assert_int_equal(ring_back_get_request(&fx.b, &req, sizeof(req)), 0);
    fx.f.v.sring->req_prod = NEAR_WRAP + nr + 1; /* slot 0 not answered yet: illegal */
    while (ring_back_get_request(&fx.b, &req, sizeof(req)) == 0)
        ;
    assert_int_equal(ring_back_poll_requests(&fx.b), -XEN_EBADMSG);
    fixture_close(&fx);
}

/* Producer indices that move backwards, even by one, even across the wrap. */
static void test_req_prod_backwards(void **state)
{
    struct fixture fx;

    (void)state;
    fixture_open(&fx, 1, NEAR_WRAP);
    fx.f.v.sring->req_prod = NEAR_WRAP + 6;         /* across the wrap */
    assert_int_equal(ring_back_get_request(&fx.b, &req, sizeof(req)), 0);
    assert_int_equal(ring_back_get_request(&fx.b, &req, sizeof(req)), 0);
    fx.f.v.sring->req_prod = NEAR_WRAP + 5;         /* back by one, above cons */
    while (ring_back_get_request(&fx.b, &req, sizeof(req)) == 0)
        ;
    assert_int_equal(ring_back_poll_requests(&fx.b), -XEN_EBADMSG);
    fixture_close(&fx);

    fixture_open(&fx, 1, NEAR_WRAP);
    fx.f.v.sring->req_prod = NEAR_WRAP - 1;         /* behind where we started */
    assert_int_equal(ring_back_arm(&fx.b), -XEN_EBADMSG);
    fixture_close(&fx);
}

/* Responses the back end could not have produced: for unpushed requests, or backwards. */
static void test_rsp_prod_hostile(void **state)
{
    struct fixture fx;

    (void)state;
    fixture_open(&fx, 1, NEAR_WRAP);
    assert_int_equal(fixture_send(&fx, 0), 0);
    assert_int_equal(fixture_send(&fx, 1), 0);
    ring_front_push_requests(&fx.f);
    assert_int_equal(fixture_send(&fx, 2), 0);      /* filled, not pushed */
    fx.b.v.sring->rsp_prod = NEAR_WRAP + 3;
    assert_int_equal(ring_front_poll_responses(&fx.f), -XEN_EBADMSG);
    fixture_close(&fx);

    fixture_open(&fx, 1, NEAR_WRAP);
    assert_int_equal(fixture_send(&fx, 0), 0);
    assert_int_equal(fixture_send(&fx, 1), 0);
    ring_front_push_requests(&fx.f);
    fx.b.v.sring->rsp_prod = NEAR_WRAP + 2;
    assert_int_equal(ring_front_poll_responses(&fx.f), 2);
    fx.b.v.sring->rsp_prod = NEAR_WRAP + 1;         /* backwards */
    while (ring_front_get_response(&fx.f, &req, sizeof(struct fixture_rsp)) == 0)
        ;
    assert_int_equal(ring_front_arm(&fx.f), -XEN_EBADMSG);
    fixture_close(&fx);
}

/* The peer rewrites a request after the back end took it: the private copy, which is what was
 * validated, must not change, and must be what the slot held when it was taken. */
static void test_entry_changed_after_read(void **state)
{
    struct fixture fx;
    struct fixture_req got;
    uint8_t *slot;

    (void)state;
    fixture_open(&fx, 1, NEAR_WRAP);
    assert_int_equal(fixture_send(&fx, 7), 0);
    ring_front_push_requests(&fx.f);
    slot = ring_view_slot(&fx.f.v, NEAR_WRAP);
    assert_int_equal(ring_back_get_request(&fx.b, &got, sizeof(got)), 0);
    memset(slot, 0xa5, sizeof(struct fixture_req));    /* the hostile rewrite */
    assert_int_equal(fixture_check_req(&got), 0);
    assert_int_equal(got.seq, 7);
    assert_int_equal(ring_back_poll_requests(&fx.b), 0); /* the rewrite is not a new entry */
    fixture_close(&fx);
}

/* Random indices and events from the peer, on one and on several pages: each call either
 * returns well-formed entries or reports the protocol error; ASan checks every slot access. */
static void fuzz_pages(size_t pages)
{
    struct fixture fx;
    struct fixture_rsp rsp = { 0, 0 };
    unsigned int seed = FUZZ_SEED;
    int i, rc;

    fixture_open(&fx, pages, NEAR_WRAP);
    for (i = 0; i < FUZZ_ROUNDS; i++) {
        fx.f.v.sring->req_prod = fx.b.req_seen + (uint32_t)(rand_r(&seed) % (2 * fx.b.v.nr)) -
                                 (uint32_t)(rand_r(&seed) % 4);
        fx.f.v.sring->rsp_event = (uint32_t)rand_r(&seed);
        rc = ring_back_get_request(&fx.b, &req, sizeof(req));
        assert_true(rc == 0 || rc == -XEN_EAGAIN || rc == -XEN_EBADMSG);
        if (rc == 0)
            assert_int_equal(ring_back_put_response(&fx.b, &rsp, sizeof(rsp)), 0);
        (void)ring_back_push_check(&fx.b);
        if (rc == -XEN_EBADMSG) {
            fixture_close(&fx);
            fixture_open(&fx, pages, (uint32_t)rand_r(&seed));
        }
        assert_true(ring_idx_dist(fx.b.rsp_prod_pvt, fx.b.req_seen) <= fx.b.v.nr);
    }
    fixture_close(&fx);
}

static void test_fuzzed_indices(void **state)
{
    (void)state;
    fuzz_pages(1);
    fuzz_pages(4);
}

/* A hostile thread publishing index values, mostly plausible, sometimes garbage, while the
 * back end consumes at the same time. Its stores are atomic (it never touches slots), so
 * under TSan this also checks that the consumer's own accesses stay race-free. */
struct attack {
    struct fixture fx;
    unsigned int seed;
};

static void *attack_thread(void *arg)
{
    struct attack *a = arg;
    uint32_t base = NEAR_WRAP;
    int i;

    for (i = 0; i < RACE_STORES; i++) {
        uint32_t r = (uint32_t)rand_r(&a->seed);
        uint32_t v = r % 8 == 0 ? r : base + r % (2 * a->fx.b.v.nr);

        __atomic_store_n(&a->fx.f.v.sring->req_prod, v, __ATOMIC_RELEASE);
    }
    return NULL;
}

static void consume_under_attack(struct attack *a)
{
    struct fixture_rsp rsp = { 0, 0 };
    bool broken = false;
    int i, rc;

    for (i = 0; i < RACE_ASK; i++) {
        rc = ring_back_get_request(&a->fx.b, &req, sizeof(req));
        assert_true(rc == 0 || rc == -XEN_EAGAIN || rc == -XEN_EBADMSG);
        assert_false(broken && rc != -XEN_EBADMSG);   /* broken stays broken */
        broken = rc == -XEN_EBADMSG;
        if (rc == 0 && i % 2 == 0)
            assert_int_equal(ring_back_put_response(&a->fx.b, &rsp, sizeof(rsp)), 0);
        assert_true(ring_idx_dist(a->fx.b.rsp_prod_pvt, a->fx.b.req_seen) <= a->fx.b.v.nr);
        assert_true(ring_idx_dist(a->fx.b.req_cons, a->fx.b.req_seen) <= a->fx.b.v.nr);
    }
}

static void test_concurrent_garbage_indices(void **state)
{
    struct attack a;
    pthread_t t;
    int round;

    (void)state;
    for (round = 0; round < RACE_ROUNDS; round++) {
        fixture_open(&a.fx, 1 + (size_t)(round % 2), NEAR_WRAP);
        a.seed = FUZZ_SEED + (unsigned int)round;
        assert_int_equal(pthread_create(&t, NULL, attack_thread, &a), 0);
        consume_under_attack(&a);
        assert_int_equal(pthread_join(t, NULL), 0);
        fixture_close(&a.fx);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_req_prod_beyond_ring),
        cmocka_unit_test(test_req_prod_overruns_unanswered),
        cmocka_unit_test(test_req_prod_backwards),
        cmocka_unit_test(test_rsp_prod_hostile),
        cmocka_unit_test(test_entry_changed_after_read),
        cmocka_unit_test(test_fuzzed_indices),
        cmocka_unit_test(test_concurrent_garbage_indices),
    };

    return cmocka_run_group_tests_name("ring_hostile", tests, NULL, NULL);
}
