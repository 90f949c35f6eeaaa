/* pvguest's own symbol table (text symbols, sorted by address), linked into the image by the
 * two-pass build (symtab.sh), so crashes name functions without any host help. */
#ifndef PVGUEST_SYMBOLS_H
#define PVGUEST_SYMBOLS_H

#include <stdbool.h>
#include <stdint.h>

/* Finds the function containing addr; false if addr is outside every known function. */
bool symbols_lookup(uint64_t addr, const char **name, uint64_t *offset);

#endif
