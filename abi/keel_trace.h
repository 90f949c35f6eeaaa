/* Keel's trace stream: the binary records the hypervisor emits and keeltrace decodes (a Keel
 * extension; Xen has no equivalent ABI). Invariant: every layout below is fixed-width, little
 * endian, 8-byte granular, and checked by _Static_assert; docs/trace.md draws it. */
#ifndef ABI_KEEL_TRACE_H
#define ABI_KEEL_TRACE_H

#include <stdint.h>

/*
 * The stream is one stream header followed by blocks; a block holds whole records of one CPU.
 *
 *   stream:  [stream header 32 B][block][block][block] ...
 *   block:   [block header 16 B][record][record] ...        (len bytes of records)
 *   record:  [record header 16 B][payload: nwords x 8 B]
 *
 * A reader that meets damaged bytes scans for the next block magic whose checksum matches, so
 * one bad byte costs one block, not the rest of the file.
 */

/* ---- Stream header: once, at the start of the stream. ---------------------------------- */
#define KEEL_TRACE_STREAM_MAGIC 0x5352544bu   /* "KTRS" as little-endian bytes */
#define KEEL_TRACE_VERSION_MAJOR 2            /* a reader refuses another major */
#define KEEL_TRACE_VERSION_MINOR 0            /* new minors only add kinds or trailing words */

struct keel_trace_stream_hdr {
    uint32_t magic;          /* KEEL_TRACE_STREAM_MAGIC */
    uint16_t version_major;
    uint16_t version_minor;
    uint16_t hdr_size;       /* sizeof(struct keel_trace_stream_hdr) */
    uint16_t nr_cpus;        /* CPUs that own a buffer */
    uint32_t class_mask;     /* KEEL_TRC_* bits enabled when the stream started */
    uint64_t tsc_khz;        /* timestamp frequency in kHz; 0 if unknown */
    uint32_t buf_bytes;      /* size of each per-CPU buffer */
    uint32_t reserved;       /* zero */
};
_Static_assert(sizeof(struct keel_trace_stream_hdr) == 32, "stream header size");
_Static_assert(__builtin_offsetof(struct keel_trace_stream_hdr, tsc_khz) == 16, "tsc_khz");

/* ---- Block header: frames the records drained from one CPU's buffer. -------------------- */
#define KEEL_TRACE_BLOCK_MAGIC 0x4252544bu    /* "KTRB" as little-endian bytes */
#define KEEL_TRACE_BLOCK_MAX_LEN 0xfff8u      /* largest len a block may declare */

struct keel_trace_block_hdr {
    uint32_t magic;          /* KEEL_TRACE_BLOCK_MAGIC */
    uint16_t cpu;            /* the buffer these records came from */
    uint16_t len;            /* bytes of records after this header; a multiple of 8 */
    uint32_t seq;            /* per-CPU block count: a gap means the channel lost a block */
    uint32_t csum;           /* folded keel_trace_csum over header bytes 0..11, then records */
};
_Static_assert(sizeof(struct keel_trace_block_hdr) == 16, "block header size");
_Static_assert(__builtin_offsetof(struct keel_trace_block_hdr, csum) == 12, "csum offset");

#define KEEL_TRACE_WORD 8u                    /* payload granule in bytes */
#define KEEL_TRACE_CSUM_SEED 0xcbf29ce484222325ull   /* FNV-1a 64-bit offset basis */
#define KEEL_TRACE_CSUM_PRIME 0x00000100000001b3ull  /* FNV 64-bit prime */
#define KEEL_TRACE_CSUM_COVERED 12u           /* header bytes covered (all but csum) */
#define KEEL_TRACE_CSUM_HALF 4u               /* a trailing half word */
#define KEEL_TRACE_CSUM_FOLD 32               /* the 64-bit state folds to 32 bits */

/* FNV-style hash over little-endian 64-bit words (since 2.0: a word costs what a byte did in
 * 1.x's byte-wise FNV-1a), continuing from h (start with KEEL_TRACE_CSUM_SEED). n is a
 * multiple of 4; a trailing 4 bytes count as one zero-extended word. */
