/* The PV block protocol (Xen 4.17 <xen/io/blkif.h>): request, segment and response entries
 * and the one-page shared ring carrying them (layout of Xen's io/ring.h; ring/ring.h drives it). */
#ifndef ABI_IO_BLKIF_H
#define ABI_IO_BLKIF_H

#include "abi/types.h"

#define BLKIF_OP_READ            0
#define BLKIF_OP_WRITE           1
#define BLKIF_OP_WRITE_BARRIER   2
#define BLKIF_OP_FLUSH_DISKCACHE 3
#define BLKIF_OP_RESERVED_1      4
#define BLKIF_OP_DISCARD         5
#define BLKIF_OP_INDIRECT        6

#define BLKIF_MAX_SEGMENTS_PER_REQUEST       11
#define BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST 8

/* blkif_response.status */
#define BLKIF_RSP_EOPNOTSUPP -2
#define BLKIF_RSP_ERROR      -1
#define BLKIF_RSP_OKAY       0

/* blkif_request_discard.flag */
#define BLKIF_DISCARD_SECURE (1 << 0)

/* Backend "info" node bits. */
#define VDISK_CDROM     0x1
#define VDISK_REMOVABLE 0x2
#define VDISK_READONLY  0x4

/* Keel's names: the sector unit and the ring geometry of a one-page blkif ring. */
#define BLKIF_SECTOR_SIZE     512
#define BLKIF_RING_HDR_SIZE   64
#define BLKIF_RING_PVT_SIZE   4
#define BLKIF_RING_PAD_SIZE   44
#define BLKIF_RING_SIZE       32 /* entries: largest power of two fitting one page */

#ifndef __ASSEMBLY__

typedef uint16_t blkif_vdev_t;   /* Xen defines it as a macro */
typedef uint64_t blkif_sector_t; /* in 512-byte sectors; Xen defines it as a macro */

/* Sectors first_sect..last_sect (inclusive, 0-7) of the granted frame gref. */
struct blkif_request_segment {
    grant_ref_t gref;
    uint8_t     first_sect, last_sect;
};
_Static_assert(sizeof(struct blkif_request_segment) == 8, "blkif_request_segment size");
_Static_assert(offsetof(struct blkif_request_segment, first_sect) == 4, "seg.first_sect");
_Static_assert(offsetof(struct blkif_request_segment, last_sect) == 5, "seg.last_sect");

struct blkif_request {
    uint8_t        operation;   /* BLKIF_OP_* */
    uint8_t        nr_segments; /* 1..BLKIF_MAX_SEGMENTS_PER_REQUEST (0 for a flush) */
    blkif_vdev_t   handle;      /* only for a backend serving several disks on one ring */
    uint64_t       id;          /* echoed in the response */
    blkif_sector_t sector_number;
    struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};
typedef struct blkif_request blkif_request_t;
_Static_assert(sizeof(struct blkif_request) == 112, "blkif_request size");
_Static_assert(offsetof(struct blkif_request, handle) == 2, "blkif_request.handle");
_Static_assert(offsetof(struct blkif_request, id) == 8, "blkif_request.id");
_Static_assert(offsetof(struct blkif_request, sector_number) == 16, "blkif_request.sector");
_Static_assert(offsetof(struct blkif_request, seg) == 24, "blkif_request.seg");

struct blkif_request_discard {
    uint8_t        operation; /* BLKIF_OP_DISCARD */
    uint8_t        flag;      /* BLKIF_DISCARD_* */
    blkif_vdev_t   handle;
    uint64_t       id;
    blkif_sector_t sector_number;
    uint64_t       nr_sectors;
};
typedef struct blkif_request_discard blkif_request_discard_t;
_Static_assert(sizeof(struct blkif_request_discard) == 32, "blkif_request_discard size");

struct blkif_request_indirect {
    uint8_t        operation;   /* BLKIF_OP_INDIRECT */
    uint8_t        indirect_op; /* BLKIF_OP_READ or BLKIF_OP_WRITE */
    uint16_t       nr_segments;
    uint64_t       id;
    blkif_sector_t sector_number;
    blkif_vdev_t   handle;
    grant_ref_t    indirect_grefs[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
};
typedef struct blkif_request_indirect blkif_request_indirect_t;
_Static_assert(sizeof(struct blkif_request_indirect) == 64, "blkif_request_indirect size");
_Static_assert(offsetof(struct blkif_request_indirect, indirect_grefs) == 28, "indirect_grefs");

struct blkif_response {
    uint64_t id;        /* copied from the request */
    uint8_t  operation; /* copied from the request */
    int16_t  status;    /* BLKIF_RSP_* */
};
typedef struct blkif_response blkif_response_t;
_Static_assert(sizeof(struct blkif_response) == 16, "blkif_response size");
_Static_assert(offsetof(struct blkif_response, operation) == 8, "blkif_response.operation");
_Static_assert(offsetof(struct blkif_response, status) == 10, "blkif_response.status");

/* A slot holds a request until the backend overwrites it with the response. */
union blkif_sring_entry {
    struct blkif_request  req;
    struct blkif_response rsp;
};
_Static_assert(sizeof(union blkif_sring_entry) == 112, "blkif_sring_entry size");

/* One shared page: 64-byte header, then BLKIF_RING_SIZE slots (Xen declares ring[1] and
 * sizes it at run time; the page-sized count is fixed here). */
struct blkif_sring {
    uint32_t req_prod, req_event;
    uint32_t rsp_prod, rsp_event;
    uint8_t  pvt[BLKIF_RING_PVT_SIZE];
    uint8_t  pad[BLKIF_RING_PAD_SIZE];
    union blkif_sring_entry ring[BLKIF_RING_SIZE];
};
_Static_assert(offsetof(struct blkif_sring, ring) == BLKIF_RING_HDR_SIZE, "blkif_sring header");
_Static_assert(sizeof(struct blkif_sring) <= XEN_PAGE_SIZE, "blkif_sring fits a page");
_Static_assert(sizeof(struct blkif_sring) + sizeof(union blkif_sring_entry) * BLKIF_RING_SIZE >
               XEN_PAGE_SIZE, "BLKIF_RING_SIZE is the largest power of two that fits");

#endif /* !__ASSEMBLY__ */

#endif
