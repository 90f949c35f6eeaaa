/* The xenstore wire protocol (Xen 4.17 <xen/io/xs_wire.h>, <xen/io/xenbus.h>): the shared ring
 * page, the message header and its types, and the XenbusState values devices step through. */
#ifndef ABI_IO_XENSTORE_H
#define ABI_IO_XENSTORE_H

#include "abi/types.h"

/* xsd_sockmsg.type */
#define XS_CONTROL              0
#define XS_DEBUG                XS_CONTROL
#define XS_DIRECTORY            1
#define XS_READ                 2
#define XS_GET_PERMS            3
#define XS_WATCH                4
#define XS_UNWATCH              5
#define XS_TRANSACTION_START    6
#define XS_TRANSACTION_END      7
#define XS_INTRODUCE            8
#define XS_RELEASE              9
#define XS_GET_DOMAIN_PATH      10
#define XS_WRITE                11
#define XS_MKDIR                12
#define XS_RM                   13
#define XS_SET_PERMS            14
#define XS_WATCH_EVENT          15
#define XS_ERROR                16 /* payload: an errno name such as "ENOENT", NUL-terminated */
#define XS_IS_DOMAIN_INTRODUCED 17
#define XS_RESUME               18
#define XS_SET_TARGET           19
#define XS_RESET_WATCHES        21
#define XS_DIRECTORY_PART       22
#define XS_TYPE_COUNT           23
#define XS_INVALID              0xffff

/* Old write-mode strings. */
#define XS_WRITE_NONE        "NONE"
#define XS_WRITE_CREATE      "CREATE"
#define XS_WRITE_CREATE_EXCL "CREATE|EXCL"

/* Fields of an XS_WATCH_EVENT payload. */
#define XS_WATCH_PATH  0
#define XS_WATCH_TOKEN 1

#define XENSTORE_RING_SIZE    1024
#define XENSTORE_PAYLOAD_MAX  4096 /* bytes after the header */
#define XENSTORE_ABS_PATH_MAX 3072
#define XENSTORE_REL_PATH_MAX 2048

/* xenstore_domain_interface.server_features / connection / error */
#define XENSTORE_SERVER_FEATURE_RECONNECTION 1
#define XENSTORE_SERVER_FEATURE_ERROR        2
#define XENSTORE_CONNECTED     0
#define XENSTORE_RECONNECT     1
#define XENSTORE_ERROR_NONE    0
#define XENSTORE_ERROR_COMM    1
#define XENSTORE_ERROR_RINGIDX 2
#define XENSTORE_ERROR_PROTO   3

/* XenbusState: the "state" node of a frontend or backend directory. */
#define XenbusStateUnknown       0
#define XenbusStateInitialising  1
#define XenbusStateInitWait      2 /* backend waits for frontend details */
#define XenbusStateInitialised   3
#define XenbusStateConnected     4
#define XenbusStateClosing       5
#define XenbusStateClosed        6
#define XenbusStateReconfiguring 7
#define XenbusStateReconfigured  8

#ifndef __ASSEMBLY__

/* Header of every message; len bytes of payload follow (at most XENSTORE_PAYLOAD_MAX). */
struct xsd_sockmsg {
    uint32_t type;   /* XS_* */
    uint32_t req_id; /* echoed in the reply */
    uint32_t tx_id;  /* transaction, 0 = none */
    uint32_t len;
};
_Static_assert(sizeof(struct xsd_sockmsg) == 16, "xsd_sockmsg size");
_Static_assert(offsetof(struct xsd_sockmsg, len) == 12, "xsd_sockmsg.len");

typedef uint32_t XENSTORE_RING_IDX;

/*
 *   0     req[1024]  guest produces requests     2048 req_cons  2052 req_prod
 *   1024  rsp[1024]  server produces replies     2056 rsp_cons  2060 rsp_prod
 *   2064  server_features  2068 connection  2072 error
 */
struct xenstore_domain_interface {
    char req[XENSTORE_RING_SIZE];
    char rsp[XENSTORE_RING_SIZE];
    XENSTORE_RING_IDX req_cons, req_prod;
    XENSTORE_RING_IDX rsp_cons, rsp_prod;
    uint32_t server_features;
    uint32_t connection;
    uint32_t error;
};
_Static_assert(sizeof(struct xenstore_domain_interface) == 2076, "xenstore_domain_interface");
_Static_assert(offsetof(struct xenstore_domain_interface, req_cons) == 2048, "xs.req_cons");
_Static_assert(offsetof(struct xenstore_domain_interface, rsp_cons) == 2056, "xs.rsp_cons");
_Static_assert(offsetof(struct xenstore_domain_interface, server_features) == 2064, "xs.features");
_Static_assert(offsetof(struct xenstore_domain_interface, error) == 2072, "xs.error");

#endif /* !__ASSEMBLY__ */

#endif
