/* vcpu_op sub-ops and their argument structs (Xen 4.17 <xen/vcpu.h>): vCPU bring-up, timers,
 * runstate reporting and relocating vcpu_info out of shared_info. */
#ifndef ABI_VCPU_H
#define ABI_VCPU_H

#include "abi/types.h"

#define VCPUOP_initialise                     0  /* arg: struct vcpu_guest_context */
#define VCPUOP_up                             1  /* arg unused */
#define VCPUOP_down                           2  /* arg unused */
#define VCPUOP_is_up                          3  /* result 1 if up, 0 if down */
#define VCPUOP_get_runstate_info              4  /* arg: struct vcpu_runstate_info (out) */
#define VCPUOP_register_runstate_memory_area  5  /* arg: struct vcpu_register_runstate_memory_area */
#define VCPUOP_set_periodic_timer             6  /* arg: struct vcpu_set_periodic_timer */
#define VCPUOP_stop_periodic_timer            7  /* arg unused */
#define VCPUOP_set_singleshot_timer           8  /* arg: struct vcpu_set_singleshot_timer */
#define VCPUOP_stop_singleshot_timer          9  /* arg unused */
#define VCPUOP_register_vcpu_info             10 /* arg: struct vcpu_register_vcpu_info */
#define VCPUOP_send_nmi                       11 /* arg unused */
#define VCPUOP_get_physid                     12 /* arg: struct vcpu_get_physid (out) */
#define VCPUOP_register_vcpu_time_memory_area 13 /* arg: struct vcpu_register_time_memory_area */

/* vcpu_runstate_info.state */
#define RUNSTATE_running  0
#define RUNSTATE_runnable 1
#define RUNSTATE_blocked  2
#define RUNSTATE_offline  3
#define RUNSTATE_COUNT    4 /* Keel's name: entries of vcpu_runstate_info.time */

/* Set in state_entry_time while the hypervisor updates the runstate area
 * (VMASST_TYPE_runstate_update_flag). */
#define XEN_RUNSTATE_UPDATE (xen_mk_ullong(1) << 63)

/* vcpu_set_singleshot_timer.flags */
#define _VCPU_SSHOTTMR_future 0
#define VCPU_SSHOTTMR_future  (1U << _VCPU_SSHOTTMR_future) /* -ETIME if already passed */

#ifndef __ASSEMBLY__

struct vcpu_runstate_info {
    int32_t  state;                  /* RUNSTATE_* */
    uint64_t state_entry_time;       /* system time of the last state change */
    uint64_t time[RUNSTATE_COUNT];   /* ns spent in each state */
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
_Static_assert(sizeof(struct vcpu_runstate_info) == 48, "vcpu_runstate_info size");
_Static_assert(offsetof(struct vcpu_runstate_info, state_entry_time) == 8, "state_entry_time");
_Static_assert(offsetof(struct vcpu_runstate_info, time) == 16, "runstate time");

/* Xen's addr union (handle / pointer / u64) is one guest VA. */
struct vcpu_register_runstate_memory_area {
    union {
        xen_guest_handle_t h; /* VA of struct vcpu_runstate_info */
        uint64_t v;
        uint64_t p;
    } addr;
};
typedef struct vcpu_register_runstate_memory_area vcpu_register_runstate_memory_area_t;
_Static_assert(sizeof(struct vcpu_register_runstate_memory_area) == 8, "runstate area size");

struct vcpu_set_periodic_timer {
    uint64_t period_ns;
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;
_Static_assert(sizeof(struct vcpu_set_periodic_timer) == 8, "vcpu_set_periodic_timer size");

struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns; /* absolute system time */
    uint32_t flags;          /* VCPU_SSHOTTMR_* */
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
_Static_assert(sizeof(struct vcpu_set_singleshot_timer) == 16, "singleshot size");
_Static_assert(offsetof(struct vcpu_set_singleshot_timer, flags) == 8, "singleshot.flags");

/* Move this vCPU's vcpu_info to (mfn, offset); it must not cross the page. */
struct vcpu_register_vcpu_info {
    uint64_t mfn;
    uint32_t offset;
    uint32_t rsvd; /* must be zero */
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
_Static_assert(sizeof(struct vcpu_register_vcpu_info) == 16, "register_vcpu_info size");
_Static_assert(offsetof(struct vcpu_register_vcpu_info, offset) == 8, "register_vcpu_info.offset");
_Static_assert(offsetof(struct vcpu_register_vcpu_info, rsvd) == 12, "register_vcpu_info.rsvd");

struct vcpu_get_physid {
    uint64_t phys_id;
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
_Static_assert(sizeof(struct vcpu_get_physid) == 8, "vcpu_get_physid size");

struct vcpu_register_time_memory_area {
    union {
        xen_guest_handle_t h; /* VA of struct vcpu_time_info */
        uint64_t v;
        uint64_t p;
    } addr;
};
typedef struct vcpu_register_time_memory_area vcpu_register_time_memory_area_t;
_Static_assert(sizeof(struct vcpu_register_time_memory_area) == 8, "time area size");

#endif /* !__ASSEMBLY__ */

#endif
