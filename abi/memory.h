/* memory_op sub-ops and structs (Xen 4.17 <xen/memory.h>): growing and shrinking a domain's
 * reservation, its memory map, and where the read-only M2P table lives. */
#ifndef ABI_MEMORY_H
#define ABI_MEMORY_H

#include "abi/types.h"

#define XENMEM_increase_reservation 0  /* struct xen_memory_reservation; result: extents done */
#define XENMEM_decrease_reservation 1  /* struct xen_memory_reservation; result: extents done */
#define XENMEM_maximum_ram_page     2  /* result: highest machine frame */
#define XENMEM_current_reservation  3  /* arg: domid_t; result: pages */
#define XENMEM_maximum_reservation  4  /* arg: domid_t; result: page limit */
#define XENMEM_machphys_mfn_list    5  /* struct xen_machphys_mfn_list */
#define XENMEM_populate_physmap     6  /* struct xen_memory_reservation; result: extents done */
#define XENMEM_add_to_physmap       7  /* struct xen_add_to_physmap */
#define XENMEM_memory_map           9  /* struct xen_memory_map: the domain's E820 map */
#define XENMEM_machine_memory_map   10 /* struct xen_memory_map: the host's (dom0) */
#define XENMEM_exchange             11 /* struct xen_memory_exchange */
#define XENMEM_machphys_mapping     12 /* struct xen_machphys_mapping (out) */
#define XENMEM_set_memory_map       13 /* struct xen_foreign_memory_map (toolstack) */
#define XENMEM_maximum_gpfn         14 /* arg: domid_t; result: highest guest frame */
#define XENMEM_remove_from_physmap  15 /* struct xen_remove_from_physmap */
#define XENMEM_set_pod_target       16 /* struct xen_pod_target */
#define XENMEM_get_pod_target       17 /* struct xen_pod_target */
#define XENMEM_add_to_physmap_batch 23
#define XENMEM_machphys_compat_mfn_list 25

/* memory_op's cmd carries a continuation start extent above these bits (Keel's names). */
#define XENMEM_CMD_BITS 6
#define XENMEM_CMD_MASK ((1 << XENMEM_CMD_BITS) - 1)

/* xen_memory_reservation.mem_flags: address-width limit in bits 0-7, NUMA node in 8-15. */
#define XENMEMF_populate_on_demand (1 << 16)
#define XENMEMF_exact_node_request (1 << 17)
#define XENMEMF_vnode              (1 << 18)

/* xen_add_to_physmap.space */
#define XENMAPSPACE_shared_info  0 /* idx ignored */
#define XENMAPSPACE_grant_table  1 /* idx: grant frame, | XENMAPIDX_grant_table_status */
#define XENMAPSPACE_gmfn         2
#define XENMAPSPACE_gmfn_range   3
#define XENMAPSPACE_gmfn_foreign 4
#define XENMAPSPACE_dev_mmio     5
#define XENMAPIDX_grant_table_status 0x80000000

#ifndef __ASSEMBLY__

/* nr_extents extents of 2^extent_order pages each; extent_start lists their frames (out for
 * increase/populate, in for decrease). */
struct xen_memory_reservation {
    xen_guest_handle_t extent_start; /* VA of xen_pfn_t[nr_extents] */
    xen_ulong_t        nr_extents;
    uint32_t           extent_order;
    uint32_t           mem_flags;    /* XENMEMF_* */
    domid_t            domid;        /* DOMID_SELF */
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
_Static_assert(sizeof(struct xen_memory_reservation) == 32, "xen_memory_reservation size");
_Static_assert(offsetof(struct xen_memory_reservation, nr_extents) == 8, "res.nr_extents");
_Static_assert(offsetof(struct xen_memory_reservation, extent_order) == 16, "res.extent_order");
_Static_assert(offsetof(struct xen_memory_reservation, mem_flags) == 20, "res.mem_flags");
_Static_assert(offsetof(struct xen_memory_reservation, domid) == 24, "res.domid");

struct xen_memory_exchange {
    struct xen_memory_reservation in;
    struct xen_memory_reservation out;
    xen_ulong_t nr_exchanged; /* out: input extents exchanged */
};
typedef struct xen_memory_exchange xen_memory_exchange_t;
_Static_assert(sizeof(struct xen_memory_exchange) == 72, "xen_memory_exchange size");

struct xen_memory_domain {
    domid_t domid;
};
_Static_assert(sizeof(struct xen_memory_domain) == 2, "xen_memory_domain size");

struct xen_machphys_mfn_list {
    uint32_t           max_extents;
    xen_guest_handle_t extent_start; /* VA of xen_pfn_t[max_extents] */
    uint32_t           nr_extents;   /* out */
};
typedef struct xen_machphys_mfn_list xen_machphys_mfn_list_t;
_Static_assert(sizeof(struct xen_machphys_mfn_list) == 24, "xen_machphys_mfn_list size");

/* Where the M2P table is mapped and the largest machine frame it covers. */
struct xen_machphys_mapping {
    xen_ulong_t v_start, v_end;
    xen_ulong_t max_mfn;
};
typedef struct xen_machphys_mapping xen_machphys_mapping_t;
_Static_assert(sizeof(struct xen_machphys_mapping) == 24, "xen_machphys_mapping size");

struct xen_add_to_physmap {
    domid_t     domid;
    uint16_t    size;  /* for XENMAPSPACE_gmfn_range */
    uint32_t    space; /* XENMAPSPACE_* */
    xen_ulong_t idx;
    xen_pfn_t   gpfn;
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;
_Static_assert(sizeof(struct xen_add_to_physmap) == 24, "xen_add_to_physmap size");
_Static_assert(offsetof(struct xen_add_to_physmap, space) == 4, "add_to_physmap.space");
_Static_assert(offsetof(struct xen_add_to_physmap, gpfn) == 16, "add_to_physmap.gpfn");

struct xen_remove_from_physmap {
    domid_t   domid;
    xen_pfn_t gpfn;
};
typedef struct xen_remove_from_physmap xen_remove_from_physmap_t;
_Static_assert(sizeof(struct xen_remove_from_physmap) == 16, "xen_remove_from_physmap size");

/* In: room in buffer (entries); out: entries written. Entries are E820 records. */
struct xen_memory_map {
    uint32_t           nr_entries;
    xen_guest_handle_t buffer;
};
typedef struct xen_memory_map xen_memory_map_t;
_Static_assert(sizeof(struct xen_memory_map) == 16, "xen_memory_map size");
_Static_assert(offsetof(struct xen_memory_map, buffer) == 8, "memory_map.buffer");

struct xen_foreign_memory_map {
    domid_t domid;
    struct xen_memory_map map;
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;
_Static_assert(sizeof(struct xen_foreign_memory_map) == 24, "xen_foreign_memory_map size");

struct xen_pod_target {
    uint64_t target_pages;
    uint64_t tot_pages;
    uint64_t pod_cache_pages;
    uint64_t pod_entries;
    domid_t  domid;
};
typedef struct xen_pod_target xen_pod_target_t;
_Static_assert(sizeof(struct xen_pod_target) == 40, "xen_pod_target size");

#endif /* !__ASSEMBLY__ */

#endif
