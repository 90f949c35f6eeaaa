/* event_channel_op: decoding of the guest's request. EVTCHNOP_send, the hot one, reads its
 * 4-byte port and goes straight to the port logic; every other sub-op copies exactly its own
 * struct in once, runs, and (for ops with outputs, only on success) copies it back, as Xen. */
#include "hv/event/evtchn.h"
#include "hv/trace_evt.h"
#include "hv/event/evtchn_port.h"
#include "hv/event/evtchn_read.h"
#include "hv/domain.h"
#include "hv/guest_access.h"

union evtchn_op_arg {
    struct evtchn_alloc_unbound alloc_unbound;
    struct evtchn_bind_interdomain bind_interdomain;
    struct evtchn_bind_virq bind_virq;
    struct evtchn_bind_ipi bind_ipi;
    struct evtchn_close close;
    struct evtchn_status status;
    struct evtchn_bind_vcpu bind_vcpu;
    struct evtchn_unmask unmask;
    struct evtchn_reset reset;
};

typedef int (*evtchn_op_fn)(struct evtchn_dom *ed, union evtchn_op_arg *a);

struct evtchn_op_desc {
    evtchn_op_fn fn;
    uint8_t size;       /* bytes of the sub-op's struct */
    bool has_output;    /* copied back on success */
};

static int op_alloc_unbound(struct evtchn_dom *ed, union evtchn_op_arg *a)
{
    return evtchn_port_alloc_unbound(ed, &a->alloc_unbound);
}

static int op_bind_interdomain(struct evtchn_dom *ed, union evtchn_op_arg *a)
{
    return evtchn_port_bind_interdomain(ed, &a->bind_interdomain);
}

static int op_bind_virq(struct evtchn_dom *ed, union evtchn_op_arg *a)
{
    return evtchn_port_bind_virq(ed, &a->bind_virq);
}

static int op_bind_ipi(struct evtchn_dom *ed, union evtchn_op_arg *a)
{
    return evtchn_port_bind_ipi(ed, &a->bind_ipi);
}

static int op_close(struct evtchn_dom *ed, union evtchn_op_arg *a)
{
    return evtchn_port_close(ed, a->close.port);
}

static int op_status(struct evtchn_dom *ed, union evtchn_op_arg *a)
{
    return evtchn_port_status(ed, &a->status);
}

static int op_bind_vcpu(struct evtchn_dom *ed, union evtchn_op_arg *a)
{
    return evtchn_port_bind_vcpu(ed, a->bind_vcpu.port, a->bind_vcpu.vcpu);
}

static int op_unmask(struct evtchn_dom *ed, union evtchn_op_arg *a)
{
    return evtchn_port_unmask(ed, a->unmask.port);
}

static int op_reset(struct evtchn_dom *ed, union evtchn_op_arg *a)
{
    return evtchn_port_reset(ed, a->reset.dom);
}

#define OP(name, out) [EVTCHNOP_##name] = { op_##name, sizeof(struct evtchn_##name), out }

/* EVTCHNOP_send is handled before the table; bind_pirq and the FIFO ABI's ops are absent
 * (-ENOSYS), so a guest falls back to the 2-level ABI as it does on a Xen without FIFO. */
static const struct evtchn_op_desc evtchn_ops[] = {
    OP(bind_interdomain, true), OP(bind_virq, true), OP(close, false),
    OP(status, true), OP(alloc_unbound, true), OP(bind_ipi, true),
    OP(bind_vcpu, false), OP(unmask, false), OP(reset, false),
};

static __attribute__((noinline)) long evtchn_op_table(uint64_t cmd, uint64_t arg)
{
    const struct evtchn_op_desc *op;
    union evtchn_op_arg a;
    int rc;

    if (cmd >= ARRAY_SIZE(evtchn_ops) || !evtchn_ops[cmd].fn)
        return -XEN_ENOSYS;
    op = &evtchn_ops[cmd];
    if (copy_from_guest(&a, arg, op->size))
        return -XEN_EFAULT;
    rc = op->fn(&current->domain->evtchn, &a);
    if (rc == 0 && op->has_output && copy_to_guest(arg, &a, op->size))
        return -XEN_EFAULT;
    return rc;
}

/* A send whose port could not be read in one step (unreadable: -EFAULT; straddling two
 * pages: copy_from_guest), or with tracing on: out of the hot path. */
static __attribute__((noinline)) long evtchn_send_slow(uint64_t arg, long port)
{
    struct evtchn_dom *ed = &current->domain->evtchn;
    evtchn_port_t p = (evtchn_port_t)port;

    if (port == -XEN_EFAULT)
        return port;
    if (port == EVTCHN_READ_STRADDLES && copy_from_guest(&p, arg, sizeof(p)))
        return -XEN_EFAULT;
    return trace_evt_sent(ed, p, (int)evtchn_port_send(ed, p));
}

long hc_event_channel_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5)
{
    long port;

    (void)a3; (void)a4; (void)a5;
    if (__builtin_expect(cmd == EVTCHNOP_send, 1)) {
        if (__builtin_expect(trace_on(KEEL_TRC_EVT), 0))
            return evtchn_send_slow(arg, evtchn_read_port(arg));
        port = evtchn_read_port(arg);
        if (__builtin_expect(port < 0, 0))
            return evtchn_send_slow(arg, port);
        return evtchn_port_send(&current->domain->evtchn, (evtchn_port_t)port);
    }
    return evtchn_op_table(cmd, arg);
}

/* The pre-3.2 form: one struct evtchn_op {cmd; union} in guest memory, read whole (so a
 * short buffer is -EFAULT), then the sub-op runs on its union member in place. reset did
 * not exist then (-ENOSYS), as in Xen. */
long hc_event_channel_op_compat(uint64_t op, uint64_t a2, uint64_t a3, uint64_t a4,
                                uint64_t a5)
{
    struct evtchn_op o;

    (void)a2; (void)a3; (void)a4; (void)a5;
    if (copy_from_guest(&o, op, sizeof(o)))
        return -XEN_EFAULT;
    if (o.cmd == EVTCHNOP_reset)
        return -XEN_ENOSYS;
    return hc_event_channel_op(o.cmd, op + offsetof(struct evtchn_op, u), 0, 0, 0);
}
