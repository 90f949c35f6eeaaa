/* Xen ELF note types (note name "Xen") a PV kernel uses to tell the domain builder how to load
 * it (Xen 4.17 <xen/elfnote.h>). The loader rules Keel applies are those of Xen's libelf. */
#ifndef ABI_ELFNOTE_H
#define ABI_ELFNOTE_H

#define XEN_ELFNOTE_NAME "Xen" /* Keel's name: the note owner string */

#define XEN_ELFNOTE_INFO               0
#define XEN_ELFNOTE_ENTRY              1  /* u64: entry VA (default e_entry) */
#define XEN_ELFNOTE_HYPERCALL_PAGE     2  /* u64: VA the hypervisor fills with stubs */
#define XEN_ELFNOTE_VIRT_BASE          3  /* u64: VA of physical 0 (default 0) */
#define XEN_ELFNOTE_PADDR_OFFSET       4  /* u64: subtracted from p_paddr (default 0) */
#define XEN_ELFNOTE_XEN_VERSION        5  /* str: must start with "xen-3.0" */
#define XEN_ELFNOTE_GUEST_OS           6  /* str */
#define XEN_ELFNOTE_GUEST_VERSION      7  /* str */
#define XEN_ELFNOTE_LOADER             8  /* str: "generic" unless GUEST_OS starts "linux" */
#define XEN_ELFNOTE_PAE_MODE           9  /* str: 32-bit guests only */
#define XEN_ELFNOTE_FEATURES           10 /* str: '|'-separated, '!' marks required */
#define XEN_ELFNOTE_BSD_SYMTAB         11 /* str: "yes" loads the symbol table */
#define XEN_ELFNOTE_HV_START_LOW       12 /* u64: 32-bit guests only */
#define XEN_ELFNOTE_L1_MFN_VALID       13 /* 2 x u64: mask and value (save/restore only) */
#define XEN_ELFNOTE_SUSPEND_CANCEL     14 /* u32 */
#define XEN_ELFNOTE_INIT_P2M           15 /* u64: VA for a separate p2m mapping */
#define XEN_ELFNOTE_MOD_START_PFN      16 /* u32: 1 = pass the initrd as an unmapped PFN */
#define XEN_ELFNOTE_SUPPORTED_FEATURES 17 /* u32: XENFEAT_* bitmap the kernel supports */
#define XEN_ELFNOTE_PHYS32_ENTRY       18 /* u32: PVH entry point (ignored for PV) */
#define XEN_ELFNOTE_MAX                XEN_ELFNOTE_PHYS32_ENTRY

/* Note types of Xen's crash dumps. */
#define XEN_ELFNOTE_CRASH_INFO              0x1000001
#define XEN_ELFNOTE_CRASH_REGS              0x1000002
#define XEN_ELFNOTE_DUMPCORE_NONE           0x2000000
#define XEN_ELFNOTE_DUMPCORE_HEADER         0x2000001
#define XEN_ELFNOTE_DUMPCORE_XEN_VERSION    0x2000002
#define XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION 0x2000003

#endif
