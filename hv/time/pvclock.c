/* The pvclock scale. The frequency is shifted into (1 GHz, 2 GHz] so that ns per shifted
 * tick lies in [1/2, 1) and its 0.32 fixed-point fraction keeps 31-32 significant bits. */
#include "hv/time/pvclock.h"

#define FRAC_SHIFT 32
#define TWO_GHZ (2 * NS_PER_SEC)

struct pvclock_scale pvclock_scale_for(uint64_t tsc_hz)
{
    struct pvclock_scale s = { .mul = 0, .shift = 0 };
    uint64_t f = tsc_hz;

    while (f > TWO_GHZ) {
        f >>= 1;
        s.shift--;
    }
    while (f <= NS_PER_SEC) {
        f <<= 1;
        s.shift++;
    }
    /* 1e9 * 2^32 < 2^64 and f in (1e9, 2e9]: the quotient is in [2^31, 2^32). */
    s.mul = (uint32_t)((NS_PER_SEC << FRAC_SHIFT) / f);
    return s;
}

uint64_t pvclock_scale_delta(uint64_t delta, struct pvclock_scale s)
{
    if (s.shift < 0)
        delta >>= -s.shift;
    else
        delta <<= s.shift;
    return (uint64_t)(((unsigned __int128)delta * s.mul) >> FRAC_SHIFT);
}

uint64_t pvclock_ns_to_tsc(uint64_t ns, uint64_t tsc_khz)
{
    uint64_t ms = ns / NS_PER_MS, rest = ns % NS_PER_MS;

    return ms * tsc_khz + (rest * tsc_khz + NS_PER_MS - 1) / NS_PER_MS;
}
