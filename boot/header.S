/* The multiboot2 header: GRUB finds it in the first 32 KiB of hv.elf and loads the image by
 * its ELF program headers. Only the mandatory fields and the end tag: Keel needs nothing else
 * from the loader (text mode stays text mode under BIOS). */
#include "boot/multiboot2.h"

    .section .mb2header, "a"
    .balign MB2_HEADER_ALIGN
mb2_header_start:
    .long MB2_HEADER_MAGIC
    .long MB2_ARCH_I386
    .long mb2_header_end - mb2_header_start
    .long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header_start))
    /* end tag: type 0, flags 0, size 8 */
    .short MB2_TAG_END
    .short 0
    .long MB2_TAG_END_SIZE
mb2_header_end:
