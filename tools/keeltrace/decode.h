/* keeltrace's decoders: hypercall calls, results, PTEs, MMU requests and domain ids as text
 * (for dump lines and timeline arguments). Invariant: output is bounded by the sbuf. */
#ifndef KT_DECODE_H
#define KT_DECODE_H

#include <stdint.h>

#include "abi/keel_trace.h"
#include "tools/keeltrace/sbuf.h"

/* "hcall,mm" for a mask (meta left out). */
void kt_format_mask(struct sbuf *s, uint32_t mask);
/* "name(arg=value, ...)" with arguments decoded by type. */
void kt_format_call(struct sbuf *s, uint64_t nr, const uint64_t args[KEEL_TRACE_HCALL_ARGS]);
/* "-EPERM", "0", "4096". */
void kt_format_result(struct sbuf *s, int64_t result);
/* A PTE value: "mfn=0x1234 P|RW|US|A|D|NX"; level 1-4 decides what bit 7 means, 0 unknown. */
void kt_format_pte(struct sbuf *s, uint64_t val, unsigned int level);
void kt_format_domid(struct sbuf *s, uint64_t dom);
/* One mmu_update request: command, PTE address, value. */
void kt_format_mmu_req(struct sbuf *s, uint64_t ptr, uint64_t val, unsigned int level);
/* One mmuext_op: name and the arguments its cmd uses. */
void kt_format_mmuext(struct sbuf *s, unsigned int cmd, uint64_t arg1, uint64_t arg2);

#endif
