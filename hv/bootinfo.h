/* From the multiboot2 information to running memory management: prints the memory map,
 * sets aside what must never be handed out (image, information, modules), starts the frame
 * allocator over the rest and builds the direct map. */
#ifndef HV_BOOTINFO_H
#define HV_BOOTINFO_H

#include "hv/mb2.h"

/* The parsed boot information; valid after bootinfo_parse. */
extern struct boot_info boot_info;

/* Parses the information at info_pa; on malformed input prints why and panics (Keel cannot
 * run without a memory map). */
void bootinfo_parse(paddr_t info_pa);

/* Prints the memory map, starts the allocator and the direct map; panics if no usable
 * memory is left. */
void bootinfo_memory_init(void);

/* End of the highest usable RAM (after bootinfo_memory_init). */
paddr_t bootinfo_ram_top(void);

#endif
