/* The PV console ring page (Xen 4.17 <xen/io/console.h>): two byte rings with free-running
 * 32-bit indices, masked by the ring size on access. in = to the guest, out = from it. */
#ifndef ABI_IO_CONSOLE_H
#define ABI_IO_CONSOLE_H

#include "abi/types.h"

#define XENCONS_IN_SIZE  1024 /* Keel's name: bytes of the in ring */
#define XENCONS_OUT_SIZE 2048 /* Keel's name: bytes of the out ring */

#ifndef __ASSEMBLY__

typedef uint32_t XENCONS_RING_IDX;

/*
 *   0     in[1024]   backend produces (in_prod), guest consumes (in_cons)
 *   1024  out[2048]  guest produces (out_prod), backend consumes (out_cons)
 *   3072  in_cons  3076 in_prod  3080 out_cons  3084 out_prod
 */
struct xencons_interface {
    char in[XENCONS_IN_SIZE];
    char out[XENCONS_OUT_SIZE];
    XENCONS_RING_IDX in_cons, in_prod;
    XENCONS_RING_IDX out_cons, out_prod;
};
_Static_assert(sizeof(struct xencons_interface) == 3088, "xencons_interface size");
_Static_assert(offsetof(struct xencons_interface, out) == 1024, "xencons.out");
_Static_assert(offsetof(struct xencons_interface, in_cons) == 3072, "xencons.in_cons");
_Static_assert(offsetof(struct xencons_interface, in_prod) == 3076, "xencons.in_prod");
_Static_assert(offsetof(struct xencons_interface, out_cons) == 3080, "xencons.out_cons");
_Static_assert(offsetof(struct xencons_interface, out_prod) == 3084, "xencons.out_prod");

#endif /* !__ASSEMBLY__ */

#endif
