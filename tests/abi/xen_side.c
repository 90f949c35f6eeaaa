/* Xen's side of the ABI conformance test: evaluates every entry of checks_*.h against
 * Xen 4.17's public headers from Debian's libxen-dev, at the latest interface version they offer. */
#include <stddef.h>
#include <stdint.h>

#define __XEN_INTERFACE_VERSION__ 0x00040e00

/*
 * Xen's errno.h is an X-macro list: with XEN_ERRNO defined by the includer it expands only the
 * list. Expanding it with __XEN__ set also yields the two values Xen keeps internal (EINTR,
 * ERESTART), which Keel's abi/errno.h names too. Nothing else here depends on __XEN__.
 */
#define __XEN__
#define XEN_ERRNO(name, value) XEN_##name = (value),
enum abi_xen_errno {
#include <xen/errno.h>
};
#define XEN_ERRNO(name, value) "XEN_" #name,
const char *const abi_xen_errno_names[] = {
#include <xen/errno.h>
};
#undef __XEN__
const size_t abi_xen_errno_count = sizeof(abi_xen_errno_names) / sizeof(abi_xen_errno_names[0]);

#include <xen/xen.h>
#include <xen/callback.h>
#include <xen/elfnote.h>
#include <xen/event_channel.h>
#include <xen/features.h>
#include <xen/grant_table.h>
#include <xen/memory.h>
#include <xen/physdev.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/version.h>
#include <xen/io/blkif.h>
#include <xen/io/console.h>
#include <xen/io/xenbus.h>
#include <xen/io/xs_wire.h>

#define XEN_SIDE
#include "tests/abi/abi_check.h"

/* Xen spells the trap_info flag masks as accessor macros; apply them to an all-ones entry. */
static const struct trap_info ti_all_ones = { .flags = UINT8_MAX };
#define XEN_TI_DPL_MASK    TI_GET_DPL(&ti_all_ones)
#define XEN_TI_EVENTS_MASK TI_GET_IF(&ti_all_ones)

/* Xen sizes a shared ring at run time; this is its slot count for one page. */
#define XEN_BLKIF_RING_SIZE __CONST_RING_SIZE(blkif, XEN_PAGE_SIZE_FOR_RING)
#define XEN_PAGE_SIZE_FOR_RING (1 << XEN_PAGE_SHIFT)

size_t abi_xen_table(struct abi_entry *out)
{
    const struct abi_entry table[] = {
#include "tests/abi/checks_core.h"
#include "tests/abi/checks_ops.h"
#include "tests/abi/checks_mem.h"
#include "tests/abi/checks_io.h"
    };
    size_t n = sizeof(table) / sizeof(table[0]);

    for (size_t i = 0; i < n && i < ABI_MAX_ENTRIES; i++)
        out[i] = table[i];
    return n;
}
