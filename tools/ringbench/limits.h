/* tools/ringbench/limits.h: the physical limits every ring result is compared with, measured
 * in the same run on the same two CPUs: the round trip of cache lines between the cores, and
 * the bandwidth of writing 4 KiB buffers on one core and checksumming them on the other. */
#ifndef RINGBENCH_LIMITS_H
#define RINGBENCH_LIMITS_H

#include <stdint.h>

struct limits {
    double rtt1_p50_ns; /* one line written by each side in turn */
    double rtt2_p50_ns; /* two lines each way (data line, then flag line) */
    double copy_gbs;    /* 4 KiB write + checksum, GB/s */
};

/* Round trip p50 in ns with `lines` lines each way (1 or 2); samples round trips. <0: error. */
double limits_pingpong(int lines, uint64_t samples);
/* 4 KiB buffers through nbufs slots, bytes per second / 1e9. <0: checksum mismatch. */
double limits_copy(uint32_t nbufs, uint64_t bufs);

#endif /* RINGBENCH_LIMITS_H */
