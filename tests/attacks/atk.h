/* The hostile-guest toolkit: what every attack scenario of tests/attacks/ uses to get frames of
 * its own, turn them into page tables, find frames it must not touch (the hypervisor's,
 * another domain's, none at all), call the MMU hypercalls raw, check that a refused attempt
 * changed nothing, and end with the hypervisor's frame audit (Keel's debug_op). */
#ifndef TESTS_ATTACKS_ATK_H
#define TESTS_ATTACKS_ATK_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/errno.h"
#include "abi/mmu.h"
#include "abi/xen.h"
#include "pvguest/test.h"

/* PTE bits (hardware constants) the attacks set on purpose. */
#define ATK_P    xen_mk_ulong(0x001)
#define ATK_RW   xen_mk_ulong(0x002)
#define ATK_US   xen_mk_ulong(0x004)
#define ATK_PWT  xen_mk_ulong(0x008)
#define ATK_PCD  xen_mk_ulong(0x010)
#define ATK_A    xen_mk_ulong(0x020)
#define ATK_D    xen_mk_ulong(0x040)
#define ATK_PSE  xen_mk_ulong(0x080)   /* PAT in an L1 entry */
#define ATK_G    xen_mk_ulong(0x100)
#define ATK_ADDR xen_mk_ulong(0x000ffffffffff000)

#define ATK_DATA_RW  (ATK_P | ATK_RW | ATK_A | ATK_D)   /* a writable data mapping */
#define ATK_DATA_RO  (ATK_P | ATK_A)                   /* a read-only one */
#define ATK_TABLE    (ATK_P | ATK_RW | ATK_US | ATK_A)  /* an L2-L4 entry */

#define ATK_LEVELS   4
#define ATK_ENTRIES  512
#define ATK_PAGE_SHIFT 12
#define ATK_PAGE_SIZE  (xen_mk_ulong(1) << ATK_PAGE_SHIFT)

/* L4 slots Keel (like Xen) keeps for itself in every L4 (0xffff800000000000-0xffff87ff...). */
#define ATK_HV_SLOT_FIRST 256
#define ATK_HV_SLOT_LAST  271

/* A frame beyond all RAM of the test machines: the local APIC's page. */
#define ATK_MFN_BEYOND_RAM xen_mk_ulong(0xfee00)

/* One page of the attacker's own memory, with its VA in the kernel mapping. */
struct atk_page {
    uint64_t pfn, mfn;
    volatile uint64_t *va;
};

/* Allocates a page mapped writable at p->va and zeroes it: 0 or -XEN_ENOMEM. */
long atk_page_get(struct atk_page *p);
/* Maps p at its VA read-only (it may then become a page table) or writable again. */
long atk_page_ro(const struct atk_page *p);
long atk_page_rw(const struct atk_page *p);
/* Removes p's mapping: its VA becomes a free slot of the kernel's L1. */
long atk_page_unmap(const struct atk_page *p);
/* Maps p writable again (if needed) and frees it. Never fails the scenario: a page that
 * cannot be made writable (still a page table after a failure) is leaked and reported. */
void atk_page_put(const struct atk_page *p);

/* A free slot of the kernel's L1: the VA of one of our pages whose mapping was removed, and
 * the machine address of its (now empty) L1 entry. Attacks try to map things there. */
struct atk_slot {
    struct atk_page page;
    uint64_t va, ma;
};
long atk_slot_get(struct atk_slot *s);
void atk_slot_put(const struct atk_slot *s);
/* The slot's L1 entry now (~0 if it cannot be read). */
uint64_t atk_slot_entry(const struct atk_slot *s);
/* Passes when rc == want and the slot's entry is still empty. */
int atk_slot_refused(struct test_ctx *t, const char *what, const struct atk_slot *s, long rc,
                     long want);

/* A page table of level `level` made from p: read-only mapping, then pinned. */
long atk_table_pin(const struct atk_page *p, unsigned level);
long atk_table_unpin(const struct atk_page *p);

/* Machine address of entry idx of the table in frame mfn. */
uint64_t atk_ma(uint64_t mfn, unsigned idx);

/* Raw hypercalls (through the hypercall page); results as the hypervisor returned them. */
long atk_mmu_update(const void *reqs, uint64_t count, void *pdone, uint64_t foreigndom);
long atk_mmuext(const void *ops, uint64_t count, void *pdone, uint64_t foreigndom);
long atk_uva(uint64_t va, uint64_t val, uint64_t flags);
long atk_multicall(const void *list, uint64_t count);
/* One request / one command, DOMID_SELF, with done checked: rc, or -XEN_EIO when done is
 * inconsistent with rc. */
long atk_mmu1(uint64_t ma, uint64_t val);
long atk_ext1(unsigned cmd, uint64_t arg1);

/* The current L4's frame, and the level-`level` entry that maps va: its machine address
 * and current value (0, or -XEN_ENOENT when a table above it is missing). */
uint64_t atk_root(void);
long atk_entry(uint64_t va, unsigned level, uint64_t *ma, uint64_t *val);
/* The table in frame mfn through a read-only mapping the domain has (NULL if none). */
const volatile uint64_t *atk_table(uint64_t mfn);

/* Frames the attacker must never be able to use: one of the hypervisor's (the L3 behind
 * L4 slot ATK_HV_SLOT_FIRST) and one of another running domain (0 if none was found). */
uint64_t atk_hv_mfn(void);
uint64_t atk_foreign_mfn(void);
/* M2P entry of mfn (reads the read-only table at MACH2PHYS_VIRT_START). */
uint64_t atk_m2p(uint64_t mfn);

/* Memory probes that survive a fault: true when the access went through. */
bool atk_try_read(uint64_t va, uint64_t *val);
bool atk_try_write(uint64_t va, uint64_t val);

/* Verdict helpers: a failure naming what, what came back and what Xen's ABI requires. */
int atk_expect(struct test_ctx *t, const char *what, long got, long want);

/* Runs one scenario body, then Keel's audit (debug_op): a clean body becomes a FAILURE on any
 * audit mismatch, and an ERROR when the audit is off (audit=1 missing). */
int atk_run(struct test_ctx *t, int (*body)(struct test_ctx *t));

#endif
