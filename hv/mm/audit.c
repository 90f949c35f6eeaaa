/* The MMU audit: counts references from the page tables' contents (not from the frame table)
 * and reports every frame whose recorded counts, type or flags disagree. Reads only. */
#include "hv/mm/audit.h"
#include "arch/x86_64/pte.h"
#include "hv/mm/pt_check.h"
#include "hv/mm/ptype.h"

struct audit_run {
    struct audit_expect *exp;
    unsigned long errors;
};

static void audit_report(struct audit_run *a, mfn_t m, const char *what,
                         unsigned long have, unsigned long want)
{
    printk("hv: mm audit: mfn %lx: %s (have %lu, expected %lu)\n", mfn_x(m), what, have, want);
    a->errors++;
}

static void audit_add(struct audit_run *a, mfn_t m, bool typed, enum frame_type t)
{
    struct audit_expect *e;

    if (mfn_x(m) >= frame_nr_frames()) {
        audit_report(a, m, "referenced but outside the frame table", 1, 0);
        return;
    }
    e = &a->exp[mfn_x(m)];
    e->count++;
    if (!typed)
        return;
    if (e->type_count && e->type != t)
        e->conflict = true;
    else
        e->type = (uint8_t)t;
    e->type_count++;
}

/* Counts what one entry of a level-level table owned by owner references. */
static void audit_entry(struct audit_run *a, unsigned level, uint64_t pte, domid_t owner)
{
    mfn_t child = pte_mfn(pte);
    domid_t child_owner = frame_owner(child);

    if (level > FRAME_TYPE_L1) {
        if (child_owner != owner)
            audit_report(a, child, "table entry names a frame of another owner", child_owner,
                         owner);
        audit_add(a, child, true, (enum frame_type)(level - 1));
        return;
    }
    if (child_owner != owner && child_owner != FRAME_OWNER_IO)
        audit_report(a, child, "L1 entry maps a frame of another owner", child_owner, owner);
    audit_add(a, child, (pte & _PAGE_RW) && child_owner != FRAME_OWNER_IO,
              FRAME_TYPE_WRITABLE);
}

static void audit_table(struct audit_run *a, mfn_t m, unsigned level)
{
    const uint64_t *pt = mm_map_frame(m);
    const uint64_t *tmpl = mm_hv_l4_template();
    domid_t owner = frame_owner(m);

    for (unsigned i = 0; i < PT_ENTRIES; i++) {
        uint64_t e = pt[i];
        if (pt_is_hv_slot(level, i)) {
            if (e != tmpl[i])
                audit_report(a, m, "hypervisor slot differs from the template", i, i);
            continue;
        }
        if (pt_check_entry(level, i, e, true))
            audit_report(a, m, "entry breaks the level's rules; index", i, i);
        if (pte_present(e))
            audit_entry(a, level, e, owner);
    }
}

static void audit_roots(struct audit_run *a, const struct mm_vcpu *const *vcpus,
                        unsigned nr_vcpus, const struct audit_ref *extra, unsigned nr_extra)
{
    uint64_t n = frame_nr_frames();

    for (uint64_t i = 0; i < n; i++) {
        const struct frame_info *fi = frame_lookup(_mfn(i));
        if (!(fi->flags & FRAME_F_PINNED))
            continue;
        if (!ptype_is_pagetable(fi->type))
            audit_report(a, _mfn(i), "pinned without a page-table type", fi->type, 0);
        audit_add(a, _mfn(i), true, fi->type);
    }
    for (unsigned v = 0; v < nr_vcpus; v++) {
        if (mfn_valid(vcpus[v]->guest_table))
            audit_add(a, vcpus[v]->guest_table, true, FRAME_TYPE_L4);
        if (mfn_valid(vcpus[v]->guest_table_user))
            audit_add(a, vcpus[v]->guest_table_user, true, FRAME_TYPE_L4);
    }
    for (unsigned r = 0; r < nr_extra; r++)
        audit_add(a, extra[r].mfn, extra[r].typed, extra[r].type);
}

/* Levels from the top down: a level-n table only references level n-1 frames, so when
 * level n is walked every level-n reference has already been counted. */
static void audit_walk(struct audit_run *a)
{
    uint64_t n = frame_nr_frames();

    for (unsigned level = FRAME_TYPE_L4; level >= FRAME_TYPE_L1; level--) {
        for (uint64_t i = 0; i < n; i++) {
            struct audit_expect *e = &a->exp[i];
            if (e->type == level && e->type_count && !e->walked) {
                e->walked = true;
                audit_table(a, _mfn(i), level);
            }
        }
    }
}

static void audit_compare(struct audit_run *a, mfn_t m)
{
    const struct frame_info *fi = frame_lookup(m);
    const struct audit_expect *e = &a->exp[mfn_x(m)];
    bool validated = fi->flags & FRAME_F_VALIDATED;
    bool want_validated = ptype_is_pagetable(fi->type) && fi->type_count;

    if (fi->count != e->count)
        audit_report(a, m, "general reference count", fi->count, e->count);
    if (fi->type_count != e->type_count)
        audit_report(a, m, "type reference count", fi->type_count, e->type_count);
    if (e->conflict)
        audit_report(a, m, "referenced with two different types", fi->type, e->type);
    if (e->type_count && fi->type != e->type)
        audit_report(a, m, "type", fi->type, e->type);
    if (!fi->type_count && fi->type != FRAME_TYPE_WRITABLE)
        audit_report(a, m, "type kept without type references", fi->type, 0);
    if (validated != want_validated)
        audit_report(a, m, "validated flag", validated, want_validated);
}

unsigned long audit_frames(struct audit_expect *scratch,
                           const struct mm_vcpu *const *vcpus, unsigned nr_vcpus,
                           const struct audit_ref *extra, unsigned nr_extra)
{
    struct audit_run a = { .exp = scratch, .errors = 0 };
    uint64_t n = frame_nr_frames();

    memset(scratch, 0, n * sizeof(*scratch));
    audit_roots(&a, vcpus, nr_vcpus, extra, nr_extra);
    audit_walk(&a);
    for (uint64_t i = 0; i < n; i++)
        audit_compare(&a, _mfn(i));
    return a.errors;
}
