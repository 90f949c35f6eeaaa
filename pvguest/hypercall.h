/* pvguest's hypercall wrappers: hypercall_N() calls through the hypercall page the builder
 * wrote (slot nr at hypercall_page + nr * 32), hypercall_raw_N() issues `syscall` directly as
 * Linux and GRUB do. Both take the Xen 64-bit PV registers: rax = nr, args rdi rsi rdx r10 r8;
 * the result (0/positive or -XEN_E*) comes back in rax. Arguments are marked clobbered, so the
 * compiler never relies on the hypervisor preserving them (tests check that it does). */
#ifndef PVGUEST_HYPERCALL_H
#define PVGUEST_HYPERCALL_H

#include "abi/hcall.h"

/* Bytes per hypercall-page stub (Xen pv_ring3_init_hypercall_page). */
#define HYPERCALL_STUB_SIZE 32

#ifndef __ASSEMBLY__
#include <stdint.h>

extern char hypercall_page[];

/* Address of the hypercall-page stub for hypercall number nr. */
static inline uint64_t hypercall_stub(unsigned int nr)
{
    return (uint64_t)hypercall_page + (uint64_t)nr * HYPERCALL_STUB_SIZE;
}

/* Five-argument call through the hypercall page (the stub keeps rcx and r11). */
static inline long hypercall_5(unsigned int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                               uint64_t a4, uint64_t a5)
{
    register uint64_t r10 __asm__("r10") = a4;
    register uint64_t r8 __asm__("r8") = a5;
    long ret;

    __asm__ volatile("call *%[stub]"
                     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8)
                     : [stub] "r"(hypercall_stub(nr))
                     : "rcx", "r11", "memory");
    return ret;
}

/* Five-argument raw `syscall` hypercall (rcx and r11 are lost to SYSRET). */
static inline long hypercall_raw_5(unsigned int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                                   uint64_t a4, uint64_t a5)
{
    register uint64_t r10 __asm__("r10") = a4;
    register uint64_t r8 __asm__("r8") = a5;
    long ret;

    __asm__ volatile("syscall"
                     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8)
                     : "0"((uint64_t)nr)
                     : "rcx", "r11", "memory");
    return ret;
}

static inline long hypercall_1(unsigned int nr, uint64_t a1)
{
    return hypercall_5(nr, a1, 0, 0, 0, 0);
}

static inline long hypercall_2(unsigned int nr, uint64_t a1, uint64_t a2)
{
    return hypercall_5(nr, a1, a2, 0, 0, 0);
}

static inline long hypercall_3(unsigned int nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
    return hypercall_5(nr, a1, a2, a3, 0, 0);
}

/* Named wrappers for the calls pvguest itself relies on. Pointers are passed as VAs. */
static inline long hypercall_xen_version(int cmd, void *arg)
{
    return hypercall_2(__HYPERVISOR_xen_version, (uint64_t)cmd, (uint64_t)arg);
}

static inline long hypercall_console_io(int cmd, unsigned int count, const char *buf)
{
    return hypercall_3(__HYPERVISOR_console_io, (uint64_t)cmd, count, (uint64_t)buf);
}

static inline long hypercall_sched_op(int cmd, void *arg)
{
    return hypercall_2(__HYPERVISOR_sched_op, (uint64_t)cmd, (uint64_t)arg);
}

static inline long hypercall_set_trap_table(const void *table)
{
    return hypercall_1(__HYPERVISOR_set_trap_table, (uint64_t)table);
}

static inline long hypercall_fpu_taskswitch(int set)
{
    return hypercall_1(__HYPERVISOR_fpu_taskswitch, (uint64_t)set);
}

#endif /* !__ASSEMBLY__ */

#endif
