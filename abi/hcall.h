/* Hypercall numbers of the Xen 4.17 x86_64 PV ABI and, for each, Keel's calling contract.
 * Numbers are Xen's (interface version 0x00040e00); none is invented here.
 *
 * Calling convention (64-bit PV, guest kernel mode): `syscall` with rax = number and the
 * arguments in rdi, rsi, rdx, r10, r8 (r9 = sixth). The result comes back in rax: 0 or a
 * positive value on success, a negated abi/errno.h value on failure (-XEN_EINVAL, ...). Only
 * rax, rcx and r11 change. A guest address argument ("VA") is validated before use: it must be
 * canonical, below HYPERVISOR_VIRT_START, mapped and accessible to the guest, else -EFAULT and
 * nothing changes. A sub-op ("cmd") Keel does not implement returns -ENOSYS, as does every
 * number marked "not implemented" below and every number not listed. */
#ifndef ABI_HCALL_H
#define ABI_HCALL_H

/* set_trap_table(traps)
 *   rdi traps  VA of struct trap_info[] ended by an entry whose address is 0; 0 clears the table
 *   Result 0. Errors: -EFAULT (list unreadable), -EINVAL (no terminator within 256 entries:
 *   Keel's bound on the work; Xen instead preempts and continues). */
#define __HYPERVISOR_set_trap_table 0

/* mmu_update(req, count, pdone, foreigndom)
 *   rdi req         VA of struct mmu_update[count] (abi/mmu.h)
 *   rsi count       number of requests
 *   rdx pdone       VA of a uint32_t that receives the number of requests done, or 0
 *   r10 foreigndom  DOMID_SELF (naming oneself by number is refused, as in Xen)
 *   Result 0 when every request is done; on an error the requests before the failing one stay
 *   done, the rest are not attempted, and *pdone says how many were done. Errors (Xen's):
 *   -EFAULT (req or pdone inaccessible), -ENOSYS (unknown command in ptr &
 *   MMU_UPDATE_CMD_MASK), -EINVAL (count above the batch limit, ptr not in a page-table frame
 *   of the caller, disallowed or reserved bits for the level, a next-level frame that is not
 *   the caller's or fails validation, a hypervisor slot), -EBUSY (an L1 entry that maps a
 *   frame of another domain, or maps a page-table frame writable), -EPERM (I/O memory without
 *   I/O privilege), -ESRCH (foreigndom is not DOMID_SELF). */
#define __HYPERVISOR_mmu_update 1

/* set_gdt(frames, entries)
 *   rdi frames   VA of xen_pfn_t[] naming the guest's GDT frames (ceil(entries/512) of them)
 *   rsi entries  number of descriptors, at most FIRST_RESERVED_GDT_ENTRY
 *   Result 0. Errors: -EFAULT, -EINVAL (too many entries, a frame not owned or holding an
 *   invalid descriptor). */
#define __HYPERVISOR_set_gdt 2

/* stack_switch(ss, sp)
 *   rdi ss  kernel stack segment (RPL forced to 3, as Xen does)   rsi sp  kernel stack pointer
 *   Records where bounce frames from guest user mode go. Result 0. No errors. */
#define __HYPERVISOR_stack_switch 3

/* set_callbacks(event, failsafe, syscall)
 *   rdi event  VA of the event upcall handler   rsi failsafe  VA of the failsafe handler
 *   rdx syscall  VA of the user-mode syscall handler (0 = none)
 *   Result 0. Errors: -EINVAL (non-canonical or hypervisor address). */
#define __HYPERVISOR_set_callbacks 4

/* fpu_taskswitch(set)
 *   rdi set  non-zero sets CR0.TS for the vCPU, zero clears it
 *   Result 0. No errors. */
#define __HYPERVISOR_fpu_taskswitch 5

/* sched_op_compat: pre-3.0.1 form of sched_op. Not implemented (-ENOSYS). */
#define __HYPERVISOR_sched_op_compat 6

/* platform_op: dom0 platform control. Not implemented (-ENOSYS). */
#define __HYPERVISOR_platform_op 7

/* set_debugreg(reg, value) / get_debugreg(reg): debug registers. Not implemented (-ENOSYS). */
#define __HYPERVISOR_set_debugreg 8
#define __HYPERVISOR_get_debugreg 9

/* update_descriptor(maddr, desc)
 *   rdi maddr  machine address of an 8-byte GDT/LDT slot in a frame of type seg_desc
 *   rsi desc   new descriptor
 *   Result 0. Errors: -EINVAL (misaligned maddr, frame not owned or not a descriptor page,
 *   descriptor refused by the checker). */
#define __HYPERVISOR_update_descriptor 10

/* memory_op(cmd, arg)
 *   rdi cmd  XENMEM_* (abi/memory.h); bits 6 and up are a continuation start extent
 *   rsi arg  VA of the cmd's struct
 *   Result: reservation cmds return the number of extents done; XENMEM_maximum_reservation
 *   returns the page limit; others 0. Errors: -EFAULT, -EINVAL (bad domid, extent order, or
 *   count), -EPERM (another domain without privilege), -ESRCH (no such domain), -ENOMEM,
 *   -ENOSYS (other cmds). */
