/* grant_table_op: version-1 grant entries, sub-ops, their structs and status codes (Xen 4.17
 * <xen/grant_table.h>). A domain grants a frame to one other domain by filling an entry of
 * its grant table; the grantee names the entry by (domain, grant_ref_t). */
#ifndef ABI_GRANT_H
#define ABI_GRANT_H

#include "abi/types.h"

/* Refs below GNTTAB_NR_RESERVED_ENTRIES are reserved by convention for the toolstack. */
#define GNTTAB_NR_RESERVED_ENTRIES 8
#define GNTTAB_RESERVED_CONSOLE    0
#define GNTTAB_RESERVED_XENSTORE   1

/*
 * grant_entry_v1.flags, written by the granter except the reading/writing bits (hypervisor):
 *   bits 0-1  type: GTF_invalid, GTF_permit_access, GTF_accept_transfer, GTF_transitive
 *   bit 2     GTF_readonly       grantee may only map read-only
 *   bit 3/4   GTF_reading/writing  the grantee currently maps or copies it
 *   bits 5-7  cache attributes (GTF_PWT/PCD/PAT), bit 8 GTF_sub_page (v2 only)
 */
#define GTF_invalid         (0U << 0)
#define GTF_permit_access   (1U << 0)
#define GTF_accept_transfer (2U << 0)
#define GTF_transitive      (3U << 0)
#define GTF_type_mask       (3U << 0)
#define _GTF_readonly       (2)
#define GTF_readonly        (1U << _GTF_readonly)
#define _GTF_reading        (3)
#define GTF_reading         (1U << _GTF_reading)
#define _GTF_writing        (4)
#define GTF_writing         (1U << _GTF_writing)
#define _GTF_PWT            (5)
#define GTF_PWT             (1U << _GTF_PWT)
#define _GTF_PCD            (6)
#define GTF_PCD             (1U << _GTF_PCD)
#define _GTF_PAT            (7)
#define GTF_PAT             (1U << _GTF_PAT)
#define _GTF_sub_page       (8)
#define GTF_sub_page        (1U << _GTF_sub_page)
/* For GTF_accept_transfer entries. */
#define _GTF_transfer_committed (2)
#define GTF_transfer_committed  (1U << _GTF_transfer_committed)
#define _GTF_transfer_completed (3)
#define GTF_transfer_completed  (1U << _GTF_transfer_completed)

#define GNTTABOP_map_grant_ref      0  /* struct gnttab_map_grant_ref[count] */
#define GNTTABOP_unmap_grant_ref    1  /* struct gnttab_unmap_grant_ref[count] */
#define GNTTABOP_setup_table        2  /* struct gnttab_setup_table */
#define GNTTABOP_dump_table         3  /* struct gnttab_dump_table */
#define GNTTABOP_transfer           4  /* struct gnttab_transfer[count] */
#define GNTTABOP_copy               5  /* struct gnttab_copy[count] */
#define GNTTABOP_query_size         6  /* struct gnttab_query_size */
#define GNTTABOP_unmap_and_replace  7  /* struct gnttab_unmap_and_replace[count] */
#define GNTTABOP_set_version        8  /* struct gnttab_set_version */
#define GNTTABOP_get_status_frames  9
#define GNTTABOP_get_version        10 /* struct gnttab_get_version */
#define GNTTABOP_swap_grant_ref     11 /* struct gnttab_swap_grant_ref[count] */
#define GNTTABOP_cache_flush        12

/* gnttab_map_grant_ref.flags */
#define _GNTMAP_device_map      (0)
#define GNTMAP_device_map       (1 << _GNTMAP_device_map)
#define _GNTMAP_host_map        (1)
#define GNTMAP_host_map         (1 << _GNTMAP_host_map)
#define _GNTMAP_readonly        (2)
#define GNTMAP_readonly         (1 << _GNTMAP_readonly)
#define _GNTMAP_application_map (3)
#define GNTMAP_application_map  (1 << _GNTMAP_application_map)
#define _GNTMAP_contains_pte    (4)
#define GNTMAP_contains_pte     (1 << _GNTMAP_contains_pte)
#define _GNTMAP_guest_avail0    (16)
#define GNTMAP_guest_avail_mask ((uint32_t)~0 << _GNTMAP_guest_avail0)

/* gnttab_copy.flags */
#define _GNTCOPY_source_gref (0)
#define GNTCOPY_source_gref  (1 << _GNTCOPY_source_gref)
#define _GNTCOPY_dest_gref   (1)
#define GNTCOPY_dest_gref    (1 << _GNTCOPY_dest_gref)

/* Per-operation status (the struct's status field), not an errno. */
#define GNTST_okay              (0)
#define GNTST_general_error     (-1)
#define GNTST_bad_domain        (-2)
#define GNTST_bad_gntref        (-3)
#define GNTST_bad_handle        (-4)
#define GNTST_bad_virt_addr     (-5)
#define GNTST_bad_dev_addr      (-6)
#define GNTST_no_device_space   (-7)
#define GNTST_permission_denied (-8)
#define GNTST_bad_page          (-9)
#define GNTST_bad_copy_arg      (-10)
#define GNTST_address_too_big   (-11)
#define GNTST_eagain            (-12)
#define GNTST_no_space          (-13)

#ifndef __ASSEMBLY__

struct grant_entry_v1 {
    uint16_t flags; /* GTF_* */
    domid_t  domid; /* the domain allowed to use it */
    uint32_t frame; /* the granted frame (or, for transfers, the frame received) */
};
typedef struct grant_entry_v1 grant_entry_v1_t;
_Static_assert(sizeof(struct grant_entry_v1) == 8, "grant_entry_v1 size");
_Static_assert(offsetof(struct grant_entry_v1, domid) == 2, "grant_entry_v1.domid");
_Static_assert(offsetof(struct grant_entry_v1, frame) == 4, "grant_entry_v1.frame");

