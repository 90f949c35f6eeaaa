/* SYSCALL setup: guests enter the hypervisor through syscall_entry (entry.S). STAR puts
 * 0xe023 in the SYSRET base so a return lands on Xen's guest selectors 0xe033/0xe02b. */
#include "arch/x86_64/syscall.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"

#define STAR_SYSRET_SHIFT 48
#define STAR_SYSCALL_SHIFT 32
#define SYSCALL_FMASK (RFLAGS_AC | RFLAGS_VM | RFLAGS_RF | RFLAGS_NT | RFLAGS_DF | RFLAGS_IF | \
                       RFLAGS_TF)

extern const char syscall_entry[], cstar_entry[];

void syscall_init(void)
{
    wrmsr(MSR_STAR, (uint64_t)SEL_GUEST_CS32 << STAR_SYSRET_SHIFT |
                    (uint64_t)SEL_HV_CS << STAR_SYSCALL_SHIFT);
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    wrmsr(MSR_CSTAR, (uint64_t)cstar_entry);
    wrmsr(MSR_FMASK, SYSCALL_FMASK);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