#define __HYPERVISOR_memory_op 12

/* multicall(list, count)
 *   rdi list   VA of struct multicall_entry[count] (abi/xen.h)
 *   rsi count  number of entries
 *   Runs each entry as if issued alone and stores its rax in entry.result. Stops early at an
 *   entry that is itself a multicall or changes privilege (iret) and leaves the rest undone.
 *   Result 0 (per-entry results are in the list). Errors: -EFAULT (list inaccessible),
 *   -EINVAL (count above the batch limit). */
#define __HYPERVISOR_multicall 13

/* update_va_mapping(va, val, flags)
 *   rdi va     guest VA whose L1 entry changes (the L1 is found through the current L4)
 *   rsi val    new PTE
 *   rdx flags  UVMF_* (abi/mmu.h): flush type in bits 0-1, UVMF_ALL for all vCPUs
 *   Result 0. Errors (Xen's): -EINVAL (va not mapped down to an L1 of the caller, disallowed
 *   or reserved PTE bits, bad flags), -EBUSY (val maps a frame of another domain or a
 *   page-table frame writable), -EPERM (I/O memory without I/O privilege). */
#define __HYPERVISOR_update_va_mapping 14

/* set_timer_op(timeout)
 *   rdi timeout  absolute system time in ns (vcpu_time_info), 0 cancels
 *   Raises VIRQ_TIMER once the time has passed (at once if it already has). Result 0. */
#define __HYPERVISOR_set_timer_op 15

/* event_channel_op_compat(op)
 *   rdi op  VA of struct evtchn_op (abi/evtchn.h): cmd and its struct, read whole (-EFAULT)
 *   Runs cmd as event_channel_op does on the embedded struct; reset and later cmds -ENOSYS. */
#define __HYPERVISOR_event_channel_op_compat 16

/* xen_version(cmd, arg)
 *   rdi cmd  XENVER_* (abi/version.h)   rsi arg  VA of the cmd's buffer (unused by some cmds)
 *   Result: XENVER_version returns (major << 16) | minor; XENVER_pagesize 4096; others 0.
 *   Errors: -EFAULT (buffer inaccessible), -EINVAL (get_features submap_idx out of range),
 *   -ENOSYS (other cmds). */
#define __HYPERVISOR_xen_version 17

/* console_io(cmd, count, buf)
 *   rdi cmd  CONSOLEIO_write or CONSOLEIO_read (abi/console_io.h)
 *   rsi count  bytes   rdx buf  VA of the bytes
 *   Result: write returns 0, read the number of bytes read (0 if none waiting).
 *   Errors: -EFAULT (buf inaccessible), -EINVAL (count too large), -ENOSYS (other cmds). */
#define __HYPERVISOR_console_io 18

/* physdev_op_compat: pre-3.2 form of physdev_op. Not implemented (-ENOSYS). */
#define __HYPERVISOR_physdev_op_compat 19

/* grant_table_op(cmd, uop, count)
 *   rdi cmd  GNTTABOP_* (abi/grant.h)   rsi uop  VA of the cmd's struct[count]   rdx count
 *   Result 0; each struct's status field holds its own GNTST_* result. Errors: -EFAULT,
 *   -EINVAL (count above the batch limit), -ENOSYS (other cmds). */
#define __HYPERVISOR_grant_table_op 20

/* vm_assist(cmd, type)
 *   rdi cmd  VMASST_CMD_enable or VMASST_CMD_disable   rsi type  VMASST_TYPE_* (abi/xen.h)
 *   Result 0. Errors: -EINVAL (a type Keel does not offer to x86_64 PV guests), -ENOSYS
 *   (other cmds). */
#define __HYPERVISOR_vm_assist 21

/* update_va_mapping_otherdomain: maps into another domain. Not implemented (-ENOSYS). */
#define __HYPERVISOR_update_va_mapping_otherdomain 22

/* iret()
 *   No register arguments: the guest pushed a struct iret_context (abi/arch_x86.h) and rsp
 *   points at it. Returns to the saved context (to guest user mode if cs RPL is 3) and does
 *   not come back; rax is the saved rax. A frame that cannot be read or a return to user
 *   mode without a user page table crashes the domain. */
#define __HYPERVISOR_iret 23

/* vcpu_op(cmd, vcpuid, arg)
 *   rdi cmd  VCPUOP_* (abi/vcpu.h)   rsi vcpuid  target vCPU   rdx arg  VA of the cmd's struct
 *   Result 0 (VCPUOP_is_up: 1 or 0). Errors: -ENOENT (no such vCPU), -EFAULT, -EINVAL (bad
 *   field, e.g. a vcpu_info that crosses a page), -EEXIST (vcpu_info already registered),
 *   -ETIME (singleshot timer in the past with VCPU_SSHOTTMR_future), -ENOSYS (other cmds). */
