/* Atomic bit operations on memory the guest shares and writes concurrently (shared_info's
 * pending, mask and selector words, vcpu_info's upcall byte). Each read-modify-write is one
 * locked instruction and a full barrier on x86, which is the ordering the 2-level rules need:
 * pending bit before selector bit before upcall byte. */
#ifndef HV_EVENT_EVTCHN_BITS_H
#define HV_EVENT_EVTCHN_BITS_H

#include "abi/types.h"

#define EVTCHN_BIT(n) ((xen_ulong_t)1 << ((n) % (sizeof(xen_ulong_t) * __CHAR_BIT__)))
#define EVTCHN_WORD(n) ((n) / (sizeof(xen_ulong_t) * __CHAR_BIT__))

/* Sets bit n of the bitmap at words; returns whether it was already set. */
static inline bool evtchn_test_and_set(xen_ulong_t *words, unsigned n)
{
    xen_ulong_t b = EVTCHN_BIT(n);

    return __atomic_fetch_or(&words[EVTCHN_WORD(n)], b, __ATOMIC_SEQ_CST) & b;
}

/* Clears bit n; returns whether it was set. */
static inline bool evtchn_test_and_clear(xen_ulong_t *words, unsigned n)
{
    xen_ulong_t b = EVTCHN_BIT(n);

    return __atomic_fetch_and(&words[EVTCHN_WORD(n)], ~b, __ATOMIC_SEQ_CST) & b;
}

static inline bool evtchn_test(const xen_ulong_t *words, unsigned n)
{
    return __atomic_load_n(&words[EVTCHN_WORD(n)], __ATOMIC_SEQ_CST) & EVTCHN_BIT(n);
}

/* Sets a flag byte (evtchn_upcall_pending) to 1; returns its old value != 0. */
static inline bool evtchn_test_and_set_byte(uint8_t *flag)
{
    return __atomic_exchange_n(flag, 1, __ATOMIC_SEQ_CST) != 0;
}

#endif
