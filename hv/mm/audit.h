/* The MMU audit: recomputes from the page tables themselves the reference and type counts
 * every frame should have, and compares them with the frame table. A clean audit proves that
 * every reference is accounted for by a mapping, a pin, a base pointer or a caller's list. */
#ifndef HV_MM_AUDIT_H
#define HV_MM_AUDIT_H

#include "hv/mm/frame.h"
#include "hv/mm/mm_env.h"

/* Scratch space: one per frame of the table (frame_nr_frames() of them), provided by the
 * caller so the audit allocates nothing. */
struct audit_expect {
    uint32_t count;      /* general references found */
    uint32_t type_count; /* type references found */
    uint8_t type;        /* the type those references want (enum frame_type) */
    bool conflict;       /* references asked for two different types */
    bool walked;         /* entries already counted */
};

/* A reference held outside page tables, pins and base pointers (a GDT frame's seg_desc
 * reference, a grant mapping, a test's own reference): one general reference, plus one
 * reference of type if typed. */
struct audit_ref {
    mfn_t mfn;
    enum frame_type type;
    bool typed;
};

/* Walks every table reachable from pinned frames, from the base pointers of vcpus[0..nr_vcpus)
 * and from extra[0..nr_extra), recomputing each frame's counts, and checks them and the
 * tables' contents (entries pass pt_check, an L4's hypervisor slots equal the template,
 * validated flags match type counts). Prints one line per mismatch; returns their number.
 * Entries are rechecked with the privileged rule set (the audit knows no domain's rights). */
unsigned long audit_frames(struct audit_expect *scratch,
                           const struct mm_vcpu *const *vcpus, unsigned nr_vcpus,
                           const struct audit_ref *extra, unsigned nr_extra);

#endif
