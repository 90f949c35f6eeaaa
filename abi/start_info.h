/* start_info: the page a PV guest finds at rsi on entry, describing its memory, console,
 * xenstore and boot modules. Layout equals Xen 4.17's <xen/xen.h> (x86_64). */
#ifndef ABI_START_INFO_H
#define ABI_START_INFO_H

#include "abi/types.h"

/* start_info.magic for a 64-bit PV guest (Keel's name for Xen's "xen-<version>-<platform>"). */
#define XEN_START_INFO_MAGIC "xen-3.0-x86_64"
#define XEN_START_INFO_MAGIC_SIZE 32 /* Keel's name */

#define MAX_GUEST_CMDLINE 1024

/* start_info.flags */
#define SIF_PRIVILEGED      (1 << 0) /* the domain is privileged */
#define SIF_INITDOMAIN      (1 << 1) /* the initial control domain */
#define SIF_MULTIBOOT_MOD   (1 << 2) /* mod_start is a multiboot module list */
#define SIF_MOD_START_PFN   (1 << 3) /* mod_start is a PFN, the module is not mapped */
#define SIF_VIRT_P2M_4TOOLS (1 << 4) /* tools understand a virtually mapped p2m */
#define SIF_PM_MASK         (0xFF << 8) /* reserved for power-management options */

#ifndef __ASSEMBLY__

struct start_info {
    /* Filled on boot and on resume. */
    char        magic[XEN_START_INFO_MAGIC_SIZE]; /* XEN_START_INFO_MAGIC, NUL-padded */
    xen_ulong_t nr_pages;     /* pages allocated to the domain */
    xen_ulong_t shared_info;  /* machine address of the shared_info page */
    uint32_t    flags;        /* SIF_* */
    xen_pfn_t   store_mfn;    /* frame of the xenstore ring page */
    uint32_t    store_evtchn; /* its event channel */
    union {
        struct {
            xen_pfn_t mfn;    /* frame of the console ring page */
            uint32_t  evtchn; /* its event channel */
        } domU;
        struct {
            uint32_t info_off;  /* offset of a dom0_vga_console_info in this page */
            uint32_t info_size; /* its size */
        } dom0;
    } console;
    /* Filled on boot only. */
    xen_ulong_t pt_base;      /* VA of the boot L4 */
    xen_ulong_t nr_pt_frames; /* number of boot page-table frames */
    xen_ulong_t mfn_list;     /* VA of the p2m list (one xen_pfn_t per guest page) */
    xen_ulong_t mod_start;    /* VA of the boot module, or its PFN with SIF_MOD_START_PFN */
    xen_ulong_t mod_len;      /* module size in bytes */
    int8_t      cmd_line[MAX_GUEST_CMDLINE]; /* NUL-terminated guest command line */
    xen_ulong_t first_p2m_pfn; /* first PFN of the XEN_ELFNOTE_INIT_P2M mapping's frames */
    xen_ulong_t nr_p2m_frames; /* how many */
};
typedef struct start_info start_info_t;
_Static_assert(sizeof(struct start_info) == 1168, "start_info size");
_Static_assert(offsetof(struct start_info, nr_pages) == 32, "start_info.nr_pages");
_Static_assert(offsetof(struct start_info, flags) == 48, "start_info.flags");
_Static_assert(offsetof(struct start_info, store_mfn) == 56, "start_info.store_mfn");
_Static_assert(offsetof(struct start_info, store_evtchn) == 64, "start_info.store_evtchn");
_Static_assert(offsetof(struct start_info, console.domU.mfn) == 72, "console.domU.mfn");
_Static_assert(offsetof(struct start_info, console.domU.evtchn) == 80, "console.domU.evtchn");
_Static_assert(offsetof(struct start_info, pt_base) == 88, "start_info.pt_base");
_Static_assert(offsetof(struct start_info, mfn_list) == 104, "start_info.mfn_list");
_Static_assert(offsetof(struct start_info, cmd_line) == 128, "start_info.cmd_line");
_Static_assert(offsetof(struct start_info, first_p2m_pfn) == 1152, "first_p2m_pfn");

#endif /* !__ASSEMBLY__ */

#endif
