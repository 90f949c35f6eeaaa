/* pvguest's C entry: record start_info, install traps, set up the allocator, move to its own
 * page tables (unless aspace=builder), read the command line, run the selected tests and power
 * off (or crash, if the setup itself failed). */
#include "abi/start_info.h"
#include "pvguest/aspace.h"
#include "pvguest/boot.h"
#include "pvguest/cmdline.h"
#include "pvguest/console.h"
#include "pvguest/heap.h"
#include "pvguest/events.h"
#include "pvguest/mm.h"
#include "pvguest/shutdown.h"
#include "pvguest/string.h"
#include "pvguest/test.h"
#include "pvguest/time.h"
#include "pvguest/traps.h"

void pvg_main(const struct start_info *si) __attribute__((noreturn));

static void pvg_banner(const struct start_info *si)
{
    char magic[XEN_START_INFO_MAGIC_SIZE + 1];
    char line[MAX_GUEST_CMDLINE + 1];

    memcpy(magic, si->magic, XEN_START_INFO_MAGIC_SIZE);
    magic[XEN_START_INFO_MAGIC_SIZE] = '\0';
    memcpy(line, si->cmd_line, MAX_GUEST_CMDLINE);
    line[MAX_GUEST_CMDLINE] = '\0';
    printk("pvguest: %s, %lu pages, flags 0x%x\n", magic, si->nr_pages, si->flags);
    printk("pvguest: cmdline \"%s\"\n", line);
    printk("pvguest: pt_base %lx nr_pt_frames %lu mfn_list %lx\n", si->pt_base,
           si->nr_pt_frames, si->mfn_list);
}

/* aspace=builder keeps the builder's page tables (a test of the builder's own state). */
static void pvg_own_address_space(const struct start_info *si)
{
    const char *opt = cmdline_get("aspace");
    long rc;

    if (opt && !strcmp(opt, "builder")) {
        aspace_keep_builder(si);
        printk("pvguest: keeping the builder's page tables\n");
        return;
    }
    rc = aspace_switch(si);
    if (!rc)
        rc = heap_init();
    if (rc) {
        printk("pvguest: own address space failed: %ld\n", rc);
        shutdown_crash();
    }
    printk("pvguest: own page tables: L4 mfn %lx, all %lu pages mapped\n", aspace_l4(),
           mm_mapped_end());
}

void pvg_main(const struct start_info *si)
{
    long rc;
    const char *role;

    cmdline_init((const char *)si->cmd_line);
    pvg_banner(si);
    rc = boot_init(si);
    if (rc)
        printk("pvguest: cannot map shared_info: %ld\n", rc);
    rc = trap_init();
    if (rc) {
        printk("pvguest: trap_init failed: %ld\n", rc);
        shutdown_crash();
    }
    events_init();
    rc = time_init();
    if (rc)
        printk("pvguest: no timer events (bind VIRQ_TIMER: %ld)\n", rc);
    rc = mm_init(si);
    if (rc) {
        printk("pvguest: mm_init failed: %ld\n", rc);
        shutdown_crash();
    }
    pvg_own_address_space(si);
    role = cmdline_get("role");
    printk("pvguest: role %s, %lu free pages (pfn %lu..%lu, mapped below %lu)\n",
           role ? role : "app", mm_free_pages(), mm_first_pfn(), mm_end_pfn(),
           mm_mapped_end());
    test_run(cmdline_get("test"));
    shutdown_poweroff();
}
