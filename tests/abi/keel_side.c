/* Keel's side of the ABI conformance test: evaluates every entry of checks_*.h against Keel's
 * own abi/ headers (and nothing else). */
#include "abi/callback.h"
#include "abi/console_io.h"
#include "abi/elfnote.h"
#include "abi/errno.h"
#include "abi/evtchn.h"
#include "abi/features.h"
#include "abi/grant.h"
#include "abi/io_blkif.h"
#include "abi/io_console.h"
#include "abi/io_xenstore.h"
#include "abi/memory.h"
#include "abi/physdev.h"
#include "abi/sched.h"
#include "abi/shared_info.h"
#include "abi/start_info.h"
#include "abi/vcpu.h"
#include "abi/version.h"
#include "abi/xen.h"

#include "tests/abi/abi_check.h"

size_t abi_keel_table(struct abi_entry *out)
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
