/* Decode, validate and commit for the page-table hypercalls. Nothing here changes a frame's
 * state except through ptype.c and pt_check.c; every guest element is copied exactly once,
 * at an address computed without overflow (XSA-212). */
#include "hv/mm/mmu_op.h"
#include "abi/mmu.h"
#include "abi/xen.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"
#include "hv/mm/pt_check.h"
#include "hv/mm/ptype.h"
#include "hv/trace_mm.h"

#define PTE_AD_BITS       (_PAGE_ACCESSED | _PAGE_DIRTY)
#define FOREIGN_FD_MASK   DOMID_MASK                       /* foreigndom[15:0] */
#define FOREIGN_PFD_SHIFT (sizeof(domid_t) * 8)            /* foreigndom[31:16] */
#define UVMF_MASK_PTR     (~(UVMF_FLUSHTYPE_MASK | UVMF_ALL)) /* UVMF_MULTI's bitmap VA */
#define UVMF_FLUSH_BAD    UVMF_FLUSHTYPE_MASK               /* flush type 3 is undefined */

/* ---- batches: count check, pdone probe, per-element fetch ---- */

/* Elements are copied from the guest in chunks of up to this many bytes: one range check and
 * one page-table walk per chunk instead of per element. Each element is still read exactly
 * once, before it is applied (a batch that remaps its own request array reads the rest of
 * the current chunk as it was when the chunk was copied). */
#define MMU_CHUNK_BYTES 512

struct mmu_batch {
    vaddr_t base;
    uint64_t count;
    vaddr_t pdone;
    uint32_t done;
    size_t elem;
    uint32_t chunk_first, chunk_n;   /* elements [first, first + n) are in chunk[] */
    uint64_t chunk[MMU_CHUNK_BYTES / sizeof(uint64_t)];
};

static int mmu_batch_begin(struct mmu_batch *b, uint64_t limit)
{
    uint32_t zero = 0;

    if (b->count > limit)
        return -XEN_EINVAL;
    if (b->pdone && copy_to_guest(b->pdone, &zero, sizeof(zero)))
        return -XEN_EFAULT;
    return 0;
}

/* Copies elements [done, done + n) into the chunk; their addresses are checked for
 * wrap-around first (XSA-212). */
static int mmu_batch_fill(struct mmu_batch *b, uint64_t n)
{
    uint64_t off, va, len;

    if (__builtin_mul_overflow((uint64_t)b->done, (uint64_t)b->elem, &off) ||
        __builtin_add_overflow(b->base, off, &va) ||
        __builtin_mul_overflow(n, (uint64_t)b->elem, &len) ||
        copy_from_guest(b->chunk, va, len))
        return -XEN_EFAULT;
    b->chunk_first = b->done;
    b->chunk_n = (uint32_t)n;
    return 0;
}

/* Points *elem at the copy of element b->done. A chunk that cannot be copied whole is
 * retried with this one element, so the batch stops exactly at the first unreadable one. */
static int mmu_batch_fetch(struct mmu_batch *b, const void **elem)
{
    uint64_t left = b->count - b->done, per = MMU_CHUNK_BYTES / b->elem;

    if (b->done - b->chunk_first >= b->chunk_n &&
        mmu_batch_fill(b, left < per ? left : per) && mmu_batch_fill(b, 1))
        return -XEN_EFAULT;
    *elem = (const uint8_t *)b->chunk + (b->done - b->chunk_first) * b->elem;
    return 0;
}

/* The chunk is left uninitialised: zeroing it would cost more than a small batch. */
static void mmu_batch_init(struct mmu_batch *b, vaddr_t base, uint64_t count, vaddr_t pdone,
                           size_t elem)
{
    b->base = base;
    b->count = count;
    b->pdone = pdone;
    b->done = 0;
    b->elem = elem;
    b->chunk_first = 0;
    b->chunk_n = 0;
}

