/* Trace records of event channel sends, made from inside hv/event/ with one call each.
 * Invariant: with the evt class off a call costs one load and one predictable branch, and
 * returns rc unchanged either way. */
#ifndef HV_TRACE_EVT_H
#define HV_TRACE_EVT_H

#include "hv/event/evtchn_port.h"
#include "hv/trace.h"

/* Out of line, class on only: finds the port's peer and emits the send record. */
void trace_evt_sent_rec(const struct evtchn_dom *ed, evtchn_port_t port);

/* A send on port of ed (the current domain's table; port is the guest's value, checked here
 * again) that returned rc: recorded when it reached somebody (an interdomain peer, or the
 * domain itself through an IPI port). Returns rc, so it wraps the call that produced it. */
static inline int trace_evt_sent(const struct evtchn_dom *ed, evtchn_port_t port, int rc)
{
    if (trace_on(KEEL_TRC_EVT) && rc == 0)
        trace_evt_sent_rec(ed, port);
    return rc;
}

#endif
