/* keeltrace's decoders: hypercall arguments, results, PTE values and MMU requests as text. */
#include "tools/keeltrace/decode.h"

#include <inttypes.h>

#include "tools/keeltrace/names.h"

/* x86-64 PTE layout (Intel SDM vol. 3, 4.5). */
#define KT_PTE_FRAME_SHIFT 12
#define KT_PTE_FRAME_MASK UINT64_C(0x000ffffffffff000)   /* bits 12-51 */
#define KT_PTE_AVL_SHIFT 9
#define KT_PTE_AVL_MASK 0x7u
#define KT_PTE_P 0
#define KT_PTE_D 6
#define KT_PTE_BIT7 7
#define KT_PTE_NX 63
#define KT_PTE_SIZE 8u                               /* bytes per entry */
#define KT_PAGE_MASK UINT64_C(0xfff)
#define KT_MMU_CMD_MASK UINT64_C(0x3)                       /* mmu_update ptr bits 0-1 */
#define KT_MMU_ADDR_MASK (~UINT64_C(0x7))
#define KT_MMU_MACHPHYS_UPDATE 1u                    /* MMU_MACHPHYS_UPDATE */
#define KT_LEVEL_L1 1
#define KT_LEVEL_L3 3
#define KT_RESULT_DEC_MAX 0xffff                     /* larger results print in hex */

/* Xen's special domain ids (xen.h). */
#define KT_DOMID_FIRST_SPECIAL 0x7ff0u
static const char *const kt_domids[] = {
    "DOMID_SELF", "DOMID_IO", "DOMID_XEN", "DOMID_COW", "DOMID_INVALID",
};
#define KT_UVMF_FLUSH_MASK UINT64_C(0x3)
#define KT_UVMF_ALL UINT64_C(0x4)
static const char *const kt_uvmf_flush[] = { "NONE", "TLB_FLUSH", "INVLPG", "?" };

struct kt_pte_flag {
    unsigned int bit;
    const char *name;
};

static const struct kt_pte_flag kt_pte_flags[] = {
    { 0, "P" }, { 1, "RW" }, { 2, "US" }, { 3, "PWT" }, { 4, "PCD" }, { 5, "A" }, { 6, "D" },
    { 8, "G" }, { 63, "NX" },
};

void kt_format_domid(struct sbuf *s, uint64_t dom)
{
    if (dom >= KT_DOMID_FIRST_SPECIAL &&
        dom - KT_DOMID_FIRST_SPECIAL < sizeof(kt_domids) / sizeof(kt_domids[0]))
        sbuf_printf(s, "%s", kt_domids[dom - KT_DOMID_FIRST_SPECIAL]);
    else if (dom == KEEL_TRACE_DOMID_IDLE)
        sbuf_printf(s, "DOMID_IDLE");
    else
        sbuf_printf(s, "%" PRIu64, dom);
}

void kt_format_result(struct sbuf *s, int64_t result)
{
    const char *e = kt_errno_name(result);

    if (e)
        sbuf_printf(s, "-%s", e);
    else if (result >= 0 && result <= KT_RESULT_DEC_MAX)
        sbuf_printf(s, "%" PRId64, result);
    else if (result >= 0)
        sbuf_printf(s, "0x%" PRIx64, (uint64_t)result);
    else
        sbuf_printf(s, "%" PRId64, result);
}

/* Bit 7 is PAT in an L1 entry, PS in L2/L3, reserved in L4, unknown without a level. */
static const char *kt_bit7_name(unsigned int level)
{
    if (level == KT_LEVEL_L1)
        return "PAT";
    if (level > KT_LEVEL_L1 && level <= KT_LEVEL_L3)
        return "PS";
    return "b7";
}

void kt_format_pte(struct sbuf *s, uint64_t val, unsigned int level)
{
    const char *sep = "";
    uint64_t avl = (val >> KT_PTE_AVL_SHIFT) & KT_PTE_AVL_MASK;

    if (!(val & (UINT64_C(1) << KT_PTE_P))) {
        sbuf_printf(s, val ? "not-present(0x%" PRIx64 ")" : "empty", val);
        return;
    }
    sbuf_printf(s, "mfn=0x%" PRIx64 " ", (val & KT_PTE_FRAME_MASK) >> KT_PTE_FRAME_SHIFT);
    for (size_t i = 0; i < sizeof(kt_pte_flags) / sizeof(kt_pte_flags[0]); i++) {
        if (val & (UINT64_C(1) << kt_pte_flags[i].bit)) {
            sbuf_printf(s, "%s%s", sep, kt_pte_flags[i].name);
            sep = "|";
        }
        if (kt_pte_flags[i].bit == KT_PTE_D && (val & (UINT64_C(1) << KT_PTE_BIT7))) {
            sbuf_printf(s, "%s%s", sep, kt_bit7_name(level));
            sep = "|";
        }
    }
    if (avl)
        sbuf_printf(s, " avl=%" PRIu64, avl);
}

