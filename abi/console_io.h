/* console_io sub-ops (Xen 4.17 <xen/xen.h>): the hypervisor's own console, used by guests
 * before they have a console ring. Keel prefixes each written line with the domain. */
#ifndef ABI_CONSOLE_IO_H
#define ABI_CONSOLE_IO_H

#define CONSOLEIO_write 0 /* console_io(CONSOLEIO_write, count, buf): print count bytes */
#define CONSOLEIO_read  1 /* console_io(CONSOLEIO_read, count, buf): take up to count bytes */

#endif
