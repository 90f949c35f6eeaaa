/* Guest memory access by a software walk of the guest's page tables (the ones in CR3 during
 * a hypercall), so a bad pointer can never fault inside the hypervisor: it yields -EFAULT.
 * Large pages are not accepted (Keel's validator never lets a guest create one). A range
 * inside one page costs one walk; longer ones are checked page by page before a byte moves. */
#include "hv/guest_access.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"
#include "hv/mm/ptype.h"

#define PT_LEVELS 4

bool guest_range_ok(vaddr_t va, size_t n)
{
    vaddr_t last = va + n - 1;

    if (n == 0)
        return true;
    if (last < va || !va_is_canonical(va) || !va_is_canonical(last))
        return false;
    return last < HV_AREA_START || va >= HV_AREA_END;
}

/* Translations of recently used guest pages (one CPU: one cache). An entry is used only if
 * CR3 and the page match, no translation path changed since it was made (ptype_paths_gen:
 * every L2-L4 entry change and every page-table type loss moves it) and the L1 entry it
 * went through still holds the value it had; so it can never outlive the mapping it
 * caches, and a hit costs a few loads instead of a four-level walk. */
#define GUEST_XLAT_SLOTS 4

struct guest_xlat {
    bool valid, writable;
    paddr_t cr3;
    vaddr_t page;
    const pte_t *l1e;   /* the L1 entry, through the direct map */
    pte_t l1v;
    uint64_t gen;
};

static struct guest_xlat guest_xlat_cache[GUEST_XLAT_SLOTS];

static struct guest_xlat *guest_xlat_slot(vaddr_t va)
{
    return &guest_xlat_cache[(va >> PAGE_SHIFT) % GUEST_XLAT_SLOTS];
}

/* Walks the tables under cr3 for va; fills x on success. */
static bool guest_walk(paddr_t cr3, vaddr_t va, bool write, struct guest_xlat *x)
{
    uint64_t need = _PAGE_PRESENT | _PAGE_USER | (write ? _PAGE_RW : 0);
    uint64_t rw = _PAGE_RW;
    paddr_t table = cr3;
    const pte_t *slot = NULL;

    for (unsigned level = PT_LEVELS; level >= 1; level--) {
        slot = (const pte_t *)maddr_to_virt(table) + pt_index(va, level);
        pte_t e = *slot;
        if ((e & need) != need || (level > 1 && (e & _PAGE_PSE)))
            return false;
        rw &= e;
        table = e & PTE_ADDR_MASK;
    }
    *x = (struct guest_xlat){ true, rw != 0, cr3, va & PAGE_MASK, slot, *slot,
                              ptype_paths_gen };
    return true;
}

/* Machine address behind guest va from the cache, or ~0 when it holds no usable entry. */
static inline paddr_t guest_xlat_hit(vaddr_t va, bool write)
{
    const struct guest_xlat *x = guest_xlat_slot(va);

    if (x->valid && x->page == (va & PAGE_MASK) && x->gen == ptype_paths_gen &&
        *x->l1e == x->l1v && (x->writable || !write) &&
        x->cr3 == (read_cr3() & PTE_ADDR_MASK))
        return (x->l1v & PTE_ADDR_MASK) | (va & ~PAGE_MASK);
    return ~0UL;
}

/* Machine address behind guest va with the needed rights, or ~0 when there is none. */
static paddr_t guest_translate(vaddr_t va, bool write)
{
    struct guest_xlat *x = guest_xlat_slot(va);
    paddr_t pa = guest_xlat_hit(va, write);

    if (pa != ~0UL || !guest_walk(read_cr3() & PTE_ADDR_MASK, va, write, x))
        return pa;
    return (x->l1v & PTE_ADDR_MASK) | (va & ~PAGE_MASK);
}

/* Whether [va, va + n) is a non-empty range inside one page a guest may name. The
 * hypervisor's area starts and ends on page boundaries, so va alone decides. */
static inline bool guest_one_page(vaddr_t va, size_t n)
{
    return n && n <= PAGE_SIZE - (va & ~PAGE_MASK) && va_is_canonical(va) &&
           !(va >= HV_AREA_START && va < HV_AREA_END);
}

/* Counted from the last byte, not from va + n: a range that ends at the very top of the
 * address space has va + n == 0 (the hostile-guest scenario atk_mmu_update_bad_reqs). */
size_t guest_range_pages(vaddr_t va, size_t n)
{
    vaddr_t last = va + n - 1;

    if (n == 0)
        return 0;
    return (size_t)(((last & PAGE_MASK) - (va & PAGE_MASK)) >> PAGE_SHIFT) + 1;
}

/* Checks every page of the range first, so a failing copy moves nothing. */
static bool guest_range_mapped(vaddr_t gva, size_t n, bool write)
{
    vaddr_t p = gva & PAGE_MASK;

    for (size_t i = guest_range_pages(gva, n); i; i--, p += PAGE_SIZE)
        if (guest_translate(p < gva ? gva : p, write) == ~0UL)
            return false;
    return true;
}

/* Moves n bytes; whole words with one string iteration each when n allows (under -icount
 * every iteration of a rep instruction counts, and request arrays are multiples of 8). */
static inline void guest_move(void *dst, const void *src, size_t n)
{
    if (n % sizeof(uint64_t)) {
        __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
        return;
    }
    n /= sizeof(uint64_t);
    __asm__ volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

/* The common case, a range inside one page: a single walk. */
static int guest_copy_page(void *hv, vaddr_t gva, size_t n, bool to_guest)
{
    paddr_t pa = guest_translate(gva, to_guest);
    void *g;

    if (pa == ~0UL)
        return -XEN_EFAULT;
    g = maddr_to_virt(pa);
    if (to_guest)
        guest_move(g, hv, n);
    else
        guest_move(hv, g, n);
    return 0;
}

static int guest_copy(void *hv, vaddr_t gva, size_t n, bool to_guest)
{
    if (!guest_range_ok(gva, n))
        return -XEN_EFAULT;
    if (n && (gva & ~PAGE_MASK) + n <= PAGE_SIZE)
        return guest_copy_page(hv, gva, n, to_guest);
    if (!guest_range_mapped(gva, n, to_guest))
        return -XEN_EFAULT;
    while (n) {
        size_t chunk = PAGE_SIZE - (gva & ~PAGE_MASK);
        void *g = maddr_to_virt(guest_translate(gva, to_guest));
        if (chunk > n)
            chunk = n;
        if (to_guest)
            memcpy(g, hv, chunk);
        else
            memcpy(hv, g, chunk);
        hv = (uint8_t *)hv + chunk;
        gva += chunk;
        n -= chunk;
    }
    return 0;
}

/* Both start with the common case, kept free of calls: one page, a cached translation;
 * anything else (a miss, several pages, a bad range) goes the general way. */
int copy_from_guest(void *dst, vaddr_t src, size_t n)
{
    paddr_t pa;

    if (guest_one_page(src, n) && (pa = guest_xlat_hit(src, false)) != ~0UL) {
        guest_move(dst, maddr_to_virt(pa), n);
        return 0;
    }
    return guest_copy(dst, src, n, false);
}

int copy_to_guest(vaddr_t dst, const void *src, size_t n)
{
    paddr_t pa;

    if (guest_one_page(dst, n) && (pa = guest_xlat_hit(dst, true)) != ~0UL) {
        guest_move(maddr_to_virt(pa), src, n);
        return 0;
    }
    return guest_copy((void *)src, dst, n, true);
}
