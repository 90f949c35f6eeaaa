/* The order in which pvguest's assembly saves the 15 general registers (every one but rsp):
 * entry.S pushes rax first and r15 last, so in memory r15 comes first. regs_call.S and the
 * trap frame share this order; assembly addresses a slot as GPR_OFFSET(GPR_x). */
#ifndef PVGUEST_GPR_H
#define PVGUEST_GPR_H

#define GPR_R15   0
#define GPR_R14   1
#define GPR_R13   2
#define GPR_R12   3
#define GPR_R11   4
#define GPR_R10   5
#define GPR_R9    6
#define GPR_R8    7
#define GPR_RBP   8
#define GPR_RDI   9
#define GPR_RSI   10
#define GPR_RDX   11
#define GPR_RCX   12
#define GPR_RBX   13
#define GPR_RAX   14
#define GPR_COUNT 15

#define GPR_BYTES 8
#define GPR_OFFSET(i) ((i) * GPR_BYTES)

#ifndef __ASSEMBLY__
#include <stdint.h>

struct gprs {
    uint64_t r[GPR_COUNT];
};
_Static_assert(sizeof(struct gprs) == GPR_COUNT * GPR_BYTES, "gprs layout");

/* Register names by GPR_* index, for dumps. */
extern const char *const gpr_names[GPR_COUNT];
#endif

#endif
