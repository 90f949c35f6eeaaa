/* Layout arithmetic of the domain builder: how many page tables map [v_start, v_end) when
 * the tables themselves lie inside it (a fixed point, reached in a few rounds). */
#include "hv/dombuild_layout.h"
#include "arch/x86_64/pte.h"

#define PAD_MIN (512UL << 10)
#define END_ALIGN (4UL << 20)
#define LAYOUT_ROUNDS 8

static uint64_t round_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }

static uint64_t span_count(uint64_t start, uint64_t end, unsigned shift)
{
    return ((end - 1) >> shift) - (start >> shift) + 1;
}

int dom_layout_compute(struct dom_layout *l, uint64_t v_start, uint64_t v_kend,
                       uint64_t initrd_len, uint64_t nr_pages)
{
    uint64_t cur = round_up(v_kend, PAGE_SIZE), nr_pt = 1;

    l->v_start = v_start;
    l->v_kend = cur;
    l->v_initrd = cur;
    l->initrd_len = initrd_len;
    cur += round_up(initrd_len, PAGE_SIZE);
    l->v_p2m = cur;
    cur += round_up(nr_pages * sizeof(uint64_t), PAGE_SIZE);
    l->v_si = cur;
    l->v_store = cur + PAGE_SIZE;
    l->v_cons = cur + 2 * PAGE_SIZE;
    l->v_pt = cur + 3 * PAGE_SIZE;
    for (unsigned round = 0; round < LAYOUT_ROUNDS; round++) {
        l->v_stack = l->v_pt + nr_pt * PAGE_SIZE;
        l->v_end = round_up(l->v_stack + PAGE_SIZE + PAD_MIN, END_ALIGN);
        l->nr_l3 = span_count(v_start, l->v_end, L4_SHIFT);
        l->nr_l2 = span_count(v_start, l->v_end, L3_SHIFT);
        l->nr_l1 = span_count(v_start, l->v_end, L2_SHIFT);
        if (1 + l->nr_l3 + l->nr_l2 + l->nr_l1 == nr_pt)
            break;
        nr_pt = 1 + l->nr_l3 + l->nr_l2 + l->nr_l1;
    }
    l->nr_pt = nr_pt;
    if (l->v_end < v_start || (l->v_end - v_start) / PAGE_SIZE > nr_pages)
        return -XEN_ENOMEM;
    return 0;
}
