/* The hostile-guest toolkit, part 2: reading the attacker's own page tables (every table
 * frame is mapped read-only in the kernel mapping, found through the read-only M2P), finding
 * frames that are not the attacker's, and memory probes that turn a fault into a result. */
#include "tests/attacks/atk.h"

#include "abi/arch_x86.h"
#include "pvguest/mm.h"
#include "pvguest/pt.h"
#include "pvguest/tests/probe.h"
#include "pvguest/traps.h"

#define ATK_M2P_INVALID   (~xen_mk_ulong(0))
#define ATK_M2P_PER_PAGE  (ATK_PAGE_SIZE / MACH2PHYS_ENTRY_SIZE)
#define ATK_M2P_MAX_PAGES xen_mk_ulong(2048)      /* 4 GiB of frames: more than any test RAM */

static const volatile uint64_t *const atk_m2p_table =
    (const volatile uint64_t *)MACH2PHYS_VIRT_START;

uint64_t atk_m2p(uint64_t mfn)
{
    return atk_m2p_table[mfn];
}

/* pvguest runs on its own tree (pvguest/aspace.c); pt.c walks it through the direct map. */
uint64_t atk_root(void)
{
    return pt_root();
}

const volatile uint64_t *atk_table(uint64_t mfn)
{
    return pt_table(mfn);
}

long atk_entry(uint64_t va, unsigned level, uint64_t *ma, uint64_t *val)
{
    return pt_entry(pt_root(), va, level, ma, val);
}

uint64_t atk_hv_mfn(void)
{
    const volatile uint64_t *l4 = atk_table(atk_root());

    return l4 ? (l4[ATK_HV_SLOT_FIRST] & ATK_ADDR) >> ATK_PAGE_SHIFT : 0;
}

/* A frame with a valid M2P entry that is not one of ours belongs to another domain. */
static bool atk_is_foreign(uint64_t mfn)
{
    uint64_t pfn = atk_m2p(mfn);

    if (pfn == ATK_M2P_INVALID)
        return false;
    return pfn >= mm_end_pfn() || mm_pfn_to_mfn(pfn) != mfn;
}

uint64_t atk_foreign_mfn(void)
{
    for (uint64_t page = 0; page < ATK_M2P_MAX_PAGES; page++) {
        uint64_t first = page * ATK_M2P_PER_PAGE, probe;
        if (!atk_try_read((uint64_t)&atk_m2p_table[first], &probe))
            return 0;   /* the end of the M2P: past the last frame of RAM */
        for (uint64_t mfn = first ? first : 1; mfn < first + ATK_M2P_PER_PAGE; mfn++)
            if (atk_is_foreign(mfn))
                return mfn;
    }
    return 0;
}

/* ---- probes ---- */

bool atk_try_read(uint64_t va, uint64_t *val)
{
    struct gprs in = { { 0 } }, out;
    struct trap_frame f;

    in.r[GPR_RBX] = va;
    trap_expect(X86_EXC_PF, (uint64_t)probe_op_load_resume);
    probe_regs_call(&in, &out, (uint64_t)probe_op_load);
    if (trap_seen(&f))
        return false;
    *val = out.r[GPR_RBX];
    return true;
}

bool atk_try_write(uint64_t va, uint64_t val)
{
    struct gprs in = { { 0 } }, out;
    struct trap_frame f;

    in.r[GPR_RBX] = va;
    in.r[GPR_RDX] = val;
    trap_expect(X86_EXC_PF, (uint64_t)probe_op_store_resume);
    probe_regs_call(&in, &out, (uint64_t)probe_op_store);
    return !trap_seen(&f);
}
