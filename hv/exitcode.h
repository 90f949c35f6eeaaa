/* What Keel tells QEMU's isa-debug-exit device (port 0xf4) when it stops; QEMU exits with
 * status (value << 1) | 1. Tests read the status to tell how a run ended. */
#ifndef HV_EXITCODE_H
#define HV_EXITCODE_H

#define KEEL_EXIT_OK 0x10           /* every domain shut down normally: status 33 */
#define KEEL_EXIT_DOMAIN_CRASH 0x11 /* some domain crashed: status 35 */
#define KEEL_EXIT_PANIC 0x12        /* hypervisor panic or boot failure: status 37 */

#endif