#define __HYPERVISOR_vcpu_op 24

/* set_segment_base(which, base)
 *   rdi which  SEGBASE_* (abi/arch_x86.h)   rsi base  new base, or selector for GS_USER_SEL
 *   Result 0. Errors: -EINVAL (unknown which, non-canonical base, unusable selector). */
#define __HYPERVISOR_set_segment_base 25

/* mmuext_op(ops, count, pdone, foreigndom)
 *   rdi ops  VA of struct mmuext_op[count] (abi/mmu.h)   rsi count
 *   rdx pdone  VA of a uint32_t that receives the number done, or 0
 *   r10 foreigndom  DOMID_SELF
 *   Result 0 when every op is done; otherwise the ops before the failing one stay done and
 *   *pdone says how many. Errors: -EFAULT (ops or pdone inaccessible), -ENOSYS (unknown cmd),
 *   -EINVAL (count above the batch limit, a frame not owned, a pin of a frame that fails
 *   validation or is already pinned, an unpin of a frame not pinned, NEW_BASEPTR to a frame
 *   that is not a valid L4, a bad vcpumask), -ESRCH (foreigndom is not DOMID_SELF). */
#define __HYPERVISOR_mmuext_op 26

/* xsm_op, nmi_op: security modules and NMI callbacks. Not implemented (-ENOSYS). */
#define __HYPERVISOR_xsm_op 27
#define __HYPERVISOR_nmi_op 28

/* sched_op(cmd, arg)
 *   rdi cmd  SCHEDOP_* (abi/sched.h)   rsi arg  VA of the cmd's struct (unused for yield/block)
 *   Result 0; SCHEDOP_shutdown does not return. Errors: -EFAULT, -EINVAL (unknown shutdown
 *   reason, too many poll ports), -ENOSYS (other cmds). */
#define __HYPERVISOR_sched_op 29

/* callback_op(cmd, arg)
 *   rdi cmd  CALLBACKOP_register or CALLBACKOP_unregister (abi/callback.h)
 *   rsi arg  VA of struct callback_register / callback_unregister
 *   Result 0. Errors: -EFAULT, -EINVAL (type not supported for x86_64 PV, bad flags, or
 *   unregistering the event or failsafe callback), -ENOSYS (other cmds). */
#define __HYPERVISOR_callback_op 30

/* xenoprof_op: profiling. Not implemented (-ENOSYS). */
#define __HYPERVISOR_xenoprof_op 31

/* event_channel_op(cmd, arg)
 *   rdi cmd  EVTCHNOP_* (abi/evtchn.h)   rsi arg  VA of the cmd's struct
 *   Result 0; output fields (port, status) are written back into the struct. Errors:
 *   -EFAULT, -EINVAL (port out of range or not bound, bad virq, global virq on vcpu != 0),
 *   -ENOENT (no such vcpu), -EPERM (another domain's port without privilege), -ESRCH (no such
 *   domain), -ENOSPC (no free port), -EEXIST (virq already bound), -ENOSYS (bind_pirq, the
 *   FIFO ABI's cmds and unknown ones). */
#define __HYPERVISOR_event_channel_op 32

/* physdev_op(cmd, arg)
 *   rdi cmd  PHYSDEVOP_* (abi/physdev.h)   rsi arg  VA of the cmd's struct
 *   Result 0. Errors: -EFAULT, -EINVAL, -ENOSYS (other cmds). */
#define __HYPERVISOR_physdev_op 33

/* hvm_op, sysctl, domctl, kexec_op, tmem_op, argo_op, xenpmu_op, dm_op, hypfs_op: HVM, toolstack
 * and platform interfaces. Not implemented (-ENOSYS). */
#define __HYPERVISOR_hvm_op 34
#define __HYPERVISOR_sysctl 35
#define __HYPERVISOR_domctl 36
#define __HYPERVISOR_kexec_op 37
#define __HYPERVISOR_tmem_op 38
#define __HYPERVISOR_argo_op 39
#define __HYPERVISOR_xenpmu_op 40
#define __HYPERVISOR_dm_op 41
#define __HYPERVISOR_hypfs_op 42

/* Numbers Xen reserves for architecture-specific hypercalls (none defined on x86). */
#define __HYPERVISOR_arch_0 48
#define __HYPERVISOR_arch_1 49
#define __HYPERVISOR_arch_2 50
#define __HYPERVISOR_arch_3 51
#define __HYPERVISOR_arch_4 52
#define __HYPERVISOR_arch_5 53
#define __HYPERVISOR_arch_6 54
#define __HYPERVISOR_arch_7 55

/* The optional hypercall page (XEN_ELFNOTE_HYPERCALL_PAGE): one 32-byte stub per number. */
#define HYPERCALL_STUB_SIZE 32
#define HYPERCALL_PAGE_STUBS 128

#endif
