/* Host implementation of hv/mm/mm_env.h over fake frame memory, for the MMU tests. */
#include <stdlib.h>
#include <string.h>

#include "arch/x86_64/memlayout.h"
#include "tests/unit/mm_env_fake.h"

struct mm_fake_stats mm_fake;
struct mm_vcpu mm_fake_vcpu;
struct frame_info mm_fake_table[FAKE_NR_FRAMES];
uint64_t mm_fake_m2p[FAKE_NR_FRAMES];
uint8_t mm_fake_guest[FAKE_GUEST_SIZE];

static uint64_t fake_mem[FAKE_NR_FRAMES][PT_ENTRIES];
static uint64_t fake_l4_template[PT_ENTRIES];

static struct frame_info snap_table[FAKE_NR_FRAMES];
static uint64_t snap_mem[FAKE_NR_FRAMES][PT_ENTRIES];

uint64_t *mm_fake_pt(unsigned long m)
{
    return fake_mem[m];
}

uint64_t mm_fake_pte(unsigned long m, uint64_t flags)
{
    return pte_make(_mfn(m), flags);
}

uint64_t mm_fake_template(unsigned i)
{
    return fake_l4_template[i];
}

static void fake_assign_range(unsigned long first, unsigned long end, domid_t d)
{
    for (unsigned long m = first; m < end; m++)
        if (frame_assign(_mfn(m), d))
            abort();
}

void mm_fake_reset(void)
{
    memset(&mm_fake, 0, sizeof(mm_fake));
    memset(fake_mem, 0, sizeof(fake_mem));
    memset(mm_fake_table, 0, sizeof(mm_fake_table));
    memset(mm_fake_m2p, 0, sizeof(mm_fake_m2p));
    memset(mm_fake_guest, 0, sizeof(mm_fake_guest));
    frame_table_init(mm_fake_table, FAKE_NR_FRAMES);
    fake_assign_range(FAKE_HV_FIRST, FAKE_HV_END, FRAME_OWNER_HV);
    fake_assign_range(FAKE_A_FIRST, FAKE_A_END, FAKE_DOM_A);
    fake_assign_range(FAKE_B_FIRST, FAKE_B_END, FAKE_DOM_B);
    fake_assign_range(FAKE_IO_MFN, FAKE_IO_MFN + 1, FRAME_OWNER_IO);
    if (frame_assign_shared(_mfn(FAKE_SHARED_MFN), FAKE_DOM_A))
        abort();
    for (unsigned i = 0; i < PT_ENTRIES; i++)
        fake_l4_template[i] = 0;
    for (unsigned i = HV_SLOT_FIRST; i <= HV_SLOT_LAST; i++)
        fake_l4_template[i] = mm_fake_pte(FAKE_HV_FIRST + i % FAKE_HV_END,
                                          _PAGE_PRESENT | _PAGE_RW);
    mm_fake_vcpu = (struct mm_vcpu){ .domid = FAKE_DOM_A, .privileged = false,
                                     .guest_table = INVALID_MFN,
                                     .guest_table_user = INVALID_MFN };
}

void mm_fake_snapshot(void)
{
    memcpy(snap_table, mm_fake_table, sizeof(snap_table));
    memcpy(snap_mem, fake_mem, sizeof(snap_mem));
}

/* A table validated and dropped again during a refused operation keeps its entries as
 * pt_adjust_entry stored them: _PAGE_USER (and the guest-kernel tag) added to present ones. */
#define FAKE_ADJUST_BITS (_PAGE_USER | (_PAGE_AVAIL_HIGH & -_PAGE_AVAIL_HIGH))

static bool fake_same_entry(uint64_t before, uint64_t now)
{
    if (before == now)
        return true;
    return pte_present(before) && (now & _PAGE_USER) && (now & ~FAKE_ADJUST_BITS) == before;
}

bool mm_fake_unchanged(void)
{
    for (unsigned i = 0; i < FAKE_NR_FRAMES; i++) {
        struct frame_info a = mm_fake_table[i], b = snap_table[i];
        a.flags &= (uint8_t)~FRAME_F_WR_STALE;
        b.flags &= (uint8_t)~FRAME_F_WR_STALE;
        if (memcmp(&a, &b, sizeof(a)))
            return false;
    }
    for (unsigned m = 0; m < FAKE_NR_FRAMES; m++)
        for (unsigned i = 0; i < PT_ENTRIES; i++)
            if (!fake_same_entry(snap_mem[m][i], fake_mem[m][i]))
                return false;
    return true;
}

unsigned long mm_fake_audit(const struct audit_ref *extra, unsigned nr)
{
    static struct audit_expect scratch[FAKE_NR_FRAMES];
    const struct mm_vcpu *v = &mm_fake_vcpu;

    return audit_frames(scratch, &v, 1, extra, nr);
}

/* ---- hv/mm/mm_env.h ---- */

bool mm_domain_exists(domid_t d)
{
    return d == FAKE_DOM_A || d == FAKE_DOM_B || d == DOMID_IO || d == DOMID_XEN;
}

struct mm_vcpu *mm_current(void)
{
    return &mm_fake_vcpu;
}

void *mm_map_frame(mfn_t m)
{
    if (mfn_x(m) >= FAKE_NR_FRAMES)
        abort();   /* the MMU must never map a frame outside the table */
    return fake_mem[mfn_x(m)];
}

static bool fake_guest_range_ok(vaddr_t va, size_t n)
{
    return va >= FAKE_GUEST_VA && n <= FAKE_GUEST_SIZE &&
           va - FAKE_GUEST_VA <= FAKE_GUEST_SIZE - n;
}

int copy_from_guest(void *dst, vaddr_t src, size_t n)
{
    if (!fake_guest_range_ok(src, n))
        return -XEN_EFAULT;
    memcpy(dst, mm_fake_guest + (src - FAKE_GUEST_VA), n);
    return 0;
}

int copy_to_guest(vaddr_t dst, const void *src, size_t n)
{
    if (!fake_guest_range_ok(dst, n))
        return -XEN_EFAULT;
    memcpy(mm_fake_guest + (dst - FAKE_GUEST_VA), src, n);
    return 0;
}

void mm_flush_tlb_local(void)
{
    mm_fake.flushes++;
}

void mm_invlpg(vaddr_t va)
{
    mm_fake.invlpgs++;
    mm_fake.last_invlpg = va;
}

void mm_write_cr3(mfn_t m)
{
    mm_fake.cr3_writes++;
    mm_fake.last_cr3 = m;
}

void m2p_set(mfn_t m, gfn_t gfn)
{
    if (mfn_x(m) >= FAKE_NR_FRAMES)
        abort();
    mm_fake_m2p[mfn_x(m)] = gfn_x(gfn);
    mm_fake.m2p_sets++;
}

const uint64_t *mm_hv_l4_template(void)
{
    return fake_l4_template;
}
