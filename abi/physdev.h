/* The few physdev_op sub-ops a PV kernel issues at boot (Xen 4.17 <xen/physdev.h>): I/O
 * privilege and the PIRQ EOI page. Keel's answer to each is documented in hcall.h. */
#ifndef ABI_PHYSDEV_H
#define ABI_PHYSDEV_H

#include "abi/types.h"

#define PHYSDEVOP_irq_status_query 5  /* struct physdev_irq_status_query */
#define PHYSDEVOP_set_iopl         6  /* struct physdev_set_iopl */
#define PHYSDEVOP_set_iobitmap     7  /* struct physdev_set_iobitmap */
#define PHYSDEVOP_eoi              12 /* struct physdev_eoi */
#define PHYSDEVOP_pirq_eoi_gmfn_v1 17 /* struct physdev_pirq_eoi_gmfn */
#define PHYSDEVOP_pirq_eoi_gmfn_v2 28 /* struct physdev_pirq_eoi_gmfn */

/* physdev_irq_status_query.flags */
#define _XENIRQSTAT_needs_eoi (0)
#define XENIRQSTAT_needs_eoi  (1U << _XENIRQSTAT_needs_eoi)
#define _XENIRQSTAT_shared    (1)
#define XENIRQSTAT_shared     (1U << _XENIRQSTAT_shared)

#ifndef __ASSEMBLY__

struct physdev_eoi {
    uint32_t irq;
};
typedef struct physdev_eoi physdev_eoi_t;
_Static_assert(sizeof(struct physdev_eoi) == 4, "physdev_eoi size");

struct physdev_pirq_eoi_gmfn {
    xen_pfn_t gmfn; /* frame of the guest's PIRQ EOI bitmap */
};
typedef struct physdev_pirq_eoi_gmfn physdev_pirq_eoi_gmfn_t;
_Static_assert(sizeof(struct physdev_pirq_eoi_gmfn) == 8, "physdev_pirq_eoi_gmfn size");

struct physdev_irq_status_query {
    uint32_t irq;
    uint32_t flags; /* out: XENIRQSTAT_* */
};
typedef struct physdev_irq_status_query physdev_irq_status_query_t;
_Static_assert(sizeof(struct physdev_irq_status_query) == 8, "irq_status_query size");

struct physdev_set_iopl {
    uint32_t iopl; /* 0-3: the virtual IOPL of the guest kernel */
};
typedef struct physdev_set_iopl physdev_set_iopl_t;
_Static_assert(sizeof(struct physdev_set_iopl) == 4, "physdev_set_iopl size");

struct physdev_set_iobitmap {
    xen_guest_handle_t bitmap;   /* VA of uint8_t[nr_ports / 8], a TSS-style I/O bitmap */
    uint32_t           nr_ports;
};
typedef struct physdev_set_iobitmap physdev_set_iobitmap_t;
_Static_assert(sizeof(struct physdev_set_iobitmap) == 16, "physdev_set_iobitmap size");
_Static_assert(offsetof(struct physdev_set_iobitmap, nr_ports) == 8, "set_iobitmap.nr_ports");

#endif /* !__ASSEMBLY__ */

#endif