static inline uint64_t keel_trace_csum(uint64_t h, const void *p, uint32_t n)
{
    const uint8_t *b = (const uint8_t *)p;
    uint32_t i;

    for (i = 0; i + KEEL_TRACE_WORD <= n; i += KEEL_TRACE_WORD) {
        uint64_t w;

        __builtin_memcpy(&w, b + i, sizeof(w));
        h = (h ^ w) * KEEL_TRACE_CSUM_PRIME;
    }
    if (n - i == KEEL_TRACE_CSUM_HALF) {
        uint32_t w;

        __builtin_memcpy(&w, b + i, sizeof(w));
        h = (h ^ w) * KEEL_TRACE_CSUM_PRIME;
    }
    return h;
}

/* The block header's csum field: the 64-bit state folded. */
static inline uint32_t keel_trace_csum_fold(uint64_t h)
{
    return (uint32_t)(h ^ (h >> KEEL_TRACE_CSUM_FOLD));
}

/* ---- Record header: every record starts with it. ---------------------------------------- */
struct keel_trace_rec {
    uint64_t tsc;            /* trace clock (TSC) when the record was made */
    uint16_t event;          /* KEEL_TEV_*: class in the high byte, kind in the low byte */
    uint16_t domid;          /* domain on whose behalf (KEEL_TRACE_DOMID_IDLE: none) */
    uint16_t vcpu;           /* vCPU of that domain (the CPU number for the idle domain) */
    uint8_t cpu;             /* physical CPU */
    uint8_t nwords;          /* payload length in 8-byte words following this header */
};
_Static_assert(sizeof(struct keel_trace_rec) == 16, "record header size");
_Static_assert(__builtin_offsetof(struct keel_trace_rec, nwords) == 15, "nwords offset");

#define KEEL_TRACE_DOMID_IDLE 0x7fffu         /* Xen's DOMID_IDLE */

/* ---- Classes: bit (1 << class) of the class mask. --------------------------------------- */
#define KEEL_TRC_META 0    /* stream bookkeeping (lost records, mask changes): always on */
#define KEEL_TRC_HCALL 1   /* hypercall entry/exit, multicall entries */
#define KEEL_TRC_MM 2      /* mmu_update and mmuext_op batch entries */
#define KEEL_TRC_EVT 3     /* event channel sends, upcalls */
#define KEEL_TRC_SCHED 4   /* vCPU switches */
#define KEEL_TRC_TRAP 5    /* exceptions bounced to a guest */
#define KEEL_TRC_DOM 6     /* domain create, crash, shutdown */
#define KEEL_TRC_GRANT 7   /* grant table operations */
#define KEEL_TRC_NR 8

#define KEEL_TRC_BIT(c) (1u << (c))
#define KEEL_TRC_ALL ((1u << KEEL_TRC_NR) - 1u)

#define KEEL_TEV_CLASS_SHIFT 8
#define KEEL_TEV(cls, kind) ((uint16_t)(((cls) << KEEL_TEV_CLASS_SHIFT) | (kind)))
#define KEEL_TEV_CLASS(ev) ((unsigned)(ev) >> KEEL_TEV_CLASS_SHIFT)

/* ---- Events and their payloads. A payload may grow at its end in a later minor version: a
 * reader takes the fields it knows and ignores extra words. ------------------------------- */

/* Records dropped since the last report: the buffer was full or the CPU was already inside
 * the recorder (an interrupt during a record). Never silent. */
#define KEEL_TEV_LOST KEEL_TEV(KEEL_TRC_META, 1)
struct keel_tr_lost {
    uint64_t count;          /* records dropped */
    uint64_t first_tsc;      /* clock at the first drop */
};

/* The class mask changed (boot option or the trace_op hypercall). */
#define KEEL_TEV_MASK KEEL_TEV(KEEL_TRC_META, 2)
struct keel_tr_mask {
    uint32_t old_mask;
    uint32_t new_mask;
};

/* Hypercall entry: the number and the argument registers (rdi rsi rdx r10 r8 r9) the
 * hypercall takes: nwords - 1 of them (all six for a number the hypervisor does not know).
 * A reader takes the missing ones as not passed. */
