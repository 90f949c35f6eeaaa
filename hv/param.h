/* Tunables: limits and defaults that are policy, in one place. */
#ifndef HV_PARAM_H
#define HV_PARAM_H

#define MAX_DOMAINS 8                 /* domains built from boot modules */
#define DOM_DEFAULT_MEM (32UL << 20)  /* mem= when a module line gives none */
#define DOM_MIN_MEM (4UL << 20)
#define DOM_MAX_MEM (4UL << 30)
#define CONSOLE_IO_CHUNK 256          /* bytes copied from a guest per console step */
#define CONSOLE_IO_MAX 65536          /* longest single CONSOLEIO_write honoured */
#define GUEST_LINE_MAX 160            /* console line buffered per domain before a flush */

#endif
