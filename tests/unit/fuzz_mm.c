/* libFuzzer target for the PV MMU: the input is a sequence of guest actions (hypercalls with
 * chosen frames, slots, bits and pointers, and plain writes to frames the guest may write).
 * Oracle: after every action the audit finds no mismatch, and tearing the domain down
 * returns every one of its frames to zero references. Any failure aborts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/mmu.h"
#include "abi/xen.h"
#include "arch/x86_64/memlayout.h"
#include "hv/mm/audit.h"
#include "hv/mm/mmu_op.h"
#include "hv/mm/ptype.h"
#include "tests/unit/mm_guest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input being consumed, and the last entry and target generated (reused to make the
 * near-duplicate requests that fast-path bugs need). */
struct fuzz_in {
    const uint8_t *p;
    size_t n;
    uint64_t last_pte, last_ptr;
};

static uint8_t fuzz_byte(struct fuzz_in *in)
{
    if (!in->n)
        return 0;
    in->n--;
    return *in->p++;
}

/* Frames the actions name: mostly the first few of domain A's (the tree and its
 * neighbours, so actions collide), the rest of A's, and some of every other kind. */
#define FUZZ_HOT_FRAMES 12

static unsigned long fuzz_mfn(struct fuzz_in *in)
{
    static const unsigned long others[] = { B0, FAKE_HV_FIRST, FAKE_IO_MFN, FAKE_SHARED_MFN,
                                            FAKE_FREE_FIRST, FAR_MFN };
    uint8_t b = fuzz_byte(in);

    if (b < 0xc0)
        return FAKE_A_FIRST + b % FUZZ_HOT_FRAMES;
    if (b < 0xe0)
        return FAKE_A_FIRST + b % (FAKE_A_END - FAKE_A_FIRST);
    return others[b % ARRAY_SIZE(others)];
}

static unsigned fuzz_slot(struct fuzz_in *in)
{
    static const unsigned slots[] = { 0, 1, 2, 3, HV_SLOT_FIRST - 1, HV_SLOT_FIRST,
                                      HV_SLOT_LAST, HV_SLOT_LAST + 1, PT_ENTRIES - 1 };
    return slots[fuzz_byte(in) % ARRAY_SIZE(slots)];
}

/* An entry naming a chosen frame: usually one a guest might really write (present, some of
 * RW/US/A/D/NX), sometimes with one bit the rules refuse, empty, or the previous entry with
 * one bit flipped (the XSA-182 shape: same frame, RW toggled). */
static uint64_t fuzz_pte(struct fuzz_in *in)
{
    static const uint64_t flips[] = { _PAGE_PRESENT, _PAGE_RW, _PAGE_USER, _PAGE_PWT,
                                      _PAGE_PCD, _PAGE_ACCESSED, _PAGE_DIRTY, _PAGE_PSE };
    static const uint64_t bad[] = { _PAGE_PWT, _PAGE_PCD, _PAGE_PSE, _PAGE_GLOBAL };
    uint8_t pick = fuzz_byte(in), more = fuzz_byte(in);
    uint64_t pte = mm_fake_pte(fuzz_mfn(in), 0);

    if ((more & 0x30) == 0x30)
        return in->last_pte ^= flips[pick % ARRAY_SIZE(flips)];
    if ((more & 0xc) == 0xc)
        return in->last_pte = 0;
    pte |= (pick & 0x80) ? 0 : _PAGE_PRESENT;
    pte |= (pick & 1 ? _PAGE_RW : 0) | (pick & 2 ? _PAGE_USER : 0);
    pte |= (pick & 4 ? _PAGE_ACCESSED : 0) | (pick & 8 ? _PAGE_DIRTY : 0);
    pte |= (pick & 0x10) ? _PAGE_NX : 0;
    if ((more & 0xc0) == 0xc0)
        pte |= bad[(pick >> 5) & 3];
    return in->last_pte = pte;
}

#define FUZZ_VA_PAGES 7   /* pages 0-7 under each of L4 slots 0-3 */

static vaddr_t fuzz_va(struct fuzz_in *in)
{
    uint8_t b = fuzz_byte(in);

    if (b == 0xff)
        return HV_AREA_START;
    return ((vaddr_t)(b & 3) << L4_SHIFT) | ((vaddr_t)((b >> 2) & FUZZ_VA_PAGES) << PAGE_SHIFT);
}

