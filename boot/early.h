/* Constants of the boot page tables built statically in boot/entry32.S: 2 MiB pages
 * identity-mapping the first 4 GiB, aliased into the direct map and the image window. */
#ifndef BOOT_EARLY_H
#define BOOT_EARLY_H

#define EARLY_TABLE_P_RW 0x3        /* present | writable */
#define EARLY_LARGE_P_RW 0x83       /* present | writable | page size (2 MiB) */
#define EARLY_L2_SHIFT 21
#define EARLY_L2_ENTRIES 2048       /* 4 GiB of 2 MiB pages: four L2 tables */
#define EARLY_L3_SLOT_IMAGE 322     /* L3 index of HV_VIRT_BASE */
#define EARLY_L4_SLOT_IMAGE 261     /* L4 index of HV_VIRT_BASE */
#define EARLY_L4_SLOT_DIRECTMAP 262 /* L4 index of DIRECTMAP_VIRT_START */
#define EARLY_PT_ENTRY_SIZE 8
#define EARLY_PAGE_SIZE 4096
#define EARLY_SEL_CS 0x08
#define EARLY_SEL_DS 0x10
#define BOOT_STACK_SIZE 16384

#define COM1_PORT 0x3f8
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define DEBUG_EXIT_PORT 0xf4
#define VGA_TEXT_PHYS 0xb8000
#define VGA_ATTR 0x4f

#endif
