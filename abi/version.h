/* xen_version sub-ops and their buffers (Xen 4.17 <xen/version.h>). Keel reports the Xen
 * version whose ABI it follows, so guests take their Xen 4.17 code paths. */
#ifndef ABI_VERSION_H
#define ABI_VERSION_H

#include "abi/features.h"
#include "abi/types.h"

#define XENVER_version             0  /* result: (major << 16) | minor; arg unused */
#define XENVER_extraversion        1  /* arg: xen_extraversion_t */
#define XENVER_compile_info        2  /* arg: struct xen_compile_info */
#define XENVER_capabilities        3  /* arg: xen_capabilities_info_t, e.g. "xen-3.0-x86_64 " */
#define XENVER_changeset           4  /* arg: xen_changeset_info_t */
#define XENVER_platform_parameters 5  /* arg: struct xen_platform_parameters */
#define XENVER_get_features        6  /* arg: struct xen_feature_info (in: submap_idx) */
#define XENVER_pagesize            7  /* result: page size; arg unused */
#define XENVER_guest_handle        8  /* arg: 16-byte domain handle */
#define XENVER_commandline         9  /* arg: xen_commandline_t */
#define XENVER_build_id            10 /* arg: struct xen_build_id */

/* Keel's names for the string buffer sizes below. */
#define XEN_EXTRAVERSION_SIZE      16
#define XEN_CAPABILITIES_INFO_SIZE 1024
#define XEN_CHANGESET_INFO_SIZE    64
#define XEN_COMMANDLINE_SIZE       1024
#define XEN_COMPILER_SIZE          64
#define XEN_COMPILE_BY_SIZE        16
#define XEN_COMPILE_DOMAIN_SIZE    32
#define XEN_COMPILE_DATE_SIZE      32

#ifndef __ASSEMBLY__

typedef char xen_extraversion_t[XEN_EXTRAVERSION_SIZE];
#define XEN_EXTRAVERSION_LEN (sizeof(xen_extraversion_t))

struct xen_compile_info {
    char compiler[XEN_COMPILER_SIZE];
    char compile_by[XEN_COMPILE_BY_SIZE];
    char compile_domain[XEN_COMPILE_DOMAIN_SIZE];
    char compile_date[XEN_COMPILE_DATE_SIZE];
};
typedef struct xen_compile_info xen_compile_info_t;
_Static_assert(sizeof(struct xen_compile_info) == 144, "xen_compile_info size");
_Static_assert(offsetof(struct xen_compile_info, compile_date) == 112, "compile_date");

typedef char xen_capabilities_info_t[XEN_CAPABILITIES_INFO_SIZE];
#define XEN_CAPABILITIES_INFO_LEN (sizeof(xen_capabilities_info_t))

typedef char xen_changeset_info_t[XEN_CHANGESET_INFO_SIZE];
#define XEN_CHANGESET_INFO_LEN (sizeof(xen_changeset_info_t))

typedef char xen_commandline_t[XEN_COMMANDLINE_SIZE];

/* Where the hypervisor's range starts (HYPERVISOR_VIRT_START on x86_64). */
struct xen_platform_parameters {
    xen_ulong_t virt_start;
};
typedef struct xen_platform_parameters xen_platform_parameters_t;
_Static_assert(sizeof(struct xen_platform_parameters) == 8, "xen_platform_parameters size");

/* One 32-bit word of the XENFEAT_* bitmap: the guest sets submap_idx, Keel fills submap. */
struct xen_feature_info {
    uint32_t submap_idx; /* word index, below XENFEAT_NR_SUBMAPS */
    uint32_t submap;     /* bit n = feature 32 * submap_idx + n */
};
typedef struct xen_feature_info xen_feature_info_t;
_Static_assert(sizeof(struct xen_feature_info) == 8, "xen_feature_info size");
_Static_assert(offsetof(struct xen_feature_info, submap) == 4, "xen_feature_info.submap");

/* Build id: len bytes follow (in: buffer size; out: id length). */
struct xen_build_id {
    uint32_t len;
    uint8_t  buf[];
};
typedef struct xen_build_id xen_build_id_t;
_Static_assert(sizeof(struct xen_build_id) == 4, "xen_build_id size");

#endif /* !__ASSEMBLY__ */

#endif
