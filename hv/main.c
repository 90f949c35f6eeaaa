/* hv_start: the first C code. Order matters: descriptor tables first (so a fault is
 * reported), then the console, the boot information, memory, and finally the domains. */
#include "hv/env.h"
#include "hv/bootinfo.h"
#include "hv/cmdline.h"
#include "hv/console.h"
#include "hv/exitcode.h"
#include "hv/dombuild.h"
#include "hv/hvtest.h"
#include "hv/hypercall.h"
#include "hv/sched.h"
#include "hv/time/time.h"
#include "hv/mm/frame_alloc.h"
#include "hv/mm/frame.h"
#include "hv/mm/m2p.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/syscall.h"
#include "arch/x86_64/x86.h"
#include "hv/panic.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/desc.h"
#include "arch/x86_64/pic.h"
#include "arch/x86_64/power.h"
#include "boot/multiboot2.h"

extern char boot_stack_top[];
extern uint64_t hv_idle_cr3;

void hv_start(uint32_t magic, uint32_t info_pa);

static void banner(void)
{
    printk("\nKeel %s (x86_64 paravirtual hypervisor), command line: '%s'\n",
           KEEL_VERSION, boot_info.cmdline);
    printk("hv: loader '%s', %s boot, %u module(s)\n", boot_info.loader,
           boot_info.efi ? "UEFI" : "BIOS", boot_info.nr_mods);
}

static unsigned nr_kernel_modules, nr_built;

static bool is_initrd(const struct mb2_module *m)
{
    return strncmp(m->cmdline, "initrd", sizeof("initrd") - 1) == 0;
}

/* Every module is a domain, except that a module whose line begins with "initrd" is the
 * ramdisk of the domain just before it. */
static void build_domains(void)
{
    for (unsigned i = 0; i < boot_info.nr_mods; i++) {
        const struct mb2_module *m = &boot_info.mods[i];
        const struct mb2_module *rd = NULL;
        if (is_initrd(m)) {
            printk("hv: module %u: initrd with no kernel before it, ignored\n", i);
            continue;
        }
        if (i + 1 < boot_info.nr_mods && is_initrd(&boot_info.mods[i + 1]))
            rd = &boot_info.mods[i + 1];
        nr_kernel_modules++;
        if (dombuild(m, i, rd) == 0)
            nr_built++;
    }
}

/* The frame table: one entry per machine frame up to the top of RAM, in frames of its own. */
static void frame_table_setup(uint64_t nr_frames)
{
    uint64_t frames = (nr_frames * sizeof(struct frame_info) + PAGE_SIZE - 1) >> PAGE_SHIFT;
    mfn_t m = frame_alloc_contig(frames, 1);

    if (!mfn_valid(m))
        panic("out of memory for the frame table (%lu frames)", frames);
    memset(maddr_to_virt(mfn_to_paddr(m)), 0, frames << PAGE_SHIFT);
    frame_table_init(maddr_to_virt(mfn_to_paddr(m)), nr_frames);
}

/* What guests need from the CPU and memory: the SYSCALL entry, int3/into allowed from ring 3,
 * and the M2P table. */
static void guest_support_init(void)
{
    hv_idle_cr3 = read_cr3();
    syscall_init();
    idt_set_dpl3(X86_EXC_BP, true);
    idt_set_dpl3(X86_EXC_OF, true);
    if (m2p_init(bootinfo_ram_top() >> PAGE_SHIFT))
        panic("out of memory for the M2P table");
    frame_table_setup(bootinfo_ram_top() >> PAGE_SHIFT);
    printk("hv: free frames before domains: %lu\n", frame_alloc_free_count());
    domain_audit_init(boot_info.cmdline);
    sched_set_frame_baseline(frame_alloc_free_count());
}

void hv_start(uint32_t magic, uint32_t info_pa)
{
    gdt_init((vaddr_t)boot_stack_top);
    idt_init();
    pic_init();
    console_init_serial();
    if (magic != MB2_LOADER_MAGIC)
        panic("bad multiboot2 magic %x", magic);
    cpu_init();
    bootinfo_parse(info_pa);
    if (boot_info.vga_text && !boot_info.efi)
        console_init_vga();
    banner();
    power_set_rsdp(boot_info.rsdp, boot_info.rsdp_revision);
    bootinfo_memory_init();
    hvtest_run(boot_info.cmdline);
    trace_boot_init(boot_info.cmdline);
    guest_support_init();
    time_init();
    build_domains();
    if (domain_nr_running() == 0) {
        printk("hv: no domains to run, powering off\n");
        hv_shutdown(nr_kernel_modules ? KEEL_EXIT_DOMAIN_CRASH : KEEL_EXIT_OK);
    }
    sched_start();
}
