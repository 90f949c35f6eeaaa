/* The domain builder: turns a boot module (a Xen PV kernel ELF, plus an optional initrd
 * module) into a ready-to-run domain with Xen's start-of-day layout. */
#ifndef HV_DOMBUILD_H
#define HV_DOMBUILD_H

#include "hv/domain.h"
#include "hv/mb2.h"

/* Builds a domain from mod (and initrd when not NULL). On a bad image or option prints a
 * message naming the module and the reason and returns a negative Xen errno; nothing of
 * the domain is left behind. */
int dombuild(const struct mb2_module *mod, unsigned mod_index, const struct mb2_module *initrd)
    __must_check;

#endif
