/* Scalar types of Keel's guest ABI (Xen 4.17 x86_64 PV): every field the guest shares with the
 * hypervisor has a fixed width, and a guest address or array is a plain uint64_t, never a pointer,
 * so the layout is the same for hv, pvguest and host tools. */
#ifndef ABI_TYPES_H
#define ABI_TYPES_H

/* Unsigned constants that assembly files can use too (no C suffix in .S files). */
#ifdef __ASSEMBLY__
#define xen_mk_uint(x)   x
#define xen_mk_ulong(x)  x
#define xen_mk_ullong(x) x
#else
#define xen_mk_uint_(x)   x##U
#define xen_mk_ulong_(x)  x##UL
#define xen_mk_ullong_(x) x##ULL
/* One level of indirection, so a macro argument is expanded before the suffix is pasted. */
#define xen_mk_uint(x)    xen_mk_uint_(x)
#define xen_mk_ulong(x)   xen_mk_ulong_(x)
#define xen_mk_ullong(x)  xen_mk_ullong_(x)
#endif

/* The ABI's page: 4 KiB frames everywhere (XEN_PAGE_SIZE is Keel's name). */
#define XEN_PAGE_SHIFT 12
#define XEN_PAGE_SIZE  (1 << XEN_PAGE_SHIFT)

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <stdint.h>

/* A frame number as the guest sees it: a machine frame for a PV guest (no translation). */
typedef uint64_t xen_pfn_t;

/* Xen's "unsigned long" in shared structures: 64 bits on x86_64. */
typedef uint64_t xen_ulong_t;

/* A guest virtual address passed where Xen's headers have XEN_GUEST_HANDLE(T): the comment on
 * each such field names T. The hypervisor validates it before every access. */
typedef uint64_t xen_guest_handle_t;

/* Entry point of a guest callback (event, failsafe, syscall, nmi): a guest virtual address. */
typedef uint64_t xen_callback_t;

typedef uint16_t domid_t;        /* domain id; DOMID_* names the reserved ones */
typedef uint32_t evtchn_port_t;  /* event channel port number */
typedef uint32_t grant_ref_t;    /* index into a domain's grant table */
typedef uint32_t grant_handle_t; /* handle of one grant mapping, returned by map_grant_ref */

#endif /* !__ASSEMBLY__ */

#endif