static vaddr_t fuzz_ptr(struct fuzz_in *in, vaddr_t good)
{
    return fuzz_byte(in) == 0xff ? BAD_VA : good;
}

static void act_mmu_update(struct fuzz_in *in)
{
    unsigned n = fuzz_byte(in) % 4 + 1;

    for (unsigned i = 0; i < n; i++) {
        uint8_t how = fuzz_byte(in);
        uint64_t ptr = in->last_ptr;
        if (how & 1)
            ptr = MA(fuzz_mfn(in), fuzz_slot(in)) | ((how >> 1) & MMU_UPDATE_CMD_MASK);
        in->last_ptr = ptr;
        mm_guest_put_req(i, ptr, fuzz_pte(in));
    }
    (void)hc_mmu_update(fuzz_ptr(in, REQS), n, fuzz_ptr(in, PDONE), DOMID_SELF);
}

static void act_mmuext(struct fuzz_in *in)
{
    uint32_t cmd = fuzz_byte(in) % (MMUEXT_UNMARK_SUPER + 1);
    unsigned long m = fuzz_mfn(in);

    mm_guest_put_op(0, cmd, cmd == MMUEXT_NEW_USER_BASEPTR && (m & 1) ? 0 : m, REQS);
    (void)hc_mmuext_op(REQS, 1, fuzz_ptr(in, PDONE), DOMID_SELF);
}

static void act_update_va(struct fuzz_in *in)
{
    vaddr_t va = fuzz_va(in);
    uint64_t val = fuzz_pte(in);

    (void)hc_update_va_mapping(va, val, fuzz_byte(in) & (UVMF_FLUSHTYPE_MASK | UVMF_ALL), 0);
}

/* The guest writes a frame directly: only possible for its frames with no page-table type
 * (page tables are never mapped writable). */
static void act_guest_write(struct fuzz_in *in)
{
    unsigned long m = fuzz_mfn(in);
    unsigned slot = fuzz_slot(in);
    uint64_t pte = fuzz_pte(in);
    const struct frame_info *fi = frame_lookup(_mfn(m));

    if (fi && fi->owner == FAKE_DOM_A && !(fi->flags & FRAME_F_SHARED) &&
        fi->type == FRAME_TYPE_WRITABLE)
        mm_fake_pt(m)[slot] = pte;
}

/* The guest fills the first entries of one of its writable frames, preparing a table. */
#define FUZZ_FILL_MAX 8

static void act_guest_fill(struct fuzz_in *in)
{
    unsigned long m = fuzz_mfn(in);
    unsigned n = fuzz_byte(in) % FUZZ_FILL_MAX;
    const struct frame_info *fi = frame_lookup(_mfn(m));
    bool writable = fi && fi->owner == FAKE_DOM_A && !(fi->flags & FRAME_F_SHARED) &&
                    fi->type == FRAME_TYPE_WRITABLE;

    for (unsigned i = 0; i < n; i++) {
        uint64_t pte = fuzz_pte(in);
        if (writable)
            mm_fake_pt(m)[i] = pte;
    }
}

static void fuzz_check(const char *when)
{
    if (mm_fake_audit(NULL, 0)) {
        fprintf(stderr, "fuzz_mm: audit failed after %s\n", when);
        abort();
    }
}

static void fuzz_teardown(void)
{
    mmu_vcpu_release(mm_current());
    ptype_unpin_all(FAKE_DOM_A);
    ptype_flush_if_due();
    for (unsigned long m = 0; m < FAKE_NR_FRAMES; m++) {
        const struct frame_info *fi = frame_lookup(_mfn(m));
        if (fi->count || fi->type_count || (fi->flags & FRAME_F_PINNED)) {
            fprintf(stderr, "fuzz_mm: mfn %lx still referenced after teardown\n", m);
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void (*const acts[])(struct fuzz_in *) = { act_mmu_update, act_mmuext,
                                                      act_update_va, act_guest_write,
                                                      act_guest_fill };
    static const char *const names[] = { "mmu_update", "mmuext_op", "update_va_mapping",
                                         "guest write", "guest fill" };
    struct fuzz_in in = { data, size, 0, MA(L1M, 0) };

    mm_guest_setup();
    while (in.n) {
        unsigned a = fuzz_byte(&in) % ARRAY_SIZE(acts);
        acts[a](&in);
        fuzz_check(names[a]);
    }
    fuzz_teardown();
    return 0;
}
