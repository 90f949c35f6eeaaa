/* x86_64 4-level page-table entries: hardware bit names, the frame-address field, and
 * index arithmetic. Which bits a guest may use at which level is policy (hv/mm/pt_check.c).
 *
 *   63  62..52   51..12              11..9  8 7   6 5 4   3   2 1 0
 *  +--+--------+--------------------+-----+-+---+-+-+---+---+-+-+-+
 *  |NX| avail  | frame address      |avail|G|PS/|D|A|PCD|PWT|U|W|P|
 *  |  | (high) |                    |     | |PAT| | |   |   | | | |
 *  +--+--------+--------------------+-----+-+---+-+-+---+---+-+-+-+
 */
#ifndef ARCH_X86_64_PTE_H
#define ARCH_X86_64_PTE_H

#include "arch/x86_64/types.h"

typedef uint64_t pte_t;

#define _PAGE_PRESENT (1UL << 0)
#define _PAGE_RW (1UL << 1)
#define _PAGE_USER (1UL << 2)
#define _PAGE_PWT (1UL << 3)
#define _PAGE_PCD (1UL << 4)
#define _PAGE_ACCESSED (1UL << 5)
#define _PAGE_DIRTY (1UL << 6)
#define _PAGE_PSE (1UL << 7)          /* in L2/L3: large page */
#define _PAGE_PAT (1UL << 7)          /* in L1: PAT index bit */
#define _PAGE_GLOBAL (1UL << 8)
#define _PAGE_AVAIL (7UL << 9)
#define _PAGE_AVAIL_HIGH (0x7ffUL << 52)
#define _PAGE_NX (1UL << 63)

#define PTE_ADDR_MASK 0x000ffffffffff000UL
#define PTE_FLAGS_MASK (~PTE_ADDR_MASK)

#define PT_ENTRIES 512
#define PT_INDEX_BITS 9
#define L1_SHIFT 12
#define L2_SHIFT 21
#define L3_SHIFT 30
#define L4_SHIFT 39
#define L2_PAGE_SIZE (1UL << L2_SHIFT)
#define L3_PAGE_SIZE (1UL << L3_SHIFT)
#define L4_PAGE_SIZE (1UL << L4_SHIFT)
#define CANONICAL_BITS 48

static inline unsigned pt_index(vaddr_t va, unsigned level)
{
    return (va >> (L1_SHIFT + (level - 1) * PT_INDEX_BITS)) & (PT_ENTRIES - 1);
}

static inline mfn_t pte_mfn(pte_t e) { return _mfn((e & PTE_ADDR_MASK) >> PAGE_SHIFT); }
static inline pte_t pte_make(mfn_t m, uint64_t flags) { return mfn_to_paddr(m) | flags; }
static inline bool pte_present(pte_t e) { return e & _PAGE_PRESENT; }

static inline bool va_is_canonical(vaddr_t va)
{
    return (uint64_t)((int64_t)(va << (64 - CANONICAL_BITS)) >> (64 - CANONICAL_BITS)) == va;
}

#endif
