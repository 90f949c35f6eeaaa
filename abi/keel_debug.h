/* Keel's debug hypercall (a Keel extension; Xen has no equivalent): lets a test guest ask the
 * hypervisor to check its own invariants, such as the MMU audit after each hostile scenario.
 * It changes no state; every result is a count or a negative Xen errno. */
#ifndef ABI_KEEL_DEBUG_H
#define ABI_KEEL_DEBUG_H

/*
 * Number 57: the next of the numbers Xen 4.17 leaves free at the top of its 64-entry table,
 * after Keel's trace_op (56, abi/keel_trace.h); 63 stays -ENOSYS for guests probing.
 *
 *   rax = KEEL_HYPERVISOR_debug_op, rdi = cmd, rsi = arg (unused by the commands below, 0)
 *
 *   KEEL_DEBUGOP_audit: runs the frame-table audit (hv/mm/audit.c) over every running
 *                       domain's pins, base pointers and page tables; result = the number of
 *                       mismatches found (>= 0, 0 when every count is accounted for). The
 *                       hypervisor prints each mismatch on its console.
 *   errors: -ENOSYS  the audit is off (no audit=1 on the hypervisor command line), or cmd
 *                    is unknown
 *           -EINVAL  arg is not 0
 * Any domain may call it: it reads state only, and only when the machine was booted to test.
 */
#define KEEL_HYPERVISOR_debug_op 57
#define KEEL_DEBUGOP_audit 0

#endif
