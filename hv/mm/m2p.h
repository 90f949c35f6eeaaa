/* The machine-to-physical table guests read at 0xffff800000000000 (8 bytes per machine
 * frame: the guest frame number its owner uses, or ~0). Guests see it read-only; the
 * hypervisor writes it through the direct map. */
#ifndef HV_MM_M2P_H
#define HV_MM_M2P_H

#include "hv/env.h"

#define M2P_INVALID (~0UL)

/* Builds the table for frames 0 .. nr_frames-1 (all M2P_INVALID) and maps it in the
 * hypervisor's L4 slot 256, user-readable. Returns 0 or -XEN_ENOMEM. */
int m2p_init(uint64_t nr_frames) __must_check;

uint64_t m2p_get(mfn_t m);

#endif
