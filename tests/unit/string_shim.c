/* Builds hv/lib/string.c unchanged under keel_* names, so host tests can call the
 * hypervisor's own primitives next to libc's without the two clashing at link time. */
#define memset keel_memset
#define memcpy keel_memcpy
#define memmove keel_memmove
#define memcmp keel_memcmp
#define strlen keel_strlen
#define strnlen keel_strnlen
#define strcmp keel_strcmp
#define strncmp keel_strncmp

#include "hv/lib/string.c"
