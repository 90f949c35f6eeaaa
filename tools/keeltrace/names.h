/* keeltrace's name tables: Xen's hypercall, sub-op, errno, MMU and shutdown names by number,
 * and how each hypercall's arguments are shown. Numbers are Xen 4.17's
 * public ABI (checked against /usr/include/xen by tests/trace/test_names.c). */
#ifndef KT_NAMES_H
#define KT_NAMES_H

#include <stdint.h>

#include "abi/keel_trace.h"

#define KT_HCALL_MAX 64         /* hypercall numbers this table covers: 0..63 */

const char *kt_hcall_name(uint64_t nr);                 /* NULL if unknown */
long kt_hcall_number(const char *name);                 /* name or decimal; -1 if unknown */
const char *kt_subop_name(uint64_t nr, uint64_t cmd);   /* cmd of hypercall nr, or NULL */
const char *kt_errno_name(int64_t result);              /* "EPERM" for -1, or NULL */
const char *kt_mmuext_name(unsigned int cmd);
const char *kt_mmu_cmd_name(unsigned int cmd);          /* ptr bits 0-1 of mmu_update */
const char *kt_vector_name(unsigned int vector);
const char *kt_shutdown_name(unsigned int reason);
const char *kt_gnttab_name(unsigned int cmd);
const char *kt_class_name(unsigned int cls);

/* Parses a class list as the hypervisor's trace= does ("hcall,mm", "all"). 0 or -1. */
int kt_parse_classes(const char *s, uint32_t *mask);

/* Hypercall argument descriptors: how kt_format_call shows each argument. */
enum kt_arg_type { KT_ARG_HEX, KT_ARG_DEC, KT_ARG_SUBOP, KT_ARG_DOMID, KT_ARG_PTE, KT_ARG_UVMF };

struct kt_hcall_desc {
    const char *name;
    const char *const *subops;  /* names of arg 0 when it is a sub-op */
    unsigned int nsubops;
    uint64_t subop_mask;        /* bits of arg 0 that select the sub-op */
    unsigned int nargs;
    const char *arg[KEEL_TRACE_HCALL_ARGS];
    enum kt_arg_type type[KEEL_TRACE_HCALL_ARGS];
};

/* The descriptor of hypercall nr, or NULL. */
const struct kt_hcall_desc *kt_hcall_desc(uint64_t nr);

#endif