void kt_format_mmu_req(struct sbuf *s, uint64_t ptr, uint64_t val, unsigned int level)
{
    unsigned int cmd = (unsigned int)(ptr & KT_MMU_CMD_MASK);
    uint64_t ma = ptr & KT_MMU_ADDR_MASK;
    const char *name = kt_mmu_cmd_name(cmd);

    sbuf_printf(s, "%s ", name ? name : "?");
    if (cmd == KT_MMU_MACHPHYS_UPDATE) {   /* ptr names a frame, val its pfn */
        sbuf_printf(s, "mfn=0x%" PRIx64 " pfn=0x%" PRIx64, ma >> KT_PTE_FRAME_SHIFT, val);
        return;
    }
    if (level)
        sbuf_printf(s, "L%u", level);
    else
        sbuf_printf(s, "L?");
    sbuf_printf(s, "[%" PRIu64 "] of mfn=0x%" PRIx64 " := ", (ma & KT_PAGE_MASK) / KT_PTE_SIZE,
                ma >> KT_PTE_FRAME_SHIFT);
    kt_format_pte(s, val, level);
}

/* What arg1 and arg2 of each MMUEXT_* command mean (xen.h's mmuext_op comment). */
struct kt_mmuext_args {
    const char *arg1;
    const char *arg2;
};

static const struct kt_mmuext_args kt_mmuext_arg_names[] = {
    [0] = { "mfn", NULL }, [1] = { "mfn", NULL }, [2] = { "mfn", NULL }, [3] = { "mfn", NULL },
    [4] = { "mfn", NULL }, [5] = { "mfn", NULL }, [7] = { "va", NULL },
    [8] = { NULL, "vcpumask" }, [9] = { "va", "vcpumask" }, [11] = { "va", NULL },
    [13] = { "va", "nr_ents" }, [15] = { "mfn", NULL }, [16] = { "mfn", NULL },
    [17] = { "mfn", "src_mfn" }, [19] = { "mfn", NULL }, [20] = { "mfn", NULL },
};

void kt_format_mmuext(struct sbuf *s, unsigned int cmd, uint64_t arg1, uint64_t arg2)
{
    const char *name = kt_mmuext_name(cmd);
    struct kt_mmuext_args a = { "arg1", "arg2" };

    if (name) {
        sbuf_printf(s, "%s", name);
        a = cmd < sizeof(kt_mmuext_arg_names) / sizeof(a) ? kt_mmuext_arg_names[cmd]
                                                           : (struct kt_mmuext_args){ 0 };
    } else {
        sbuf_printf(s, "mmuext_%u", cmd);
    }
    if (a.arg1)
        sbuf_printf(s, " %s=0x%" PRIx64, a.arg1, arg1);
    if (a.arg2)
        sbuf_printf(s, " %s=0x%" PRIx64, a.arg2, arg2);
}

void kt_format_mask(struct sbuf *s, uint32_t mask)
{
    const char *sep = "";

    for (unsigned int c = KEEL_TRC_META + 1; c < KEEL_TRC_NR; c++) {
        if (mask & KEEL_TRC_BIT(c)) {
            sbuf_printf(s, "%s%s", sep, kt_class_name(c));
            sep = ",";
        }
    }
    if (!*sep)
        sbuf_printf(s, "none");
}

static void kt_format_uvmf(struct sbuf *s, uint64_t flags)
{
    sbuf_printf(s, "UVMF_%s|UVMF_%s", kt_uvmf_flush[flags & KT_UVMF_FLUSH_MASK],
                (flags & KT_UVMF_ALL) ? "ALL" : "LOCAL");
    if (flags & ~(KT_UVMF_FLUSH_MASK | KT_UVMF_ALL))
        sbuf_printf(s, "|vcpumask=0x%" PRIx64, flags & ~(KT_UVMF_FLUSH_MASK | KT_UVMF_ALL));
}

static void kt_format_arg(struct sbuf *s, const struct kt_hcall_desc *d, uint64_t nr,
                          unsigned int i, uint64_t v)
{
    const char *sub;

    switch (d->type[i]) {
    case KT_ARG_SUBOP:
        sub = kt_subop_name(nr, v);
        if (sub)
            sbuf_printf(s, "%s", sub);
        else
            sbuf_printf(s, "%" PRIu64, v);
        break;
    case KT_ARG_DEC: sbuf_printf(s, "%" PRIu64, v); break;
    case KT_ARG_DOMID: kt_format_domid(s, v); break;
    case KT_ARG_PTE: kt_format_pte(s, v, 0); break;
    case KT_ARG_UVMF: kt_format_uvmf(s, v); break;
    default: sbuf_printf(s, "0x%" PRIx64, v); break;
    }
}

void kt_format_call(struct sbuf *s, uint64_t nr, const uint64_t args[KEEL_TRACE_HCALL_ARGS])
{
    const struct kt_hcall_desc *d = kt_hcall_desc(nr);

    if (!d) {
        sbuf_printf(s, "hypercall_%" PRIu64 "(", nr);
        for (unsigned int i = 0; i < KEEL_TRACE_HCALL_ARGS; i++)
            sbuf_printf(s, "%s0x%" PRIx64, i ? ", " : "", args[i]);
        sbuf_printf(s, ")");
        return;
    }
    sbuf_printf(s, "%s(", d->name);
    for (unsigned int i = 0; i < d->nargs; i++) {
        sbuf_printf(s, "%s%s=", i ? ", " : "", d->arg[i]);
        kt_format_arg(s, d, nr, i, args[i]);
    }
    sbuf_printf(s, ")");
}
