/* ring/ring_host.h: the barriers and index accessors ring/ring.h needs, for host programs
 * (tests, ringbench) built with GCC or Clang. Include this instead of ring/ring.h. The C11
 * memory model is the contract here; on x86-64 only ring_mb() emits an instruction. */
#ifndef RING_HOST_H
#define RING_HOST_H

/* Index accesses carry acquire/release themselves: ThreadSanitizer does not model standalone
 * fences, and with these it sees the happens-before edge that makes slot accesses race-free.
 * On x86-64 both are plain moves. */
#define ring_read_idx(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define ring_write_idx(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)

/* Slot accesses before -> later index store (release fence; no instruction on x86-64). */
#define ring_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
/* Index load -> later slot loads (acquire fence; no instruction on x86-64). */
#define ring_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
/* Index store -> later load of the peer's index (sequentially consistent fence). */
#define ring_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)

#include "ring/ring.h"

#endif /* RING_HOST_H */
