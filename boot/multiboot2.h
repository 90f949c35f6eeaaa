/* Multiboot2 header constants (the header Keel carries, not the boot information). */
#ifndef BOOT_MULTIBOOT2_H
#define BOOT_MULTIBOOT2_H

#define MB2_HEADER_MAGIC 0xe85250d6
#define MB2_ARCH_I386 0
#define MB2_HEADER_ALIGN 8
#define MB2_TAG_END 0
#define MB2_TAG_END_SIZE 8
#define MB2_LOADER_MAGIC 0x36d76289

#endif
