/* The per-level rules for guest page-table entries and the one loop that validates a whole
 * table. Xen's rules, hardened by docs/mm.md's attack list: no superpages, no linear or
 * recursive tables, G only in L1, no cache attributes for unprivileged domains, only the
 * domain's own frames, and the hypervisor's L4 slots always the hypervisor's. */
#include "hv/mm/pt_check.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"
#include "hv/mm/ptype.h"

/* Xen's _PAGE_GUEST_KERNEL: the lowest software bit above the address, set on L1 entries
 * the guest made kernel-only (they carry _PAGE_USER like every guest entry). */
#define PT_GUEST_KERNEL (_PAGE_AVAIL_HIGH & -_PAGE_AVAIL_HIGH)

/* Bits every level accepts: the address, P, RW, US, A, D, NX and the software bits. PSE is
 * in no level's set: bit 7 is PSE in L2-L4 (refused: no superpages, XSA-148, XSA-176) and
 * PAT in L1 (a cache attribute). */
#define PT_BASE_ALLOWED (PTE_ADDR_MASK | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | \
                         _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_AVAIL | _PAGE_AVAIL_HIGH | \
                         _PAGE_NX)
#define PT_CACHE_BITS   (_PAGE_PWT | _PAGE_PCD)

/* One level's rules: the bits any domain may set, the extra ones a privileged domain may,
 * the type the frame an entry names must take, and whether entries map data (leaf). */
struct pt_level_desc {
    uint64_t allowed;
    uint64_t allowed_priv;
    enum frame_type child;
    bool leaf;
};

#define PT_LEVELS_NR (FRAME_TYPE_L4 + 1)   /* indexed by level; slot 0 unused */

static const struct pt_level_desc pt_levels[PT_LEVELS_NR] = {
    [FRAME_TYPE_L1] = { PT_BASE_ALLOWED | _PAGE_GLOBAL, PT_CACHE_BITS | _PAGE_PAT,
                        FRAME_TYPE_WRITABLE, true },
    [FRAME_TYPE_L2] = { PT_BASE_ALLOWED, PT_CACHE_BITS, FRAME_TYPE_L1, false },
    [FRAME_TYPE_L3] = { PT_BASE_ALLOWED, PT_CACHE_BITS, FRAME_TYPE_L2, false },
    [FRAME_TYPE_L4] = { PT_BASE_ALLOWED, PT_CACHE_BITS, FRAME_TYPE_L3, false },
};

static const struct pt_level_desc *pt_level(unsigned level)
{
    if (level < FRAME_TYPE_L1 || level > FRAME_TYPE_L4)
        panic("pt_check: bad level %u", level);
    return &pt_levels[level];
}

bool pt_is_hv_slot(unsigned level, unsigned index)
{
    return level == FRAME_TYPE_L4 && index >= HV_SLOT_FIRST && index <= HV_SLOT_LAST;
}

/* A non-present entry is ignored by the MMU but its address still reaches the L1TF-prone
 * cache lookup: only an empty address or one beyond all RAM is harmless. */
static int pt_check_absent(uint64_t pte)
{
    uint64_t m = mfn_x(pte_mfn(pte));

    return (m == 0 || m >= frame_nr_frames()) ? 0 : -XEN_EINVAL;
}

int pt_check_entry(unsigned level, unsigned index, uint64_t pte, bool privileged)
{
    const struct pt_level_desc *ld = pt_level(level);
    uint64_t allowed = ld->allowed | (privileged ? ld->allowed_priv : 0);

    if (pt_is_hv_slot(level, index))
        return -XEN_EINVAL;
    if (!pte_present(pte))
        return pt_check_absent(pte);
    return (pte & ~allowed) ? -XEN_EINVAL : 0;
}

uint64_t pt_adjust_entry(unsigned level, uint64_t pte)
{
    if (!pte_present(pte))
        return pte;
    if (pt_level(level)->leaf && !(pte & _PAGE_USER))
        pte |= PT_GUEST_KERNEL;
    return pte | _PAGE_USER;
}

/* The references an L1 entry holds on the data frame it maps. Errors as Xen's: -EPERM for
 * I/O memory (device frames, or none at all) without privilege, -EBUSY for a frame that is
 * not the domain's (another domain's, the hypervisor's, a free one) or cannot be
 * referenced as asked (a page table mapped writable, a count at its limit). */
static int pt_get_leaf(uint64_t pte, const struct mm_vcpu *v)
{
    mfn_t m = pte_mfn(pte);
    domid_t owner = frame_owner(m);

    if (!frame_lookup(m) || (owner == FRAME_OWNER_IO && !v->privileged))
        return -XEN_EPERM;
    if (owner == FRAME_OWNER_IO)
        return frame_get(m, FRAME_OWNER_IO) ? -XEN_EBUSY : 0;
    if (owner != v->domid)
        return -XEN_EBUSY;
    if (!(pte & _PAGE_RW))
        return frame_get(m, owner) ? -XEN_EBUSY : 0;
    return ptype_get_fast(m, FRAME_TYPE_WRITABLE, v) ? -XEN_EBUSY : 0;
}

int pt_get_entry(unsigned level, uint64_t pte, mfn_t table, const struct mm_vcpu *v)
{
    const struct pt_level_desc *ld = pt_level(level);
    mfn_t m = pte_mfn(pte);

    if (!pte_present(pte))
        return 0;
    if (ld->leaf)
        return pt_get_leaf(pte, v);
    if (mfn_x(m) == mfn_x(table))
        return -XEN_EINVAL;   /* a table naming itself: recursive mapping, refused */
    /* Not the domain's, another type held (an L1 used as an L2, a linear L4->L4 entry, a
     * writable frame) or a lower entry refused: the frame fails validation for its level. */
    return ptype_get(m, ld->child, v) ? -XEN_EINVAL : 0;
}

void pt_put_entry(unsigned level, uint64_t pte)
{
    mfn_t m = pte_mfn(pte);

    if (!pte_present(pte))
        return;
    if (pt_level(level)->leaf &&
        (!(pte & _PAGE_RW) || frame_owner(m) == FRAME_OWNER_IO))
        frame_put(m);
    else
        ptype_put_fast(m);
}

/* Most of a fresh table is zero, and an all-zero entry is always valid (not present, no
 * address) and holds nothing, so scans skip runs of zero entries, PT_SCAN_RUN at a time. */
enum { PT_RUN_0, PT_RUN_1, PT_RUN_2, PT_RUN_3, PT_SCAN_RUN };

static bool pt_run_is_zero(const uint64_t *p)
{
    return !(p[PT_RUN_0] | p[PT_RUN_1] | p[PT_RUN_2] | p[PT_RUN_3]);
}

/* The first index >= i below end whose entry is not zero (end if none). */
static unsigned pt_next_used(const uint64_t *pt, unsigned i, unsigned end)
{
    while (i < end && i % PT_SCAN_RUN && !pt[i])
        i++;
    while (i + PT_SCAN_RUN <= end && pt_run_is_zero(&pt[i]))
        i += PT_SCAN_RUN;
    while (i < end && !pt[i])
        i++;
    return i;
}

/* Drops the references of entries [0, end) of a table. */
static void pt_put_range(const uint64_t *pt, unsigned level, unsigned end)
{
    for (unsigned i = pt_next_used(pt, 0, end); i < end; i = pt_next_used(pt, i + 1, end))
        if (!pt_is_hv_slot(level, i))
            pt_put_entry(level, pt[i]);
}

static void pt_store_adjusted(uint64_t *pt, unsigned level)
{
    const uint64_t *tmpl = mm_hv_l4_template();

    for (unsigned i = pt_next_used(pt, 0, PT_ENTRIES); i < PT_ENTRIES;
         i = pt_next_used(pt, i + 1, PT_ENTRIES))
        if (!pt_is_hv_slot(level, i))
            pt[i] = pt_adjust_entry(level, pt[i]);
    if (level == FRAME_TYPE_L4)
        for (unsigned i = HV_SLOT_FIRST; i <= HV_SLOT_LAST; i++)
            pt[i] = tmpl[i];
}

int pt_validate(mfn_t table, unsigned level, const struct mm_vcpu *v)
{
    uint64_t *pt = mm_map_frame(table);
    unsigned i;
    int rc = 0;

    for (i = pt_next_used(pt, 0, PT_ENTRIES); i < PT_ENTRIES;
         i = pt_next_used(pt, i + 1, PT_ENTRIES)) {
        uint64_t e = pt[i];
        if (pt_is_hv_slot(level, i))
            continue;   /* overwritten from the template below */
        rc = pt_check_entry(level, i, e, v->privileged);
        if (!rc)
            rc = pt_get_entry(level, e, table, v);
        if (rc) {
            pt_put_range(pt, level, i);
            return rc;
        }
    }
    pt_store_adjusted(pt, level);
    return 0;
}

void pt_invalidate(mfn_t table, unsigned level)
{
    uint64_t *pt = mm_map_frame(table);

    pt_put_range(pt, level, PT_ENTRIES);
    if (level == FRAME_TYPE_L4)
        for (unsigned i = HV_SLOT_FIRST; i <= HV_SLOT_LAST; i++)
            pt[i] = 0;
}
