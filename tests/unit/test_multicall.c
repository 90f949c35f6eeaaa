/* Host tests of hv/multicall.c against a fake guest (two pages of guest memory: the lowest
 * page and the highest page of the address space), a fake hypercall table and a fake vCPU.
 * Regressions of the hostile-guest scenarios: atk_multicall_nested (a nested multicall is
 * refused in its result with -EINVAL and the batch goes on, as Xen), atk_multicall_iret (an
 * iret stops the batch before running), and an entry list wrapping from the top of the
 * address space to address 0 (XSA-212's shape: every entry's address is overflow-checked). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "abi/hcall.h"
#include "abi/xen.h"
#include "hv/domain.h"
#include "hv/hypercall.h"
#include "hv/trace.h"

#define GUEST_PAGE   4096u
#define GUEST_LOW    0x0ull                               /* page 0 */
#define GUEST_TOP    (~0ull - GUEST_PAGE + 1)            /* the last page */
#define RESULT_UNSET 0x5e5e5e5e5e5e5e5eull
#define OP_USERMODE  40u                                  /* fake call: drops to user mode */
#define FAKE_RESULT(op) ((long)(op) * 1000)

static uint8_t low_page[GUEST_PAGE], top_page[GUEST_PAGE];
static struct domain fake_dom;
static struct vcpu fake_vcpu;
struct vcpu *current = &fake_vcpu;
static unsigned calls;

/* ---- fakes: trace (off), guest memory, the hypercall table ---- */
uint32_t trace_mask;
uint16_t trace_current_dom(void) { return 0; }
uint16_t trace_current_vcpu(void) { return 0; }
uint64_t trace_emit(uint16_t event, uint16_t dom, uint16_t vcpu, const void *payload,
                    unsigned nwords)
{
    (void)event; (void)dom; (void)vcpu; (void)payload; (void)nwords;
    return 0;
}

static uint8_t *guest_ptr(vaddr_t va, size_t n)
{
    if (va - GUEST_LOW < GUEST_PAGE && n <= GUEST_PAGE - (va - GUEST_LOW))
        return low_page + (va - GUEST_LOW);
    if (va >= GUEST_TOP && n <= GUEST_PAGE - (va - GUEST_TOP))
        return top_page + (va - GUEST_TOP);
    return NULL;
}

int copy_from_guest(void *dst, vaddr_t src, size_t n)
{
    uint8_t *p = guest_ptr(src, n);

    if (!p)
        return -XEN_EFAULT;
    memcpy(dst, p, n);
    return 0;
}

int copy_to_guest(vaddr_t dst, const void *src, size_t n)
{
    uint8_t *p = guest_ptr(dst, n);

    if (!p)
        return -XEN_EFAULT;
    memcpy(p, src, n);
    return 0;
}

long hypercall_do(uint64_t nr, const uint64_t args[5])
{
    calls++;
    if (nr == __HYPERVISOR_multicall)   /* what the real table does */
        return hc_multicall(args[0], args[1], 0, 0, 0);
    if (nr == OP_USERMODE)
        fake_vcpu.kernel_mode = false;
    return FAKE_RESULT(nr);
}

/* ---- helpers ---- */
static struct multicall_entry *entry(uint8_t *page, unsigned i)
{
    return (struct multicall_entry *)page + i;
}

static void set_entry(struct multicall_entry *e, uint64_t op, uint64_t a0, uint64_t a1)
{
    memset(e, 0, sizeof(*e));
    e->op = op;
    e->result = RESULT_UNSET;
    e->args[0] = a0;
    e->args[1] = a1;
}

static int setup(void **state)
{
    (void)state;
    memset(low_page, 0, sizeof(low_page));
    memset(top_page, 0, sizeof(top_page));
    fake_vcpu.domain = &fake_dom;
    fake_vcpu.kernel_mode = true;
    fake_dom.state = DOM_RUNNING;
    calls = 0;
    return 0;
}

/* ---- tests ---- */
static void test_nested_refused_batch_goes_on(void **state)
{
    const vaddr_t inner = GUEST_LOW + 4 * sizeof(struct multicall_entry);

    (void)state;
    set_entry(entry(low_page, 0), __HYPERVISOR_multicall, inner, 1);
    set_entry(entry(low_page, 1), __HYPERVISOR_xen_version, 0, 0);
    set_entry(entry(low_page, 4), __HYPERVISOR_xen_version, 0, 0);
    assert_int_equal(hc_multicall(GUEST_LOW, 2, 0, 0, 0), 0);
    assert_int_equal((long)entry(low_page, 0)->result, -XEN_EINVAL);
    assert_int_equal((long)entry(low_page, 1)->result, FAKE_RESULT(__HYPERVISOR_xen_version));
    assert_true(entry(low_page, 4)->result == RESULT_UNSET);   /* the inner list never ran */
    assert_int_equal(calls, 1);
}

static void test_iret_stops_before_running(void **state)
{
    (void)state;
    set_entry(entry(low_page, 0), __HYPERVISOR_iret, 0, 0);
    set_entry(entry(low_page, 1), __HYPERVISOR_xen_version, 0, 0);
    assert_int_equal(hc_multicall(GUEST_LOW, 2, 0, 0, 0), 0);
    assert_true(entry(low_page, 0)->result == RESULT_UNSET);
    assert_true(entry(low_page, 1)->result == RESULT_UNSET);
    assert_int_equal(calls, 0);
}

static void test_user_mode_stops(void **state)
{
    (void)state;
    set_entry(entry(low_page, 0), OP_USERMODE, 0, 0);
    set_entry(entry(low_page, 1), __HYPERVISOR_xen_version, 0, 0);
    assert_int_equal(hc_multicall(GUEST_LOW, 2, 0, 0, 0), 0);
    assert_int_equal((long)entry(low_page, 0)->result, FAKE_RESULT(OP_USERMODE));
    assert_true(entry(low_page, 1)->result == RESULT_UNSET);
}

/* Entry 0 is the last 64 bytes of the address space; entry 1 would be at address 0. */
static void test_list_wrapping_to_zero(void **state)
{
    const vaddr_t list = ~0ull - sizeof(struct multicall_entry) + 1;

    (void)state;
    set_entry(entry(top_page, GUEST_PAGE / sizeof(struct multicall_entry) - 1),
              __HYPERVISOR_xen_version, 0, 0);
    set_entry(entry(low_page, 0), __HYPERVISOR_xen_version, 0, 0);
    assert_int_equal(hc_multicall(list, 2, 0, 0, 0), -XEN_EFAULT);
    assert_true(entry(low_page, 0)->result == RESULT_UNSET);
    assert_int_equal(calls, 1);
}

static void test_count_limit(void **state)
{
    (void)state;
    set_entry(entry(low_page, 0), __HYPERVISOR_xen_version, 0, 0);
    assert_int_equal(hc_multicall(GUEST_LOW, 2049, 0, 0, 0), -XEN_EINVAL);
    assert_int_equal(hc_multicall(GUEST_LOW, ~0ull, 0, 0, 0), -XEN_EINVAL);
    assert_int_equal(calls, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_nested_refused_batch_goes_on, setup),
        cmocka_unit_test_setup(test_iret_stops_before_running, setup),
        cmocka_unit_test_setup(test_user_mode_stops, setup),
        cmocka_unit_test_setup(test_list_wrapping_to_zero, setup),
        cmocka_unit_test_setup(test_count_limit, setup),
    };

    return cmocka_run_group_tests_name("multicall", tests, NULL, NULL);
}
