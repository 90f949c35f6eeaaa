/* Core of the PV ABI, as Xen's <xen/xen.h> groups it: hypercall numbers, the x86_64 and MMU
 * definitions, reserved domain ids, VIRQs, vm_assist types and multicall entries. Including
 * this one header gives a guest everything <xen/xen.h> would. */
#ifndef ABI_XEN_H
#define ABI_XEN_H

#include "abi/arch_x86.h"
#include "abi/hcall.h"
#include "abi/mmu.h"
#include "abi/types.h"

/* Virtual interrupts, bound to ports with EVTCHNOP_bind_virq. V = per vCPU, G = global. */
#define VIRQ_TIMER      0  /* V: the set_timer_op / singleshot timer expired */
#define VIRQ_DEBUG      1  /* V: dump debug state */
#define VIRQ_CONSOLE    2  /* G: input on the emergency console (dom0) */
#define VIRQ_DOM_EXC    3  /* G: a domain crashed or shut down (dom0) */
#define VIRQ_TBUF       4  /* G: trace records available (dom0) */
#define VIRQ_DEBUGGER   6  /* G: a domain paused for debugging (dom0) */
#define VIRQ_XENOPROF   7  /* V */
#define VIRQ_CON_RING   8  /* G: console ring has data (dom0) */
#define VIRQ_PCPU_STATE 9  /* G (dom0) */
#define VIRQ_MEM_EVENT  10 /* G (dom0) */
#define VIRQ_ARGO       11 /* G */
#define VIRQ_ENOMEM     12 /* G: hypervisor low on memory (dom0) */
#define VIRQ_XENPMU     13 /* V */
#define VIRQ_ARCH_0     16
#define VIRQ_ARCH_1     17
#define VIRQ_ARCH_2     18
#define VIRQ_ARCH_3     19
#define VIRQ_ARCH_4     20
#define VIRQ_ARCH_5     21
#define VIRQ_ARCH_6     22
#define VIRQ_ARCH_7     23
#define NR_VIRQS        24

/* vm_assist(cmd, type) */
#define VMASST_CMD_enable                0
#define VMASST_CMD_disable               1
#define VMASST_TYPE_4gb_segments         0  /* 32-bit guests only */
#define VMASST_TYPE_4gb_segments_notify  1  /* 32-bit guests only */
#define VMASST_TYPE_writable_pagetables  2  /* trap-and-emulate writes to page tables */
#define VMASST_TYPE_pae_extended_cr3     3  /* 32-bit PAE guests only */
#define VMASST_TYPE_architectural_iopl   4  /* bounce frames show the virtual IOPL */
#define VMASST_TYPE_runstate_update_flag 5  /* XEN_RUNSTATE_UPDATE in the runstate area */
#define VMASST_TYPE_m2p_strict           32 /* M2P entries of foreign frames read invalid */

/* Domain ids from DOMID_FIRST_RESERVED up never name an ordinary domain. */
#define DOMID_FIRST_RESERVED xen_mk_uint(0x7FF0)
#define DOMID_SELF           xen_mk_uint(0x7FF0) /* the calling domain */
#define DOMID_IO             xen_mk_uint(0x7FF1) /* owner of I/O memory */
#define DOMID_XEN            xen_mk_uint(0x7FF2) /* owner of hypervisor frames (shared_info...) */
#define DOMID_COW            xen_mk_uint(0x7FF3) /* owner of shared copy-on-write frames */
#define DOMID_INVALID        xen_mk_uint(0x7FF4) /* unknown owner */
#define DOMID_IDLE           xen_mk_uint(0x7FFF) /* the idle domain */
#define DOMID_MASK           xen_mk_uint(0x7FFF)

/* Number of argument slots in a multicall entry. */
#define MULTICALL_NR_ARGS 6 /* Keel's name */

#ifndef __ASSEMBLY__

/* One call of a multicall batch: op = __HYPERVISOR_*, args as the registers would carry
 * them; the hypervisor writes the call's rax into result. */
struct multicall_entry {
    xen_ulong_t op, result;
    xen_ulong_t args[MULTICALL_NR_ARGS];
};
typedef struct multicall_entry multicall_entry_t;
_Static_assert(sizeof(struct multicall_entry) == 64, "multicall_entry size");
_Static_assert(offsetof(struct multicall_entry, result) == 8, "multicall_entry.result");
_Static_assert(offsetof(struct multicall_entry, args) == 16, "multicall_entry.args");

#endif /* !__ASSEMBLY__ */

#endif
