/* Trace records of event channel sends: the sender's port, and the domain and port it is
 * bound to. Invariant: reads the port table only, after the send, never guest memory. */
#include "hv/trace_evt.h"

void trace_evt_sent_rec(const struct evtchn_dom *ed, evtchn_port_t port)
{
    const struct evtchn_port *p;

    if (port >= EVTCHN_NR_PORTS)
        return;
    p = &ed->port[port];
    if (p->state == ECS_INTERDOMAIN)
        trace_evt_send(ed->id, trace_current_vcpu(), port, p->remote_dom, p->u);
    else if (p->state == ECS_IPI)
        trace_evt_send(ed->id, trace_current_vcpu(), port, ed->id, port);
}
