/* hv_start: the first C code. Order matters: descriptor tables first (so a fault is
 * reported), then the console, the boot information, memory, and finally the domains. */
#include "hv/env.h"
#include "hv/bootinfo.h"
#include "hv/cmdline.h"
#include "hv/console.h"
#include "hv/exitcode.h"
#include "hv/hvtest.h"
#include "hv/panic.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/desc.h"
#include "arch/x86_64/power.h"
#include "boot/multiboot2.h"

extern char boot_stack_top[];

void hv_start(uint32_t magic, uint32_t info_pa);

static void banner(void)
{
    printk("\nKeel %s (x86_64 paravirtual hypervisor), command line: '%s'\n",
           KEEL_VERSION, boot_info.cmdline);
    printk("hv: loader '%s', %s boot, %u module(s)\n", boot_info.loader,
           boot_info.efi ? "UEFI" : "BIOS", boot_info.nr_mods);
}

void hv_start(uint32_t magic, uint32_t info_pa)
{
    gdt_init((vaddr_t)boot_stack_top);
    idt_init();
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
    printk("hv: no domains to run, powering off\n");
    hv_shutdown(KEEL_EXIT_OK);
}
