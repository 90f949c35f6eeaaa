/* pvguest's Xen ELF notes (namespace "Xen", abi/elfnote.h), read by the domain builder before
 * it loads the image: XEN_VERSION must start "xen-3.0" and LOADER must be "generic" (Xen's
 * elf_xen_note_check), addresses follow pvguest.ld (VIRT_BASE, PADDR_OFFSET 0). */
#include "abi/elfnote.h"
#include "pvguest/layout.h"

/* One note: namesz, descsz, type, "Xen\0", then the descriptor, each padded to 4 bytes.
 * (GNU as strips the quotes of a macro argument, so string notes quote it again.) */
.macro  xen_note_begin type:req
        .balign 4
        .long   2f - 1f
        .long   4f - 3f
        .long   \type
1:      .asciz  "Xen"
2:      .balign 4
3:
.endm

.macro  xen_note_str type:req, value:req
        xen_note_begin \type
        .asciz  "\value"
4:      .balign 4
.endm

.macro  xen_note_quad type:req, value:req
        xen_note_begin \type
        .quad   \value
4:      .balign 4
.endm

        .section .note.Xen, "a", @note
        xen_note_str  XEN_ELFNOTE_GUEST_OS, "pvguest"
        xen_note_str  XEN_ELFNOTE_GUEST_VERSION, KEEL_VERSION
        xen_note_str  XEN_ELFNOTE_XEN_VERSION, "xen-3.0"
        xen_note_str  XEN_ELFNOTE_LOADER, "generic"
        xen_note_quad XEN_ELFNOTE_VIRT_BASE, PVG_VIRT_BASE
        xen_note_quad XEN_ELFNOTE_PADDR_OFFSET, 0
        xen_note_quad XEN_ELFNOTE_ENTRY, pvg_start
        xen_note_quad XEN_ELFNOTE_HYPERCALL_PAGE, hypercall_page
        /* Nothing required ('!'): pvguest does direct paging as every 64-bit PV guest must;
         * "dom0" only says it may run as the hardware domain. */
        xen_note_str  XEN_ELFNOTE_FEATURES, "dom0"