static long mmu_batch_end(const struct mmu_batch *b, long rc)
{
    if (b->pdone && copy_to_guest(b->pdone, &b->done, sizeof(b->done)) && !rc)
        rc = -XEN_EFAULT;
    return rc;
}

/* Naming domain d as a foreign page or page-table owner, with Xen's answers to an
 * unprivileged caller: -ESRCH when there is no such domain (or d is the caller's own id,
 * which Xen refuses as "foreign"), -EPERM for any other (Xen's XSM check). Keel has no
 * foreign owners yet (they come with grants), so a privileged caller gets -ESRCH. */
static int mmu_check_domid(const struct mm_vcpu *v, domid_t d)
{
    if (d == v->domid || !mm_domain_exists(d))
        return -XEN_ESRCH;
    return v->privileged ? -XEN_ESRCH : -XEN_EPERM;
}

/* foreigndom must be DOMID_SELF. With pfd, bits 31:16 encode the page-table owner (0 or
 * the caller's id + 1: self). As in Xen, -ESRCH wins over -EPERM. */
static int mmu_check_foreign(const struct mm_vcpu *v, uint64_t foreigndom, bool pfd)
{
    domid_t fd = (domid_t)(foreigndom & FOREIGN_FD_MASK);
    uint32_t pt = (uint32_t)foreigndom >> FOREIGN_PFD_SHIFT;
    int rc_pt = 0, rc_fd = 0;

    if (pfd && pt != 0 && pt - 1 != v->domid)
        rc_pt = pt - 1 >= DOMID_FIRST_RESERVED ? -XEN_ESRCH
                                               : mmu_check_domid(v, (domid_t)(pt - 1));
    if (fd != DOMID_SELF)
        rc_fd = mmu_check_domid(v, fd);
    if (rc_pt == -XEN_ESRCH || rc_fd == -XEN_ESRCH)
        return -XEN_ESRCH;
    return rc_pt ? rc_pt : rc_fd;
}

/* ---- one page-table entry write ---- */

static bool mmu_only_ad_differs(uint64_t old, uint64_t new)
{
    return pte_present(old) && pte_present(new) && ((old ^ new) & ~PTE_AD_BITS) == 0;
}

/* Sets entry index of v's page table m to val: checked, new references taken, entry
 * written, old references dropped, TLB flushed for L2+ changes (XSA-286). */
static int mmu_write_entry(const struct mm_vcpu *v, mfn_t m, unsigned index, uint64_t val,
                           bool preserve_ad)
{
    const struct frame_info *fi = frame_lookup(m);
    unsigned level;
    uint64_t *pt, old, new;
    int rc;

    if (!fi || fi->owner != v->domid || !ptype_is_pagetable(fi->type) ||
        !(fi->flags & FRAME_F_VALIDATED))
        return -XEN_EINVAL;   /* not a page table of the caller */
    level = fi->type;
    pt = mm_map_frame(m);
    old = pt[index];
    if (preserve_ad)
        val |= old & PTE_AD_BITS;
    rc = pt_check_entry(level, index, val, v->privileged);
    if (rc)
        return rc;
    new = pt_adjust_entry(level, val);
    if (mmu_only_ad_differs(old, new)) {
        pt[index] = new;   /* the only fast path: A/D bits, no reference changes */
        return 0;
    }
    rc = pt_get_entry(level, new, m, v);
    if (rc)
        return rc;
    pt[index] = new;
    pt_put_entry(level, old);
    if (level > FRAME_TYPE_L1 && old != new) {
        ptype_note_upper_change();
        mm_flush_tlb_local();
    }
    return 0;
}

/* ---- mmu_update ---- */

static int mmu_machphys(const struct mm_vcpu *v, mfn_t m, uint64_t gfn)
{
    if (frame_owner(m) != v->domid)
        return -XEN_EINVAL;
    m2p_set(m, _gfn(gfn));
    return 0;
}

