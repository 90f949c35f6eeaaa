/* pvguest's event channels. The hypervisor sets a port's bit in shared_info.evtchn_pending and,
 * if the port is unmasked and its word's selector bit was clear, the selector bit in
 * vcpu_info.evtchn_pending_sel and evtchn_upcall_pending; the upcall then scans
 * selector -> word -> port, clearing each level before it reads the next, as Xen guests do. */
#include "pvguest/events.h"

#include "abi/hcall.h"
#include "abi/version.h"
#include "abi/xen.h"
#include "pvguest/boot.h"
#include "pvguest/hypercall.h"

#define EVENTS_WORD_BITS (sizeof(xen_ulong_t) * __CHAR_BIT__)

struct events_slot {
    events_handler_t fn;
    void *data;
};

static struct events_slot events_table[EVENTS_NR_PORTS];
static uint64_t events_nr_upcalls, events_nr_unhandled;

static volatile struct shared_info *events_shared(void)
{
    return boot_shared_info();
}

static volatile struct vcpu_info *events_vcpu(void)
{
    return boot_vcpu_info();
}

static uint64_t events_bit(evtchn_port_t port)
{
    return (uint64_t)1 << (port % EVENTS_WORD_BITS);
}

static bool events_port_ok(evtchn_port_t port)
{
    return port < EVENTS_NR_PORTS && events_shared();
}

void events_init(void)
{
    volatile struct shared_info *s = events_shared();

    for (unsigned int p = 0; p < EVENTS_NR_PORTS; p++)
        events_table[p] = (struct events_slot){ 0 };
    if (!s)
        return;
    for (unsigned int w = 0; w < XEN_EVTCHN_2L_WORDS; w++)
        __atomic_store_n(&s->evtchn_mask[w], ~(xen_ulong_t)0, __ATOMIC_SEQ_CST);
}

long events_op(int cmd, void *arg)
{
    return hypercall_2(__HYPERVISOR_event_channel_op, (uint64_t)cmd, (uint64_t)arg);
}

long events_alloc_unbound(domid_t remote, evtchn_port_t *port)
{
    struct evtchn_alloc_unbound op = { .dom = DOMID_SELF, .remote_dom = remote };
    long rc = events_op(EVTCHNOP_alloc_unbound, &op);

    if (!rc)
        *port = op.port;
    return rc;
}

long events_bind_interdomain(domid_t remote, evtchn_port_t remote_port, evtchn_port_t *port)
{
    struct evtchn_bind_interdomain op = { .remote_dom = remote, .remote_port = remote_port };
    long rc = events_op(EVTCHNOP_bind_interdomain, &op);

    if (!rc)
        *port = op.local_port;
    return rc;
}

long events_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_virq op = { .virq = virq, .vcpu = vcpu };
    long rc = events_op(EVTCHNOP_bind_virq, &op);

    if (!rc)
        *port = op.port;
    return rc;
}

long events_bind_ipi(uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_ipi op = { .vcpu = vcpu };
    long rc = events_op(EVTCHNOP_bind_ipi, &op);

    if (!rc)
        *port = op.port;
    return rc;
}

long events_send(evtchn_port_t port)
{
    struct evtchn_send op = { .port = port };

    return events_op(EVTCHNOP_send, &op);
}

long events_status(domid_t dom, evtchn_port_t port, struct evtchn_status *st)
{
    *st = (struct evtchn_status){ .dom = dom, .port = port };
    return events_op(EVTCHNOP_status, st);
}

long events_close(evtchn_port_t port)
{
    struct evtchn_close op = { .port = port };

    if (events_port_ok(port)) {
        events_mask(port);
        events_table[port] = (struct events_slot){ 0 };
        events_clear_pending(port);
    }
    return events_op(EVTCHNOP_close, &op);
}

void events_bind(evtchn_port_t port, events_handler_t fn, void *data)
{
    if (port >= EVENTS_NR_PORTS)
        return;
    events_table[port] = (struct events_slot){ .fn = fn, .data = data };
    events_unmask(port);
}

void events_mask(evtchn_port_t port)
{
    if (events_port_ok(port))
        __atomic_fetch_or(&events_shared()->evtchn_mask[port / EVENTS_WORD_BITS],
                          events_bit(port), __ATOMIC_SEQ_CST);
}

/* An event that hit the port while it was still masked set only its pending bit: raise the
 * selector and upcall_pending as the hypervisor would have, and take the upcall now if the
 * upcall mask allows. */
