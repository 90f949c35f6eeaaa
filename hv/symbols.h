/* The hypervisor's own symbol table, linked into hv.elf (tools/gen-symtab.sh), for
 * backtraces: address -> function+offset. */
#ifndef HV_SYMBOLS_H
#define HV_SYMBOLS_H

#include "hv/env.h"

/* Name of the function containing addr and the offset into it; NULL if none. */
const char *symbols_lookup(vaddr_t addr, uint64_t *offset);

#endif