static int mmu_update_one(const struct mm_vcpu *v, const struct mmu_update *req)
{
    unsigned cmd = (unsigned)(req->ptr & MMU_UPDATE_CMD_MASK);
    paddr_t ma = req->ptr & ~(paddr_t)MMU_UPDATE_CMD_MASK;
    unsigned index = (unsigned)((ma & ~PAGE_MASK) / sizeof(uint64_t));

    switch (cmd) {
    case MMU_NORMAL_PT_UPDATE:
    case MMU_PT_UPDATE_NO_TRANSLATE:   /* a PV guest's val is never translated */
        return mmu_write_entry(v, paddr_to_mfn(ma), index, req->val, false);
    case MMU_PT_UPDATE_PRESERVE_AD:
        return mmu_write_entry(v, paddr_to_mfn(ma), index, req->val, true);
    case MMU_MACHPHYS_UPDATE:
        return mmu_machphys(v, paddr_to_mfn(ma), req->val);
    default:
        return -XEN_ENOSYS;   /* ptr bit 2: commands 4-7 do not exist */
    }
}

/* A batch of one (the common case of a guest that does not batch): the same steps as the
 * general loop below (done zeroed first, the request copied once, applied, the flush due
 * done, done written back) without the chunk machinery. */
static long mmu_update_single(const struct mm_vcpu *v, vaddr_t req_va, vaddr_t pdone)
{
    struct mmu_update req;
    uint32_t done = 0;
    long rc;

    if (pdone && copy_to_guest(pdone, &done, sizeof(done)))
        return -XEN_EFAULT;
    rc = copy_from_guest(&req, req_va, sizeof(req)) ? -XEN_EFAULT
         : trace_mm_update(0, &req, mmu_update_one(v, &req));
    ptype_flush_if_due();
    done = rc ? 0 : 1;
    if (pdone && copy_to_guest(pdone, &done, sizeof(done)) && !rc)
        rc = -XEN_EFAULT;
    return rc;
}

long hc_mmu_update(uint64_t reqs, uint64_t count, uint64_t pdone, uint64_t foreigndom)
{
    const struct mm_vcpu *v = mm_current();
    struct mmu_batch b;
    long rc = foreigndom == DOMID_SELF ? 0 : mmu_check_foreign(v, foreigndom, true);

    if (!rc && count == 1)
        return mmu_update_single(v, reqs, pdone);
    mmu_batch_init(&b, reqs, count, pdone, sizeof(struct mmu_update));
    if (!rc)
        rc = mmu_batch_begin(&b, MMU_UPDATE_BATCH_MAX);
    if (rc)
        return rc;
    for (; b.done < b.count; b.done++) {
        const void *elem;
        struct mmu_update req;
        rc = mmu_batch_fetch(&b, &elem);
        if (!rc) {
            req = *(const struct mmu_update *)elem;
            rc = trace_mm_update(b.done, &req, mmu_update_one(v, &req));
        }
        ptype_flush_if_due();
        if (rc)
            break;
    }
    return mmu_batch_end(&b, rc);
}

/* ---- base pointers ---- */

int mmu_set_baseptr(struct mm_vcpu *v, mfn_t m, bool user)
{
    mfn_t *slot = user ? &v->guest_table_user : &v->guest_table;
    mfn_t old = *slot;

    if (user && mfn_x(m) == 0) {
        m = INVALID_MFN;
    } else if (mfn_valid(old) && mfn_x(old) == mfn_x(m)) {
        old = INVALID_MFN;   /* same table: no reference changes, CR3 reloaded below */
    } else if (ptype_get(m, FRAME_TYPE_L4, v)) {
        return -XEN_EINVAL;
    }
    *slot = m;
    if (!user && v == mm_current())
        mm_write_cr3(m);
    if (mfn_valid(old))
        ptype_put(old);   /* after CR3 left it: the old tree may lose its types now */
    return 0;
}

