/* The MMU hypercall tests' guest: its tree and its argument arrays. */
#include <stdlib.h>
#include <string.h>

#include "abi/mmu.h"
#include "hv/mm/mmu_op.h"
#include "hv/mm/ptype.h"
#include "tests/unit/mm_guest.h"

void mm_guest_setup(void)
{
    mm_fake_reset();
    mm_fake_pt(L4M)[0] = mm_fake_pte(L3M, P | RW);
    mm_fake_pt(L3M)[0] = mm_fake_pte(L2M, P | RW);
    mm_fake_pt(L2M)[0] = mm_fake_pte(L1M, P | RW);
    mm_fake_pt(L1M)[0] = mm_fake_pte(A(5), P | RW);
    mm_fake_pt(L1M)[1] = mm_fake_pte(A(6), P);
    if (ptype_pin(_mfn(L4M), FRAME_TYPE_L4, mm_current()) ||
        mmu_set_baseptr(mm_current(), _mfn(L4M), false))
        abort();
    mm_fake = (struct mm_fake_stats){ 0 };
}

void mm_guest_put_u32(vaddr_t va, uint32_t x)
{
    memcpy(mm_fake_guest + (va - FAKE_GUEST_VA), &x, sizeof(x));
}

uint32_t mm_guest_get_u32(vaddr_t va)
{
    uint32_t x;

    memcpy(&x, mm_fake_guest + (va - FAKE_GUEST_VA), sizeof(x));
    return x;
}

void mm_guest_put_req(unsigned i, uint64_t ptr, uint64_t val)
{
    struct mmu_update r = { ptr, val };

    memcpy(mm_fake_guest + i * sizeof(r), &r, sizeof(r));
}

void mm_guest_put_op(unsigned i, uint32_t cmd, uint64_t arg1, uint64_t arg2)
{
    struct mmuext_op op = { .cmd = cmd };

    op.arg1.mfn = arg1;
    op.arg2.src_mfn = arg2;
    memcpy(mm_fake_guest + i * sizeof(op), &op, sizeof(op));
}