#define KEEL_TEV_HCALL_ENTRY KEEL_TEV(KEEL_TRC_HCALL, 1)
#define KEEL_TR_HCALL_ENTRY_MIN_BYTES 8u      /* nr alone */
#define KEEL_TRACE_HCALL_ARGS 6
struct keel_tr_hcall_entry {
    uint64_t nr;
    uint64_t args[KEEL_TRACE_HCALL_ARGS];
};

/* Hypercall exit: the result in rax and the clock cycles since the entry record. */
#define KEEL_TEV_HCALL_EXIT KEEL_TEV(KEEL_TRC_HCALL, 2)
struct keel_tr_hcall_exit {
    uint64_t nr;
    int64_t result;
    uint64_t cycles;
};

/* One entry of a multicall batch: the sub-call, what it returned and (since 1.1) its
 * arguments. A 1.0 record stops after reserved; a reader takes missing args as absent. */
#define KEEL_TEV_MULTICALL KEEL_TEV(KEEL_TRC_HCALL, 3)
struct keel_tr_multicall {
    uint64_t op;
    int64_t result;
    uint32_t index;          /* position in the batch */
    uint32_t reserved;
    uint64_t args[KEEL_TRACE_HCALL_ARGS];
};
#define KEEL_TR_MULTICALL_V10_BYTES 24u       /* payload of a 1.0 multicall record */

/* One request of an mmu_update batch. level is the page-table level (1-4) of the frame ptr
 * points into when the hypervisor knows it, 0 otherwise. */
#define KEEL_TEV_MMU_UPDATE KEEL_TEV(KEEL_TRC_MM, 1)
struct keel_tr_mmu_update {
    uint64_t ptr;            /* machine address | MMU_* command in bits 0-1 */
    uint64_t val;
    int32_t result;          /* 0 or a negative Xen errno */
    uint16_t index;          /* position in the batch (low 16 bits) */
    uint8_t level;
    uint8_t reserved;
};

/* One operation of an mmuext_op batch. */
#define KEEL_TEV_MMUEXT_OP KEEL_TEV(KEEL_TRC_MM, 2)
struct keel_tr_mmuext_op {
    uint64_t arg1;           /* mfn or linear address, by cmd */
    uint64_t arg2;           /* nr_ents, vcpumask or src_mfn, by cmd */
    int32_t result;
    uint16_t cmd;            /* MMUEXT_* */
    uint16_t index;
};

/* An event channel send: header domain/vCPU is the sender. */
#define KEEL_TEV_EVT_SEND KEEL_TEV(KEEL_TRC_EVT, 1)
struct keel_tr_evt_send {
    uint32_t port;           /* the sender's port */
    uint32_t remote_port;    /* the port it is bound to in remote_dom */
    uint16_t remote_dom;
    uint16_t reserved[3];
};

/* An upcall delivered: header domain/vCPU is the receiver. */
#define KEEL_TEV_EVT_UPCALL KEEL_TEV(KEEL_TRC_EVT, 2)
struct keel_tr_evt_upcall {
    uint64_t pending_sel;    /* vcpu_info.evtchn_pending_sel at delivery */
};

/* The CPU switches from one vCPU to another (idle: KEEL_TRACE_DOMID_IDLE). */
#define KEEL_TEV_SCHED_SWITCH KEEL_TEV(KEEL_TRC_SCHED, 1)
struct keel_tr_sched_switch {
    uint16_t from_dom;
    uint16_t from_vcpu;
    uint16_t to_dom;
    uint16_t to_vcpu;
};

/* An exception bounced to the guest's handler. */
#define KEEL_TEV_TRAP_BOUNCE KEEL_TEV(KEEL_TRC_TRAP, 1)
struct keel_tr_trap {
    uint32_t vector;
    uint32_t error_code;
    uint64_t rip;
    uint64_t cr2;            /* fault address for #PF, 0 otherwise */
};

/* A domain was built: header domain is the new domain. */
#define KEEL_TEV_DOM_CREATE KEEL_TEV(KEEL_TRC_DOM, 1)
#define KEEL_TRACE_DOMF_PRIVILEGED 1u
struct keel_tr_dom_create {
    uint64_t nr_pages;
    uint32_t max_vcpus;
    uint32_t flags;          /* KEEL_TRACE_DOMF_* */
};

