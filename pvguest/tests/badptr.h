/* Guest addresses every hypercall must refuse with -EFAULT: inside the hypervisor's range
 * (both the guest-readable M2P and private memory: Xen refuses any address there before it
 * even tries), non-canonical, and unmapped. Tests iterate over them by index. */
#ifndef PVGUEST_TESTS_BADPTR_H
#define PVGUEST_TESTS_BADPTR_H

#include <stdbool.h>
#include <stdint.h>

/* Gives the i-th bad address and its description; false past the end of the list. */
bool badptr_get(unsigned int i, uint64_t *addr, const char **what);
/* A page the guest maps read-only (its boot L4): hypercall writes there must fail. */
uint64_t badptr_readonly_page(void);

#endif
