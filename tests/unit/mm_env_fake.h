/* Fake hypervisor environment for the MMU host tests: frame memory is an array of pages
 * indexed by mfn, guest virtual memory is one window of host memory, and every TLB, CR3 and
 * M2P call is counted so tests can check that it happened. */
#ifndef TESTS_UNIT_MM_ENV_FAKE_H
#define TESTS_UNIT_MM_ENV_FAKE_H

#include "arch/x86_64/pte.h"
#include "hv/mm/audit.h"
#include "hv/mm/frame.h"
#include "hv/mm/mm_env.h"

/* The fake machine: FAKE_NR_FRAMES frames, owned as follows after mm_fake_reset(). */
#define FAKE_NR_FRAMES     64
#define FAKE_HV_FIRST      0   /* 0..3: hypervisor (the L4 template's slots point here) */
#define FAKE_HV_END        4
#define FAKE_A_FIRST       4   /* 4..39: domain A */
#define FAKE_A_END         40
#define FAKE_B_FIRST       40  /* 40..47: domain B */
#define FAKE_B_END         48
#define FAKE_IO_MFN        48  /* device memory */
#define FAKE_SHARED_MFN    49  /* domain A's shared_info, shared by the hypervisor */
#define FAKE_FREE_FIRST    50  /* 50..63: free */

#define FAKE_DOM_A 1
#define FAKE_DOM_B 2

/* Guest virtual window: copy_{from,to}_guest succeed inside it and fail elsewhere. */
#define FAKE_GUEST_VA   0x0000100000000000UL
#define FAKE_GUEST_SIZE (64UL * PAGE_SIZE)

struct mm_fake_stats {
    unsigned flushes;     /* mm_flush_tlb_local calls */
    unsigned invlpgs;     /* mm_invlpg calls */
    vaddr_t last_invlpg;
    unsigned cr3_writes;
    mfn_t last_cr3;
    unsigned m2p_sets;
};

extern struct mm_fake_stats mm_fake;
extern struct mm_vcpu mm_fake_vcpu;                 /* mm_current() */
extern struct frame_info mm_fake_table[FAKE_NR_FRAMES];
extern uint64_t mm_fake_m2p[FAKE_NR_FRAMES];
extern uint8_t mm_fake_guest[FAKE_GUEST_SIZE];      /* the guest window's bytes */

/* Clears memory, counters and M2P; sets up the frame table and ownership above; the current
 * vCPU is an unprivileged domain A vCPU with no base pointers. */
void mm_fake_reset(void);

/* Frame m's contents as 512 entries. */
uint64_t *mm_fake_pt(unsigned long m);

/* An entry naming frame m with flags. */
uint64_t mm_fake_pte(unsigned long m, uint64_t flags);

/* The template entry of hypervisor slot i. */
uint64_t mm_fake_template(unsigned i);

/* Snapshot of the frame table and all frame memory, and whether both still match it
 * (ignoring FRAME_F_WR_STALE, which a refused operation may clear by flushing, and the
 * _PAGE_USER adjustment of entries in tables validated and dropped again). */
void mm_fake_snapshot(void);
bool mm_fake_unchanged(void);

/* Runs the audit with the fake vCPU's base pointers and extra[0..nr) as roots; returns the
 * number of mismatches (each printed as a TAP comment). */
unsigned long mm_fake_audit(const struct audit_ref *extra, unsigned nr);

#endif