/* A domain was crashed by the hypervisor; reason is NUL-padded text, not always terminated. */
#define KEEL_TEV_DOM_CRASH KEEL_TEV(KEEL_TRC_DOM, 2)
#define KEEL_TRACE_REASON_LEN 40
struct keel_tr_dom_crash {
    uint64_t rip;
    char reason[KEEL_TRACE_REASON_LEN];
};

/* A domain shut itself down (SCHEDOP_shutdown). */
#define KEEL_TEV_DOM_SHUTDOWN KEEL_TEV(KEEL_TRC_DOM, 3)
struct keel_tr_dom_shutdown {
    uint32_t reason;         /* SHUTDOWN_* */
    uint32_t code;           /* SCHEDOP_shutdown_code value, 0 if none */
};

/* One grant table operation. */
#define KEEL_TEV_GRANT_OP KEEL_TEV(KEEL_TRC_GRANT, 1)
struct keel_tr_grant_op {
    uint32_t cmd;            /* GNTTABOP_* */
    uint32_t ref;
    uint16_t remote_dom;
    uint16_t reserved;
    int32_t result;
};

_Static_assert(sizeof(struct keel_tr_lost) == 16, "lost");
_Static_assert(sizeof(struct keel_tr_mask) == 8, "mask");
_Static_assert(sizeof(struct keel_tr_hcall_entry) == 56, "hcall entry");
_Static_assert(sizeof(struct keel_tr_hcall_exit) == 24, "hcall exit");
_Static_assert(sizeof(struct keel_tr_multicall) == 72, "multicall");
_Static_assert(__builtin_offsetof(struct keel_tr_multicall, args) ==
               KEEL_TR_MULTICALL_V10_BYTES, "multicall args follow the 1.0 payload");
_Static_assert(sizeof(struct keel_tr_mmu_update) == 24, "mmu_update");
_Static_assert(__builtin_offsetof(struct keel_tr_mmu_update, result) == 16, "mmu result");
_Static_assert(sizeof(struct keel_tr_mmuext_op) == 24, "mmuext");
_Static_assert(__builtin_offsetof(struct keel_tr_mmuext_op, cmd) == 20, "mmuext cmd");
_Static_assert(sizeof(struct keel_tr_evt_send) == 16, "evt send");
_Static_assert(sizeof(struct keel_tr_evt_upcall) == 8, "upcall");
_Static_assert(sizeof(struct keel_tr_sched_switch) == 8, "sched switch");
_Static_assert(sizeof(struct keel_tr_trap) == 24, "trap");
_Static_assert(sizeof(struct keel_tr_dom_create) == 16, "dom create");
_Static_assert(sizeof(struct keel_tr_dom_crash) == 48, "dom crash");
_Static_assert(sizeof(struct keel_tr_dom_shutdown) == 8, "dom shutdown");
_Static_assert(sizeof(struct keel_tr_grant_op) == 16, "grant op");

/* ---- Run-time control: the trace_op hypercall (domain 0 only). --------------------------
 * Number 56: Xen 4.17 assigns 0-42 to generic hypercalls (growing upward from 42) and
 * reserves 48-55 for architecture use (x86 takes 48 for MCA); 56-63 are the top of Xen's
 * 64-entry hypercall table and named by no Xen header. Keel takes the first of them, 56
 * (63, the last, is the number guests probe as "unknown", and must stay -ENOSYS).
 *
 *   rax = KEEL_HYPERVISOR_trace_op, rdi = cmd, rsi = arg
 *   KEEL_TRACEOP_get_mask: result = the class mask (>= 0).
 *   KEEL_TRACEOP_set_mask: arg = new mask; result = 0. The meta class stays on whatever
 *                          arg says. A KEEL_TEV_MASK record marks the change.
 *   errors: -EPERM   the caller is not domain 0
 *           -EINVAL  set_mask with bits at or above KEEL_TRC_NR
 *           -ENOSYS  unknown cmd
 */
#define KEEL_HYPERVISOR_trace_op 56
#define KEEL_TRACEOP_get_mask 0
#define KEEL_TRACEOP_set_mask 1

#endif