/* Map (dom, ref) at host_addr. Out: status, handle, dev_bus_addr. */
struct gnttab_map_grant_ref {
    uint64_t       host_addr;
    uint32_t       flags; /* GNTMAP_* */
    grant_ref_t    ref;
    domid_t        dom;
    int16_t        status; /* GNTST_* */
    grant_handle_t handle;
    uint64_t       dev_bus_addr;
};
typedef struct gnttab_map_grant_ref gnttab_map_grant_ref_t;
_Static_assert(sizeof(struct gnttab_map_grant_ref) == 32, "gnttab_map_grant_ref size");
_Static_assert(offsetof(struct gnttab_map_grant_ref, ref) == 12, "map.ref");
_Static_assert(offsetof(struct gnttab_map_grant_ref, status) == 18, "map.status");
_Static_assert(offsetof(struct gnttab_map_grant_ref, handle) == 20, "map.handle");
_Static_assert(offsetof(struct gnttab_map_grant_ref, dev_bus_addr) == 24, "map.dev_bus_addr");

struct gnttab_unmap_grant_ref {
    uint64_t       host_addr;
    uint64_t       dev_bus_addr;
    grant_handle_t handle;
    int16_t        status; /* GNTST_* */
};
typedef struct gnttab_unmap_grant_ref gnttab_unmap_grant_ref_t;
_Static_assert(sizeof(struct gnttab_unmap_grant_ref) == 24, "gnttab_unmap_grant_ref size");
_Static_assert(offsetof(struct gnttab_unmap_grant_ref, status) == 20, "unmap.status");

/* Give dom nr_frames grant-table frames; their frame numbers go to frame_list. */
struct gnttab_setup_table {
    domid_t            dom;
    uint32_t           nr_frames;
    int16_t            status;     /* GNTST_* */
    xen_guest_handle_t frame_list; /* VA of xen_pfn_t[nr_frames] */
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
_Static_assert(sizeof(struct gnttab_setup_table) == 24, "gnttab_setup_table size");
_Static_assert(offsetof(struct gnttab_setup_table, nr_frames) == 4, "setup.nr_frames");
_Static_assert(offsetof(struct gnttab_setup_table, status) == 8, "setup.status");
_Static_assert(offsetof(struct gnttab_setup_table, frame_list) == 16, "setup.frame_list");

struct gnttab_dump_table {
    domid_t dom;
    int16_t status;
};
typedef struct gnttab_dump_table gnttab_dump_table_t;
_Static_assert(sizeof(struct gnttab_dump_table) == 4, "gnttab_dump_table size");

struct gnttab_transfer {
    xen_pfn_t   mfn;
    domid_t     domid;
    grant_ref_t ref;
    int16_t     status;
};
typedef struct gnttab_transfer gnttab_transfer_t;
_Static_assert(sizeof(struct gnttab_transfer) == 24, "gnttab_transfer size");

/* One side of a copy: a grant ref or (with the GNTCOPY_*_gref flag clear) a frame. */
struct gnttab_copy_ptr {
    union {
        grant_ref_t ref;
        xen_pfn_t   gmfn;
    } u;
    domid_t  domid;
    uint16_t offset;
};
_Static_assert(sizeof(struct gnttab_copy_ptr) == 16, "gnttab_copy_ptr size");

struct gnttab_copy {
    struct gnttab_copy_ptr source, dest;
    uint16_t len;
    uint16_t flags;  /* GNTCOPY_* */
    int16_t  status; /* GNTST_* */
};
typedef struct gnttab_copy gnttab_copy_t;
_Static_assert(sizeof(struct gnttab_copy) == 40, "gnttab_copy size");
_Static_assert(offsetof(struct gnttab_copy, dest) == 16, "copy.dest");
_Static_assert(offsetof(struct gnttab_copy, len) == 32, "copy.len");
_Static_assert(offsetof(struct gnttab_copy, status) == 36, "copy.status");

struct gnttab_query_size {
    domid_t  dom;
    uint32_t nr_frames;
    uint32_t max_nr_frames;
    int16_t  status;
};
typedef struct gnttab_query_size gnttab_query_size_t;
_Static_assert(sizeof(struct gnttab_query_size) == 16, "gnttab_query_size size");

struct gnttab_unmap_and_replace {
    uint64_t       host_addr;
    uint64_t       new_addr;
    grant_handle_t handle;
    int16_t        status;
};
typedef struct gnttab_unmap_and_replace gnttab_unmap_and_replace_t;
_Static_assert(sizeof(struct gnttab_unmap_and_replace) == 24, "unmap_and_replace size");

struct gnttab_set_version {
    uint32_t version; /* in: wanted version; out: version in force */
};
typedef struct gnttab_set_version gnttab_set_version_t;
_Static_assert(sizeof(struct gnttab_set_version) == 4, "gnttab_set_version size");

struct gnttab_get_version {
    domid_t  dom;
    uint16_t pad;
    uint32_t version;
};
typedef struct gnttab_get_version gnttab_get_version_t;
_Static_assert(sizeof(struct gnttab_get_version) == 8, "gnttab_get_version size");

struct gnttab_swap_grant_ref {
    grant_ref_t ref_a;
    grant_ref_t ref_b;
    int16_t     status;
};
typedef struct gnttab_swap_grant_ref gnttab_swap_grant_ref_t;
_Static_assert(sizeof(struct gnttab_swap_grant_ref) == 12, "gnttab_swap_grant_ref size");

#endif /* !__ASSEMBLY__ */

#endif
