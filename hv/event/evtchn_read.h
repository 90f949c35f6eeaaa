/* Reading EVTCHNOP_send's argument, the one guest word on the event fast path, without
 * copy_from_guest's general range handling and copy loop (about 150 instructions for these 4
 * bytes when it was a software walk, more than the rest of a send): the shared inline read of
 * hv/guest_access.h, same rules and fixup mechanism. A straddling value is left to
 * copy_from_guest. */
#ifndef HV_EVENT_EVTCHN_READ_H
#define HV_EVENT_EVTCHN_READ_H

#include "abi/types.h"
#include "hv/guest_access.h"

/* evtchn_read_port's answer for a port that straddles two pages (the caller then uses
 * copy_from_guest); never a port number. */
#define EVTCHN_READ_STRADDLES (-1L)

/* The port at guest va (untrusted) of the running vCPU's address space, -XEN_EFAULT when the
 * guest may not read it, or EVTCHN_READ_STRADDLES. Returned by value, so the caller keeps it
 * in a register. */
static inline long evtchn_read_port(vaddr_t va)
{
    uint32_t port;

    _Static_assert(sizeof(evtchn_port_t) == sizeof(port), "a port is one 32-bit word");
    if (__builtin_expect((va & ~PAGE_MASK) > PAGE_SIZE - sizeof(evtchn_port_t), 0))
        return EVTCHN_READ_STRADDLES;
    if (guest_read_u32_in_page(va, &port))
        return -XEN_EFAULT;
    return port;
}

#endif
