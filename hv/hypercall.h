/* Hypercall dispatch: a table of {handler, name, nargs} indexed by Xen's hypercall number.
 * Every handler has the same shape: up to five untrusted 64-bit arguments in, a result (0,
 * a value, or a negative Xen errno) out. The handlers live with the state they change. */
#ifndef HV_HYPERCALL_H
#define HV_HYPERCALL_H

#include "hv/env.h"

typedef long (*hcall_fn_t)(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5);

struct hcall_desc {
    hcall_fn_t fn;
    const char *name;
    unsigned nargs;
};

#define NR_HYPERCALLS 64

/* The descriptor for nr, or NULL when Keel does not implement it. */
const struct hcall_desc *hypercall_lookup(uint64_t nr);

/* Runs hypercall nr with args; -XEN_ENOSYS for an unknown number. */
long hypercall_do(uint64_t nr, const uint64_t args[5]);

/* Handlers implemented across hv/ (each documented where it is defined). */
long hc_set_trap_table(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_stack_switch(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_set_callbacks(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_fpu_taskswitch(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_xen_version(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_console_io(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_vm_assist(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_iret(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_set_segment_base(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_sched_op(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_callback_op(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_multicall(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_trace_op(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
long hc_debug_op(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

/* Reads trace= and tracebuf= and starts the recorder (hv/trace_port.c). */
void trace_boot_init(const char *cmdline);

#endif
