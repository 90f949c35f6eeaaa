/* callback_op: register the guest's entry points for events, failsafe returns, system calls
 * from guest user mode and NMIs (Xen 4.17 <xen/callback.h>). */
#ifndef ABI_CALLBACK_H
#define ABI_CALLBACK_H

#include "abi/types.h"

#define CALLBACKTYPE_event               0 /* event-channel upcall */
#define CALLBACKTYPE_failsafe            1 /* a return to the guest faulted on its segments */
#define CALLBACKTYPE_syscall             2 /* SYSCALL from guest user mode */
#define CALLBACKTYPE_sysenter_deprecated 3
#define CALLBACKTYPE_nmi                 4
#define CALLBACKTYPE_sysenter            5 /* 32-bit user mode only */
#define CALLBACKTYPE_syscall32           7 /* 32-bit user mode only */

/* callback_register.flags */
#define _CALLBACKF_mask_events 0
#define CALLBACKF_mask_events  (1U << _CALLBACKF_mask_events) /* set the upcall mask on entry */

#define CALLBACKOP_register   0 /* arg: struct callback_register */
#define CALLBACKOP_unregister 1 /* arg: struct callback_unregister */

#ifndef __ASSEMBLY__

struct callback_register {
    uint16_t       type;    /* CALLBACKTYPE_* */
    uint16_t       flags;   /* CALLBACKF_* */
    xen_callback_t address; /* entry VA */
};
typedef struct callback_register callback_register_t;
_Static_assert(sizeof(struct callback_register) == 16, "callback_register size");
_Static_assert(offsetof(struct callback_register, flags) == 2, "callback_register.flags");
_Static_assert(offsetof(struct callback_register, address) == 8, "callback_register.address");

struct callback_unregister {
    uint16_t type; /* CALLBACKTYPE_* */
    uint16_t _unused;
};
typedef struct callback_unregister callback_unregister_t;
_Static_assert(sizeof(struct callback_unregister) == 4, "callback_unregister size");

#endif /* !__ASSEMBLY__ */

#endif
