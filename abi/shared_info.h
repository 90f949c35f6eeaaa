/* The shared_info page the hypervisor maps for each domain and the per-vCPU vcpu_info inside
 * it: event-channel bitmaps, wallclock and system time. Layouts equal Xen 4.17's <xen/xen.h>;
 * the hypervisor writes time fields under an odd-while-updating version counter. */
#ifndef ABI_SHARED_INFO_H
#define ABI_SHARED_INFO_H

#include "abi/types.h"

/* vCPUs that have a vcpu_info in shared_info (more need VCPUOP_register_vcpu_info). */
#define XEN_LEGACY_MAX_VCPUS 32

/* vcpu_time_info.flags */
#define XEN_PVCLOCK_TSC_STABLE_BIT (1 << 0) /* TSC is synchronised across vCPUs */
#define XEN_PVCLOCK_GUEST_STOPPED  (1 << 1) /* the vCPU was paused */

#ifndef __ASSEMBLY__

/*
 * System time of one vCPU. The guest reads version, then the fields, then version again,
 * and retries while version is odd or changed. Current time in ns since boot:
 *   system_time + ((((tsc - tsc_timestamp) << tsc_shift) * tsc_to_system_mul) >> 32)
 * (a negative tsc_shift shifts right).
 */
struct vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp;     /* TSC at the last update */
    uint64_t system_time;       /* ns since boot at tsc_timestamp */
    uint32_t tsc_to_system_mul; /* 32.32 fixed-point ns per (shifted) TSC tick */
    int8_t   tsc_shift;
    uint8_t  flags;             /* XEN_PVCLOCK_* */
    uint8_t  pad1[2];
};
typedef struct vcpu_time_info vcpu_time_info_t;
_Static_assert(sizeof(struct vcpu_time_info) == 32, "vcpu_time_info size");
_Static_assert(offsetof(struct vcpu_time_info, tsc_timestamp) == 8, "tsc_timestamp");
_Static_assert(offsetof(struct vcpu_time_info, system_time) == 16, "system_time");
_Static_assert(offsetof(struct vcpu_time_info, tsc_to_system_mul) == 24, "tsc_to_system_mul");
_Static_assert(offsetof(struct vcpu_time_info, tsc_shift) == 28, "tsc_shift");
_Static_assert(offsetof(struct vcpu_time_info, flags) == 29, "vcpu_time_info.flags");

/* x86 part of vcpu_info: the guest reads its page-fault address from cr2. */
struct arch_vcpu_info {
    uint64_t cr2;
    uint64_t pad; /* keeps vcpu_info at 64 bytes */
};
typedef struct arch_vcpu_info arch_vcpu_info_t;
_Static_assert(sizeof(struct arch_vcpu_info) == 16, "arch_vcpu_info size");

/*
 * Per-vCPU event state. The hypervisor sets evtchn_upcall_pending (and a bit in
 * evtchn_pending_sel per pending word of shared_info.evtchn_pending); the guest clears it
 * before scanning. evtchn_upcall_mask != 0 holds off the event upcall, like a cleared IF.
 */
struct vcpu_info {
    uint8_t evtchn_upcall_pending;
    uint8_t evtchn_upcall_mask;
    xen_ulong_t evtchn_pending_sel;
    struct arch_vcpu_info arch;
    struct vcpu_time_info time;
};
typedef struct vcpu_info vcpu_info_t;
_Static_assert(sizeof(struct vcpu_info) == 64, "vcpu_info size");
_Static_assert(offsetof(struct vcpu_info, evtchn_upcall_mask) == 1, "evtchn_upcall_mask");
_Static_assert(offsetof(struct vcpu_info, evtchn_pending_sel) == 8, "evtchn_pending_sel");
_Static_assert(offsetof(struct vcpu_info, arch) == 16, "vcpu_info.arch");
_Static_assert(offsetof(struct vcpu_info, time) == 32, "vcpu_info.time");

/* x86 part of shared_info: where the guest publishes its p2m for the toolstack. */
struct arch_shared_info {
    xen_ulong_t max_pfn;                    /* entries in the p2m */
    xen_pfn_t   pfn_to_mfn_frame_list_list; /* frame of the 3-level p2m tree, 0 = none */
    xen_ulong_t nmi_reason;
    xen_ulong_t p2m_cr3;                    /* address space of p2m_vaddr, 0 = unused */
    xen_ulong_t p2m_vaddr;                  /* VA of the linear p2m list */
    xen_ulong_t p2m_generation;             /* odd while the guest changes the p2m mapping */
};
typedef struct arch_shared_info arch_shared_info_t;
_Static_assert(sizeof(struct arch_shared_info) == 48, "arch_shared_info size");

/* One bit per 2-level event channel: 64 words of 64 bits. */
#define XEN_EVTCHN_2L_WORDS (sizeof(xen_ulong_t) * 8) /* Keel's name */

/* The shared_info page (one frame, DOMID_XEN-owned, mapped by the guest). */
struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
    xen_ulong_t evtchn_pending[XEN_EVTCHN_2L_WORDS]; /* set by hv, cleared by guest */
    xen_ulong_t evtchn_mask[XEN_EVTCHN_2L_WORDS];    /* set and cleared by guest only */
    uint32_t wc_version; /* wallclock at system time 0, same protocol as vcpu_time_info */
    uint32_t wc_sec;
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;
    struct arch_shared_info arch;
};
typedef struct shared_info shared_info_t;
_Static_assert(sizeof(struct shared_info) == 3136, "shared_info size");
_Static_assert(offsetof(struct shared_info, evtchn_pending) == 2048, "evtchn_pending");
_Static_assert(offsetof(struct shared_info, evtchn_mask) == 2560, "evtchn_mask");
_Static_assert(offsetof(struct shared_info, wc_version) == 3072, "wc_version");
_Static_assert(offsetof(struct shared_info, wc_sec_hi) == 3084, "wc_sec_hi");
_Static_assert(offsetof(struct shared_info, arch) == 3088, "shared_info.arch");

#endif /* !__ASSEMBLY__ */

#endif