static void events_raise_local(evtchn_port_t port)
{
    volatile struct vcpu_info *vi = events_vcpu();
    xen_ulong_t sel = (xen_ulong_t)1 << (port / EVENTS_WORD_BITS);

    if (__atomic_fetch_or(&vi->evtchn_pending_sel, sel, __ATOMIC_SEQ_CST) & sel)
        return;
    vi->evtchn_upcall_pending = 1;
    if (!vi->evtchn_upcall_mask)
        hypercall_xen_version(XENVER_version, 0);
}

/* Xen's EVTCHNOP_unmask acts only on a port whose mask bit is still set: a pending port is
 * unmasked by the hypercall, which re-raises it; otherwise the bit is cleared here, and an
 * event that slipped in meanwhile is raised locally. */
long events_unmask(evtchn_port_t port)
{
    struct evtchn_unmask op = { .port = port };

    if (!events_port_ok(port) || events_is_pending(port))
        return events_op(EVTCHNOP_unmask, &op);
    __atomic_fetch_and(&events_shared()->evtchn_mask[port / EVENTS_WORD_BITS],
                       ~events_bit(port), __ATOMIC_SEQ_CST);
    if (events_is_pending(port))
        events_raise_local(port);
    return 0;
}

bool events_is_pending(evtchn_port_t port)
{
    return events_port_ok(port) &&
           (events_shared()->evtchn_pending[port / EVENTS_WORD_BITS] & events_bit(port));
}

bool events_is_masked(evtchn_port_t port)
{
    return events_port_ok(port) &&
           (events_shared()->evtchn_mask[port / EVENTS_WORD_BITS] & events_bit(port));
}

void events_clear_pending(evtchn_port_t port)
{
    if (events_port_ok(port))
        __atomic_fetch_and(&events_shared()->evtchn_pending[port / EVENTS_WORD_BITS],
                           ~events_bit(port), __ATOMIC_SEQ_CST);
}

uint64_t events_pending_sel(void)
{
    volatile struct vcpu_info *vi = events_vcpu();

    return vi ? vi->evtchn_pending_sel : 0;
}

bool events_upcall_pending(void)
{
    volatile struct vcpu_info *vi = events_vcpu();

    return vi && vi->evtchn_upcall_pending;
}

bool events_are_disabled(void)
{
    volatile struct vcpu_info *vi = events_vcpu();

    return !vi || vi->evtchn_upcall_mask;
}

bool events_disable(void)
{
    volatile struct vcpu_info *vi = events_vcpu();
    bool was;

    if (!vi)
        return true;
    was = vi->evtchn_upcall_mask;
    vi->evtchn_upcall_mask = 1;
    __asm__ volatile("" ::: "memory");
    return was;
}

/* The mask is cleared before upcall_pending is read: an event set in between raises
 * upcall_pending, which the read then sees. Any hypercall returns through the hypervisor's
 * event check, so xen_version delivers the pending upcall. */
void events_enable(void)
{
    volatile struct vcpu_info *vi = events_vcpu();

    if (!vi)
        return;
    __asm__ volatile("" ::: "memory");
    vi->evtchn_upcall_mask = 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (vi->evtchn_upcall_pending)
        hypercall_xen_version(XENVER_version, 0);
}

void events_restore(bool was_disabled)
{
    if (!was_disabled)
        events_enable();
}

uint64_t events_upcalls(void)
{
    return events_nr_upcalls;
}

uint64_t events_unhandled(void)
{
    return events_nr_unhandled;
}

static void events_dispatch(evtchn_port_t port)
{
    const struct events_slot *slot = &events_table[port];

    if (slot->fn)
        slot->fn(port, slot->data);
    else
        events_nr_unhandled++;
}

/* Handles the pending, unmasked ports of one word, lowest first. */
static void events_scan_word(volatile struct shared_info *s, unsigned int w)
{
    xen_ulong_t bits = s->evtchn_pending[w] & ~s->evtchn_mask[w];

    while (bits) {
        unsigned int b = (unsigned int)__builtin_ctzl(bits);
        evtchn_port_t port = w * EVENTS_WORD_BITS + b;

        bits &= bits - 1;
        __atomic_fetch_and(&s->evtchn_pending[w], ~events_bit(port), __ATOMIC_SEQ_CST);
        events_dispatch(port);
    }
}

void events_upcall(void)
{
    volatile struct shared_info *s = events_shared();
    volatile struct vcpu_info *vi = events_vcpu();

    events_nr_upcalls++;
    if (!s)
        return;
    do {
        xen_ulong_t sel;

        vi->evtchn_upcall_pending = 0;
        sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
        while (sel) {
            unsigned int w = (unsigned int)__builtin_ctzl(sel);

            sel &= sel - 1;
            events_scan_word(s, w);
        }
    } while (vi->evtchn_upcall_pending);
}
