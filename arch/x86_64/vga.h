/* VGA text-mode screen (80x25 at 0xb8000), for BIOS boots on PCs without a serial port. */
#ifndef ARCH_X86_64_VGA_H
#define ARCH_X86_64_VGA_H

void vga_init(void *text_buffer);
void vga_putc(char c);

#endif