void mmu_vcpu_release(struct mm_vcpu *v)
{
    if (mfn_valid(v->guest_table))
        ptype_put(v->guest_table);
    if (mfn_valid(v->guest_table_user))
        ptype_put(v->guest_table_user);
    v->guest_table = INVALID_MFN;
    v->guest_table_user = INVALID_MFN;
}

/* ---- mmuext_op ---- */

/* Guest addresses a flush may name: canonical and outside the hypervisor's slots (others
 * are ignored, as Xen does). */
static bool mmu_guest_va(vaddr_t va)
{
    return va_is_canonical(va) && !(va >= HV_AREA_START && va < HV_AREA_END);
}

static void mmu_invlpg_guest(vaddr_t va)
{
    if (mmu_guest_va(va))
        mm_invlpg(va);
}

/* TLB_FLUSH_MULTI / INVLPG_MULTI: the vCPU bitmap must be readable; on one CPU flushing
 * locally covers any subset. */
static int mmuext_multi(const struct mmuext_op *op)
{
    uint64_t mask;

    if (copy_from_guest(&mask, op->arg2.vcpumask, sizeof(mask)))
        return -XEN_EINVAL;
    if (op->cmd == MMUEXT_INVLPG_MULTI)
        mmu_invlpg_guest(op->arg1.linear_addr);
    else
        mm_flush_tlb_local();
    return 0;
}

static int mmuext_one(struct mm_vcpu *v, const struct mmuext_op *op)
{
    mfn_t m = _mfn(op->arg1.mfn);

    switch (op->cmd) {
    case MMUEXT_PIN_L1_TABLE:
    case MMUEXT_PIN_L2_TABLE:
    case MMUEXT_PIN_L3_TABLE:
    case MMUEXT_PIN_L4_TABLE:
        return ptype_pin(m, (enum frame_type)(op->cmd - MMUEXT_PIN_L1_TABLE + 1), v) ?
               -XEN_EINVAL : 0;
    case MMUEXT_UNPIN_TABLE:
        return ptype_unpin(m, v->domid) ? -XEN_EINVAL : 0;
    case MMUEXT_NEW_BASEPTR:
        return mmu_set_baseptr(v, m, false);
    case MMUEXT_NEW_USER_BASEPTR:
        return mmu_set_baseptr(v, m, true);
    case MMUEXT_TLB_FLUSH_LOCAL:
    case MMUEXT_TLB_FLUSH_ALL:
        mm_flush_tlb_local();
        return 0;
    case MMUEXT_INVLPG_LOCAL:
    case MMUEXT_INVLPG_ALL:
        mmu_invlpg_guest(op->arg1.linear_addr);
        return 0;
    case MMUEXT_TLB_FLUSH_MULTI:
    case MMUEXT_INVLPG_MULTI:
        return mmuext_multi(op);
    case MMUEXT_MARK_SUPER:
    case MMUEXT_UNMARK_SUPER:
        return -XEN_EOPNOTSUPP;   /* no PV superpages (XSA-167); Xen 4.17's answer */
    default:
        return -XEN_ENOSYS;
    }
}

long hc_mmuext_op(uint64_t ops, uint64_t count, uint64_t pdone, uint64_t foreigndom)
{
    struct mm_vcpu *v = mm_current();
    struct mmu_batch b;
    long rc = mmu_check_foreign(v, foreigndom, false);

    mmu_batch_init(&b, ops, count, pdone, sizeof(struct mmuext_op));
    if (!rc)
        rc = mmu_batch_begin(&b, MMUEXT_OP_BATCH_MAX);
    if (rc)
        return rc;
    for (; b.done < b.count; b.done++) {
        const void *elem;
        struct mmuext_op op;
        rc = mmu_batch_fetch(&b, &elem);
        if (!rc) {
            op = *(const struct mmuext_op *)elem;
            rc = trace_mm_ext(b.done, &op, mmuext_one(v, &op));
        }
        ptype_flush_if_due();
        if (rc)
            break;
    }
    return mmu_batch_end(&b, rc);
}

/* ---- update_va_mapping ---- */

/* The last L1 mmu_find_l1 found (one CPU, one entry), with what it was found under. While
 * ptype_paths_gen has not moved, no L2-L4 entry changed and no table lost its type, so the
 * same L4 still leads to the same validated L1 of the same owner for that 2 MiB region. */
#define MMU_L1_REGION_SHIFT (L1_SHIFT + PT_INDEX_BITS)

static struct {
    bool valid;
    domid_t domid;
    mfn_t l4, l1;
    vaddr_t region;
    uint64_t gen;
} mmu_l1_hint;

/* The L1 that maps va under v's kernel L4, walking validated tables only. */
static int mmu_find_l1(const struct mm_vcpu *v, vaddr_t va, mfn_t *l1)
{
    mfn_t m = v->guest_table;

    if (!mfn_valid(m) || !mmu_guest_va(va))
        return -XEN_EINVAL;
    if (mmu_l1_hint.valid && mmu_l1_hint.gen == ptype_paths_gen &&
        mmu_l1_hint.domid == v->domid && mfn_x(mmu_l1_hint.l4) == mfn_x(m) &&
        mmu_l1_hint.region == va >> MMU_L1_REGION_SHIFT) {
        const struct frame_info *fi = frame_lookup(mmu_l1_hint.l1);
        if (fi && fi->type == FRAME_TYPE_L1 && (fi->flags & FRAME_F_VALIDATED) &&
            fi->owner == v->domid) {   /* belt and braces: still a validated L1 of v's */
            *l1 = mmu_l1_hint.l1;
            return 0;
        }
    }
    for (unsigned level = FRAME_TYPE_L4; level > FRAME_TYPE_L1; level--) {
        uint64_t e = ((const uint64_t *)mm_map_frame(m))[pt_index(va, level)];
        const struct frame_info *fi = frame_lookup(pte_mfn(e));
        if (!pte_present(e) || !fi || fi->type != level - 1 ||
            !(fi->flags & FRAME_F_VALIDATED) || fi->owner != v->domid)
            return -XEN_EINVAL;
        m = pte_mfn(e);
    }
    mmu_l1_hint.valid = true;
    mmu_l1_hint.domid = v->domid;
    mmu_l1_hint.l4 = v->guest_table;
    mmu_l1_hint.l1 = m;
    mmu_l1_hint.region = va >> MMU_L1_REGION_SHIFT;
    mmu_l1_hint.gen = ptype_paths_gen;
    *l1 = m;
    return 0;
}

static int uvmf_check(uint64_t flags)
{
    uint64_t mask_va = flags & UVMF_MASK_PTR, mask;

    if ((flags & UVMF_FLUSHTYPE_MASK) == UVMF_FLUSH_BAD)
        return -XEN_EINVAL;
    if (!(flags & UVMF_ALL) && mask_va && copy_from_guest(&mask, mask_va, sizeof(mask)))
        return -XEN_EINVAL;
    return 0;
}

long hc_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags, uint64_t unused)
{
    const struct mm_vcpu *v = mm_current();
    mfn_t l1;
    int rc;

    (void)unused;
    rc = uvmf_check(flags);
    if (!rc)
        rc = mmu_find_l1(v, va, &l1);
    if (!rc)
        rc = mmu_write_entry(v, l1, pt_index(va, FRAME_TYPE_L1), val, false);
    ptype_flush_if_due();
    if (rc)
        return rc;
    if ((flags & UVMF_FLUSHTYPE_MASK) == UVMF_TLB_FLUSH)
        mm_flush_tlb_local();
    else if ((flags & UVMF_FLUSHTYPE_MASK) == UVMF_INVLPG)
        mm_invlpg(va);
    return 0;
}
