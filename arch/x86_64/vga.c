/* VGA text console: writes characters with a fixed attribute, scrolls at the bottom. */
#include "arch/x86_64/vga.h"
#include "arch/x86_64/types.h"

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR_GREY 0x0700
#define TAB_WIDTH 8

static volatile uint16_t *vga_buf;
static unsigned vga_row, vga_col;

void vga_init(void *text_buffer)
{
    vga_buf = text_buffer;
    for (unsigned i = 0; i < VGA_COLS * VGA_ROWS; i++)
        vga_buf[i] = VGA_ATTR_GREY | ' ';
    vga_row = vga_col = 0;
}

static void vga_scroll(void)
{
    for (unsigned i = 0; i < VGA_COLS * (VGA_ROWS - 1); i++)
        vga_buf[i] = vga_buf[i + VGA_COLS];
    for (unsigned i = 0; i < VGA_COLS; i++)
        vga_buf[VGA_COLS * (VGA_ROWS - 1) + i] = VGA_ATTR_GREY | ' ';
    vga_row = VGA_ROWS - 1;
}

static void vga_newline(void)
{
    vga_col = 0;
    if (++vga_row == VGA_ROWS)
        vga_scroll();
}

void vga_putc(char c)
{
    if (!vga_buf)
        return;
    if (c == '\n') {
        vga_newline();
        return;
    }
    if (c == '\r')
        return;
    if (c == '\t') {
        vga_col = (vga_col + TAB_WIDTH) & ~(TAB_WIDTH - 1u);
        if (vga_col >= VGA_COLS)
            vga_newline();
        return;
    }
    vga_buf[vga_row * VGA_COLS + vga_col] = VGA_ATTR_GREY | (uint8_t)c;
    if (++vga_col == VGA_COLS)
        vga_newline();
}
