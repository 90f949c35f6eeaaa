/* Guest memory access through the hardware MMU, as Xen does. Whenever the hypervisor copies
 * to or from a guest address, CR3 holds that guest's own page tables (a hypercall, a bounce
 * frame, a runstate update: all run for `current` with its tables loaded) and every L4 also
 * carries the hypervisor's slots, so a plain load or store sees exactly what the guest
 * would: Keel forces _PAGE_USER into every guest entry (pt_adjust_entry) and never lets a
 * guest map a large page, so "present" here means "present to the guest", and with CR0.WP a
 * store to a page the guest has read-only faults. The faulting instructions are few and
 * listed in the exception fixup table (arch/x86_64/extable.h): a #PF there resumes at a
 * label that returns -EFAULT instead of panicking the hypervisor.
 * What the MMU cannot refuse is refused first: a range that wraps, is non-canonical, or has
 * a byte in the hypervisor's slots 256-271 (they are mapped, supervisor-only, in every L4).
 * Keel never sets CR4.SMAP (arch/x86_64/cpu.c), so no STAC/CLAC is needed around the access.
 * The TLB entry of every guest page is dropped (INVLPG) just before the access: Keel does
 * not flush the TLB when an L1 entry changes (the guest flushes, as on Xen), so without it a
 * copy could go through a translation the guest has already revoked (the hostile-guest
 * scenario atk_guest_access_stale_translation); with it the access sees the guest's tables
 * as they are now, as the software walk this replaced did.
 * A copy is all or nothing: a range inside one page has one translation (it faults on its
 * first access or not at all); a longer one is probed page by page before a byte moves. */
#include "hv/guest_access.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/extable.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"

/* A range that does not wrap lies in one of the guest's two areas (GUEST_LOW_END) exactly
 * when its last byte is below the first or its first byte is in the second. */
bool guest_range_ok(vaddr_t va, size_t n)
{
    vaddr_t last = va + n - 1;

    if (n == 0)
        return true;
    return last >= va && (last < GUEST_LOW_END || va >= HV_AREA_END);
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

/* Moves n bytes from src to dst (one of them a guest address in an accepted range): 0, or
 * -EFAULT when the guest's tables refuse the access. Whole words with one string iteration
 * each when n allows (under -icount every iteration of a rep instruction counts). */
static inline int guest_move(void *dst, const void *src, size_t n)
{
    if (n % sizeof(uint64_t) == 0) {
        __asm__ goto("movq %0, %%rdi\n\t"
                     "movq %1, %%rsi\n\t"
                     "movq %2, %%rcx\n\t"
                     "1: rep movsq\n\t"
                     EXTABLE_ENTRY("1b", "%l[fault]")
                     : : "r"(dst), "r"(src), "r"(n / sizeof(uint64_t))
                     : "rdi", "rsi", "rcx", "memory" : fault);
        return 0;
    }
    __asm__ goto("movq %0, %%rdi\n\t"
                 "movq %1, %%rsi\n\t"
                 "movq %2, %%rcx\n\t"
                 "1: rep movsb\n\t"
                 EXTABLE_ENTRY("1b", "%l[fault]")
                 : : "r"(dst), "r"(src), "r"(n)
                 : "rdi", "rsi", "rcx", "memory" : fault);
    return 0;
fault:
    return -XEN_EFAULT;
}

/* Whether the guest may read (write) the byte at va. The write probe is an atomic OR of
 * zero: it needs write access but changes nothing. */
static bool guest_probe(vaddr_t va, bool write)
{
    if (write)
        __asm__ goto("1: lock orb $0, (%0)\n\t"
                     EXTABLE_ENTRY("1b", "%l[fault]")
                     : : "r"(va) : "memory", "cc" : fault);
    else
        __asm__ goto("1: movb (%0), %%al\n\t"
                     EXTABLE_ENTRY("1b", "%l[fault]")
                     : : "r"(va) : "rax", "memory" : fault);
    return true;
fault:
    return false;
}

/* Drops the TLB entry of every page of an accepted range and probes one byte of each, so a
 * copy that would fail part-way fails before it moves anything. */
static bool guest_range_accessible(vaddr_t va, size_t n, bool write)
{
    for (size_t i = guest_range_pages(va, n); i; i--) {
        invlpg(va);
        if (!guest_probe(va, write))
            return false;
        va = (va & PAGE_MASK) + PAGE_SIZE;
    }
    return true;
}

/* The hot case (a range inside one page) is the range check, one INVLPG and one string
 * move. */
static inline int guest_copy(void *dst, const void *src, vaddr_t gva, size_t n, bool write)
{
    if (!guest_range_ok(gva, n))
        return -XEN_EFAULT;
    if ((gva & ~PAGE_MASK) + n <= PAGE_SIZE)
        invlpg(gva);
    else if (!guest_range_accessible(gva, n, write))
        return -XEN_EFAULT;
    return guest_move(dst, src, n);
}

int copy_from_guest(void *dst, vaddr_t src, size_t n)
{
    return guest_copy(dst, (const void *)src, src, n, false);
}

int copy_to_guest(vaddr_t dst, const void *src, size_t n)
{
    return guest_copy((void *)dst, src, dst, n, true);
}
