/* The page-table validator: one table-driven set of rules for all four levels, deciding which
 * entries a guest may have in its page tables and taking the references those entries hold.
 * Levels are 1..4 (the values of FRAME_TYPE_L1..L4). */
#ifndef HV_MM_PT_CHECK_H
#define HV_MM_PT_CHECK_H

#include "hv/mm/frame.h"
#include "hv/mm/mm_env.h"

/* Whether slot index of a table at level belongs to the hypervisor (L4 slots 256-271). */
bool pt_is_hv_slot(unsigned level, unsigned index);

/* Pure check of one entry value for a table at level (no reference is taken): -EINVAL for a
 * hypervisor slot, a bit outside the level's allowed set (PSE at every level, G outside L1,
 * PCD/PWT/PAT unless privileged), or a non-present entry whose address field names RAM
 * (L1TF, XSA-273). */
int pt_check_entry(unsigned level, unsigned index, uint64_t pte, bool privileged) __must_check;

/* The value actually stored for a checked entry: present entries get _PAGE_USER forced
 * (the guest kernel runs in ring 3), kernel-only L1 mappings are tagged _PAGE_GUEST_KERNEL. */
uint64_t pt_adjust_entry(unsigned level, uint64_t pte);

/* Takes the references a present entry (already passed by pt_check_entry) of a level-level
 * table (frame table) holds: an L1 entry a general reference on the data frame (and a
 * writable type reference if RW), an L2-L4 entry a reference of the next-lower page-table
 * type, validating that frame if needed. Errors (Xen's), with nothing taken: for an L1
 * entry -EPERM (I/O memory or no RAM at all, without privilege), -EBUSY (a frame that is
 * not v's, or a page table mapped writable); for an L2-L4 entry -EINVAL (a frame that is not
 * v's, holds another type, names the table itself, or fails validation). */
int pt_get_entry(unsigned level, uint64_t pte, mfn_t table, const struct mm_vcpu *v)
    __must_check;

/* Drops what pt_get_entry took for pte. */
void pt_put_entry(unsigned level, uint64_t pte);

/* Validates every guest entry of table as a level-level page table, taking their references,
 * then stores the adjusted entries (and, in an L4, the hypervisor's slots). On failure every
 * reference taken is dropped again and table's contents are unchanged; lower tables that were
 * validated and dropped again on the way keep their adjusted entries (_PAGE_USER added,
 * which changes nothing for a guest whose kernel runs in ring 3). */
int pt_validate(mfn_t table, unsigned level, const struct mm_vcpu *v) __must_check;

/* Drops the references of every guest entry of a validated table; clears the hypervisor
 * slots of an L4 so that no hypervisor entry stays in a frame the guest may write. */
void pt_invalidate(mfn_t table, unsigned level);

#endif
