/* The GDT and TSS. The hypervisor's descriptors sit in Xen's reserved area (entry 7168 on,
 * selector 0xe000), so guests see exactly Xen's selectors: 0xe008/0xe010 for the hypervisor,
 * 0xe023/0xe02b/0xe033 for guests (consecutive, as SYSRET needs), 0xe040 the TSS. The entries
 * below 7168 are left for guest GDT frames. */
#include "arch/x86_64/desc.h"
#include "arch/x86_64/x86.h"

#define GDT_ENTRIES (GDT_FIRST_RESERVED_ENTRY + 16)
#define GDT_IDX(sel) ((sel) >> 3)
#define IST_STACK_SIZE 4096
#define IST_COUNT 3

/* Descriptor values (reference 1.1): flat 4 GiB, granularity 4 KiB. */
#define DESC_HV_CS64 0x00af9b000000ffffUL
#define DESC_HV_DS 0x00cf93000000ffffUL
#define DESC_HV_CS32 0x00cf9b000000ffffUL
#define DESC_GUEST_CS32 0x00cffb000000ffffUL
#define DESC_GUEST_DS 0x00cff3000000ffffUL
#define DESC_GUEST_CS64 0x00affb000000ffffUL
#define DESC_TSS_AVAIL 0x0000890000000000UL   /* present, 64-bit TSS available */

static uint64_t gdt[GDT_ENTRIES] __aligned(PAGE_SIZE);
static struct tss64 tss __aligned(64);
static uint8_t ist_stacks[IST_COUNT][IST_STACK_SIZE] __aligned(16);

static uint64_t tss_desc_low(vaddr_t base, uint32_t limit)
{
    return DESC_TSS_AVAIL | (limit & 0xffffUL) | ((base & 0xffffffUL) << 16) |
           ((uint64_t)(limit >> 16 & 0xf) << 48) | ((base >> 24 & 0xffUL) << 56);
}

static void load_gdt(void)
{
    struct __packed { uint16_t limit; uint64_t base; } d = { sizeof(gdt) - 1, (uint64_t)gdt };

    __asm__ volatile("lgdt %0" : : "m"(d));
    __asm__ volatile("pushq %[cs]\n\t"
                     "leaq 1f(%%rip), %%rax\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "movl %[ds], %%eax\n\t"
                     "movl %%eax, %%ds\n\t"
                     "movl %%eax, %%es\n\t"
                     "movl %%eax, %%ss\n\t"
                     "xorl %%eax, %%eax\n\t"
                     "movl %%eax, %%fs\n\t"
                     "movl %%eax, %%gs"
                     : : [cs] "i"(SEL_HV_CS), [ds] "i"(SEL_HV_DS) : "rax", "memory");
    __asm__ volatile("ltr %w0" : : "r"(SEL_TSS));
}

void gdt_init(vaddr_t stack_top)
{
    vaddr_t base = (vaddr_t)&tss;

    gdt[GDT_IDX(SEL_HV_CS)] = DESC_HV_CS64;
    gdt[GDT_IDX(SEL_HV_DS)] = DESC_HV_DS;
    gdt[GDT_IDX(SEL_HV_CS32)] = DESC_HV_CS32;
    gdt[GDT_IDX(SEL_GUEST_CS32)] = DESC_GUEST_CS32;
    gdt[GDT_IDX(SEL_GUEST_DS)] = DESC_GUEST_DS;
    gdt[GDT_IDX(SEL_GUEST_CS64)] = DESC_GUEST_CS64;
    gdt[GDT_IDX(SEL_TSS)] = tss_desc_low(base, sizeof(tss) - 1);
    gdt[GDT_IDX(SEL_TSS) + 1] = base >> 32;

    tss.rsp[0] = stack_top;
    tss.ist[IST_NMI - 1] = (vaddr_t)ist_stacks[0] + IST_STACK_SIZE;
    tss.ist[IST_DF - 1] = (vaddr_t)ist_stacks[1] + IST_STACK_SIZE;
    tss.ist[IST_MC - 1] = (vaddr_t)ist_stacks[2] + IST_STACK_SIZE;
    tss.iomap_base = sizeof(tss);   /* no I/O bitmap: every port access from ring 3 faults */
    load_gdt();
}

void tss_set_rsp0(vaddr_t top)
{
    tss.rsp[0] = top;
}
