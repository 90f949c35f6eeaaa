/* A small guest for the MMU hypercall tests: a four-level tree in domain A's frames and
 * helpers that place hypercall arguments in the fake guest window. */
#ifndef TESTS_UNIT_MM_GUEST_H
#define TESTS_UNIT_MM_GUEST_H

#include "tests/unit/mm_env_fake.h"

#define P   _PAGE_PRESENT
#define RW  _PAGE_RW
#define A(n) (FAKE_A_FIRST + (n))
#define L4M A(0)       /* pinned, the kernel base pointer */
#define L3M A(1)
#define L2M A(2)
#define L1M A(3)       /* maps A(5) writable at va 0, A(6) read-only at va 4 KiB */
#define SPARE_L1 A(10)
#define SPARE_L4 A(11)
#define B0  FAKE_B_FIRST
#define FAR_MFN 1000
#define MA(m, i) (((uint64_t)(m) << PAGE_SHIFT) + (uint64_t)(i) * sizeof(uint64_t))
#define REQS   FAKE_GUEST_VA                                   /* argument arrays */
#define PDONE  (FAKE_GUEST_VA + FAKE_GUEST_SIZE - sizeof(uint32_t))
#define BAD_VA 0x10UL                                          /* outside the window */
#define DONE_SENTINEL 0xdeadbeefu

/* Resets the fake machine and builds, pins and installs the tree; clears the counters. */
void mm_guest_setup(void);

void mm_guest_put_u32(vaddr_t va, uint32_t x);
uint32_t mm_guest_get_u32(vaddr_t va);

/* Element i of the argument array at REQS. */
void mm_guest_put_req(unsigned i, uint64_t ptr, uint64_t val);
void mm_guest_put_op(unsigned i, uint32_t cmd, uint64_t arg1, uint64_t arg2);

#endif
