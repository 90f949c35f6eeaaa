/* Binary search over the sorted address table that the second link pass carries. */
#include "hv/symbols.h"

extern const uint64_t hv_symtab_count;
extern const uint64_t hv_symtab_addr[];
extern const uint32_t hv_symtab_name[];
extern const char hv_symtab_str[];
extern const char hv_text_start[], hv_text_end[];

const char *symbols_lookup(vaddr_t addr, uint64_t *offset)
{
    uint64_t lo = 0, hi = hv_symtab_count;

    if (addr < (vaddr_t)hv_text_start || addr >= (vaddr_t)hv_text_end || hi == 0)
        return NULL;
    while (hi - lo > 1) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (hv_symtab_addr[mid] <= addr)
            lo = mid;
        else
            hi = mid;
    }
    if (hv_symtab_addr[lo] > addr)
        return NULL;
    *offset = addr - hv_symtab_addr[lo];
    return hv_symtab_str + hv_symtab_name[lo];
}
