/* XENFEAT_* bit numbers reported by XENVER_get_features (Xen 4.17 <xen/features.h>). Bit n
 * of submap word n / 32; Keel sets only the bits it honours. */
#ifndef ABI_FEATURES_H
#define ABI_FEATURES_H

#define XENFEAT_writable_page_tables       0  /* guest may write page tables directly */
#define XENFEAT_writable_descriptor_tables 1
#define XENFEAT_auto_translated_physmap    2  /* HVM/PVH style; never for Keel's PV */
#define XENFEAT_supervisor_mode_kernel     3
#define XENFEAT_pae_pgdir_above_4gb        4  /* L3/L4 may sit anywhere in memory */
#define XENFEAT_mmu_pt_update_preserve_ad  5  /* MMU_PT_UPDATE_PRESERVE_AD is available */
#define XENFEAT_highmem_assist             6
#define XENFEAT_gnttab_map_avail_bits      7  /* GNTMAP_guest_avail bits are honoured */
#define XENFEAT_hvm_callback_vector        8
#define XENFEAT_hvm_safe_pvclock           9
#define XENFEAT_hvm_pirqs                  10
#define XENFEAT_dom0                       11 /* the domain is the initial domain */
#define XENFEAT_memory_op_vnode_supported  13
#define XENFEAT_ARM_SMCCC_supported        14
#define XENFEAT_linux_rsdp_unrestricted    15
#define XENFEAT_not_direct_mapped          16
#define XENFEAT_direct_mapped              17

#define XENFEAT_NR_SUBMAPS 1 /* 32-bit words in the feature bitmap */

#endif
