/* pvguest's symbol lookup: a binary search over the sorted address array that symtab.sh
 * generates; the name of entry i is at pvg_sym_names + pvg_sym_name_off[i]. */
#include "pvguest/symbols.h"

extern const uint64_t pvg_sym_addr[];
extern const uint32_t pvg_sym_name_off[];
extern const char pvg_sym_names[];
extern const uint64_t pvg_sym_count;
extern const char pvg_image_start[], pvg_image_end[];

bool symbols_lookup(uint64_t addr, const char **name, uint64_t *offset)
{
    uint64_t lo = 0, hi = pvg_sym_count;

    if (!hi || addr < pvg_sym_addr[0] || addr >= (uint64_t)pvg_image_end)
        return false;
    while (hi - lo > 1) { /* invariant: pvg_sym_addr[lo] <= addr < pvg_sym_addr[hi] */
        uint64_t mid = lo + (hi - lo) / 2;

        if (pvg_sym_addr[mid] <= addr)
            lo = mid;
        else
            hi = mid;
    }
    *name = pvg_sym_names + pvg_sym_name_off[lo];
    *offset = addr - pvg_sym_addr[lo];
    return true;
}
