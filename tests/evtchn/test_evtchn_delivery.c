/* Host tests of the 2-level delivery rules (hv/event/evtchn_port.c) on fake shared_info: the
 * pending bit, then (unmasked) the selector bit of the port's word, then upcall_pending with
 * one wake-up; masking, unmask delivering once, selector words, pollers, close clearing. */
#include <string.h>

#include "tests/evtchn/evtchn_fake.h"

#define PORT_WORD1 65   /* a port in selector word 1 */

static struct vcpu_info *vi1(void)
{
    return &fake_si(FAKE_DOM1)->vcpu_info[0];
}

static void test_send_unmasked(void **state)
{
    evtchn_port_t a, b;

    (void)state;
    fake_reset();
    fake_loopback(FAKE_DOM1, &a, &b);
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), a), 0);
    assert_true(fake_pending(FAKE_DOM1, b));
    assert_false(fake_pending(FAKE_DOM1, a));
    assert_int_equal(vi1()->evtchn_pending_sel, (xen_ulong_t)1 << (b / EVTCHN_WORD_BITS));
    assert_int_equal(vi1()->evtchn_upcall_pending, 1);
    assert_int_equal(fake_doms[FAKE_DOM1].wakes, 1);
    /* already pending: nothing more happens, no second wake-up */
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), a), 0);
    assert_int_equal(fake_doms[FAKE_DOM1].wakes, 1);
}

static void test_masked_then_unmask_once(void **state)
{
    evtchn_port_t a, b;

    (void)state;
    fake_reset();
    fake_loopback(FAKE_DOM1, &a, &b);
    fake_mask(FAKE_DOM1, b);
    for (int i = 0; i < 3; i++)
        assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), a), 0);
    assert_true(fake_pending(FAKE_DOM1, b));
    assert_int_equal(vi1()->evtchn_pending_sel, 0);
    assert_int_equal(vi1()->evtchn_upcall_pending, 0);
    assert_int_equal(fake_doms[FAKE_DOM1].wakes, 0);
    assert_int_equal(evtchn_port_unmask(fake_ed(FAKE_DOM1), b), 0);
    assert_int_equal(vi1()->evtchn_upcall_pending, 1);
    assert_int_equal(vi1()->evtchn_pending_sel, (xen_ulong_t)1 << (b / EVTCHN_WORD_BITS));
    assert_int_equal(fake_doms[FAKE_DOM1].wakes, 1);
    /* the guest takes the upcall (clears upcall and selector, keeps the port pending): a
     * second unmask of an already unmasked port raises nothing */
    vi1()->evtchn_upcall_pending = 0;
    vi1()->evtchn_pending_sel = 0;
    assert_int_equal(evtchn_port_unmask(fake_ed(FAKE_DOM1), b), 0);
    assert_int_equal(vi1()->evtchn_upcall_pending, 0);
    assert_int_equal(fake_doms[FAKE_DOM1].wakes, 1);
}

/* The selector bit is the guard: while it is set (the guest has not scanned that word yet),
 * a new port in the same word does not raise upcall_pending again. */
static void test_selector_guards_upcall(void **state)
{
    struct evtchn_bind_ipi i1 = { .vcpu = 0 }, i2 = { .vcpu = 0 };

    (void)state;
    fake_reset();
    assert_int_equal(evtchn_port_bind_ipi(fake_ed(FAKE_DOM1), &i1), 0);
    assert_int_equal(evtchn_port_bind_ipi(fake_ed(FAKE_DOM1), &i2), 0);
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), i1.port), 0);
    vi1()->evtchn_upcall_pending = 0;   /* the guest cleared it but not the selector */
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), i2.port), 0);
    assert_true(fake_pending(FAKE_DOM1, i2.port));
    assert_int_equal(vi1()->evtchn_upcall_pending, 0);
    assert_int_equal(fake_doms[FAKE_DOM1].wakes, 1);
}

static void test_selector_words(void **state)
{
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
    struct evtchn_bind_ipi far = { .vcpu = 0 };

    (void)state;
    fake_reset();
    while (a.port < PORT_WORD1 - 1)
        assert_int_equal(evtchn_port_alloc_unbound(fake_ed(FAKE_DOM1), &a), 0);
    assert_int_equal(evtchn_port_bind_ipi(fake_ed(FAKE_DOM1), &far), 0);
    assert_int_equal(far.port, PORT_WORD1);
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), far.port), 0);
    assert_int_equal(vi1()->evtchn_pending_sel, (xen_ulong_t)1 << 1);
    assert_int_equal(fake_si(FAKE_DOM1)->evtchn_pending[1], (xen_ulong_t)1 << 1);
    assert_int_equal(fake_si(FAKE_DOM1)->evtchn_pending[0], 0);
}

static void test_pollers_woken(void **state)
{
    evtchn_port_t a, b, c, d;
    struct evtchn_vcpu *ev = &fake_ed(FAKE_DOM1)->vcpu[0];

    (void)state;
    fake_reset();
    fake_loopback(FAKE_DOM1, &a, &b);
    fake_loopback(FAKE_DOM1, &c, &d);
    fake_mask(FAKE_DOM1, b);
    fake_mask(FAKE_DOM1, d);
    ev->poll = (int32_t)b;
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), c), 0);   /* d: not polled */
    assert_int_equal(fake_doms[FAKE_DOM1].wakes, 0);
    assert_int_equal(ev->poll, (int32_t)b);
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), a), 0);   /* masked, but polled */
    assert_int_equal(fake_doms[FAKE_DOM1].wakes, 1);
    assert_int_equal(ev->poll, EVTCHN_POLL_NONE);
    assert_int_equal(vi1()->evtchn_upcall_pending, 0);
    ev->poll = EVTCHN_POLL_ANY;
    memset(fake_si(FAKE_DOM1)->evtchn_pending, 0, sizeof(fake_si(FAKE_DOM1)->evtchn_pending));
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), c), 0);
    assert_int_equal(fake_doms[FAKE_DOM1].wakes, 2);
    assert_int_equal(ev->poll, EVTCHN_POLL_NONE);
}

static void test_close_clears_pending(void **state)
{
    evtchn_port_t a, b;

    (void)state;
    fake_reset();
    fake_loopback(FAKE_DOM1, &a, &b);
    fake_mask(FAKE_DOM1, b);
    assert_int_equal(evtchn_port_send(fake_ed(FAKE_DOM1), a), 0);
    assert_true(evtchn_port_is_pending(fake_ed(FAKE_DOM1), b));
    assert_int_equal(evtchn_port_close(fake_ed(FAKE_DOM1), b), 0);
    assert_false(fake_pending(FAKE_DOM1, b));
    assert_false(evtchn_port_is_bound(fake_ed(FAKE_DOM1), b));
    assert_true(evtchn_port_is_bound(fake_ed(FAKE_DOM1), a));
    assert_false(evtchn_port_is_bound(fake_ed(FAKE_DOM1), 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_send_unmasked),
        cmocka_unit_test(test_masked_then_unmask_once),
        cmocka_unit_test(test_selector_guards_upcall),
        cmocka_unit_test(test_selector_words),
        cmocka_unit_test(test_pollers_woken),
        cmocka_unit_test(test_close_clears_pending),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
