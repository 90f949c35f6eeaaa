/* The trace recorder: binary records (abi/keel_trace.h) into per-CPU rings, drained as framed
 * blocks to a byte channel. Invariant: a disabled class costs one load and one predictable
 * branch, and a record that cannot be stored is counted and later reported, never lost silently. */
#ifndef HV_TRACE_H
#define HV_TRACE_H

#include "abi/keel_trace.h"
#include "abi/xen.h"
#include "hv/env.h"

_Static_assert(MULTICALL_NR_ARGS == KEEL_TRACE_HCALL_ARGS, "a multicall entry has six args");

#define TRACE_MAX_CPUS 8              /* CPUs the static pool is divided between */
#define TRACE_KIB 1024u
#define TRACE_POOL_KIB 256u           /* static buffer memory shared by all CPUs */
#define TRACE_BUF_DEFAULT_KIB 32u     /* per-CPU buffer without tracebuf= */
#define TRACE_BUF_MIN_BYTES 1024u     /* smallest per-CPU buffer (tracebuf=1) */
#define TRACE_BLOCK_BYTES 2048u       /* record bytes per drained block, at most */
#define TRACE_HIGH_WATER_DIV 2u       /* a drain is due when 1/2 of a ring is in use */
#define TRACE_MAX_PAYLOAD_WORDS 9u    /* largest payload the recorder emits (multicall) */
#define TRACE_MASK_DEFAULT KEEL_TRC_BIT(KEEL_TRC_META)

/* ---- Hooks the hypervisor provides (host tests fake them). -------------------------------- */

/* Writes n bytes to the trace channel (debugcon port 0xe9 or a second UART). */
void trace_port_write(const void *buf, size_t n);
/* The timestamp of a record: the TSC. Never 0 once the machine runs (0 means "not traced"). */
uint64_t trace_clock(void);
/* The rate of trace_clock in kHz, 0 while unknown (asked when the stream header is
 * written, at the first drain: by then the TSC is calibrated). */
uint64_t trace_clock_khz(void);
/* The physical CPU the caller runs on. */
unsigned int trace_cpu_id(void);
/* The domain and vCPU the current hypercall runs for (records made where only the MMU's
 * view of the vCPU is at hand). */
uint16_t trace_current_dom(void);
uint16_t trace_current_vcpu(void);

/* ---- Setup. -------------------------------------------------------------------------------- */

struct trace_config {
    uint32_t mask;          /* KEEL_TRC_* bits (from trace_parse_classes) */
    uint32_t buf_kib;       /* per-CPU buffer (from trace_parse_bufsize) */
    unsigned int nr_cpus;   /* 1..TRACE_MAX_CPUS */
};

/* Parses the value of trace= ("hcall,mm", "all", "none"); the value ends at NUL or a space.
 * Returns 0 and sets *mask (meta class included), or -XEN_EINVAL and leaves *mask alone. */
int __must_check trace_parse_classes(const char *s, uint32_t *mask);

/* Parses the value of tracebuf= (KiB, decimal). Returns 0 or -XEN_EINVAL. */
int __must_check trace_parse_bufsize(const char *s, uint32_t *kib);

/* Carves the per-CPU buffers out of the static pool (each a power of two, capped to the
 * pool's share) and enables cfg->mask. Resets all recorder state. Returns 0 or -XEN_EINVAL. */
int __must_check trace_init(const struct trace_config *cfg);

/* Bytes of each per-CPU buffer (0 before trace_init). */
uint32_t trace_buf_bytes(void);

/* ---- Control. -------------------------------------------------------------------------- */

extern uint32_t trace_mask;

/* One load, one branch: class is a KEEL_TRC_* constant. */
static inline bool trace_on(unsigned int cls)
{
    return __builtin_expect((trace_mask & KEEL_TRC_BIT(cls)) != 0, 0);
}

/* Sets the class mask (the meta class stays on) and records a KEEL_TEV_MASK record made on
 * behalf of dom/vcpu. */
void trace_set_mask(uint16_t dom, uint16_t vcpu, uint32_t mask);

/* The KEEL_HYPERVISOR_trace_op hypercall after decode: cmd and arg are guest values
 * (untrusted); privileged says whether the caller is domain 0. Returns the mask (get), 0
 * (set), -XEN_EPERM, -XEN_EINVAL or -XEN_ENOSYS as abi/keel_trace.h documents. */
long trace_op(uint16_t dom, uint16_t vcpu, bool privileged, unsigned int cmd, uint64_t arg);

/* ---- Recording. ----------------------------------------------------------------------- */

/* Appends one record to this CPU's buffer; nwords <= TRACE_MAX_PAYLOAD_WORDS. Safe against
 * an interrupt on the same CPU (the nested record is counted as lost) and against a drain
 * on another CPU. Returns the record's timestamp, also when the record was dropped. */
uint64_t trace_emit(uint16_t event, uint16_t dom, uint16_t vcpu, const void *payload,
                    unsigned int nwords);

#define TRACE_WORDS(p) ((unsigned int)(sizeof(p) / KEEL_TRACE_WORD))

/* Hypercall entry with the first nargs of its six arguments (nargs <= 6). Returns the entry
 * time, to be passed to trace_hcall_exit, or 0 if the hcall class is off. */
static inline uint64_t trace_hcall_entry(uint16_t dom, uint16_t vcpu, uint64_t nr,
                                         const uint64_t args[KEEL_TRACE_HCALL_ARGS],
                                         unsigned int nargs)
{
    struct keel_tr_hcall_entry p;

    if (!trace_on(KEEL_TRC_HCALL))
        return 0;
    p.nr = nr;
    for (unsigned int i = 0; i < KEEL_TRACE_HCALL_ARGS; i++)
        p.args[i] = args[i];
    return trace_emit(KEEL_TEV_HCALL_ENTRY, dom, vcpu, &p, TRACE_WORDS(p.nr) + nargs);
}

/* Hypercall exit; t0 is what trace_hcall_entry returned (0: the entry was not traced). The
 * cycles recorded run from the entry record to this call, not counting the exit record. */
static inline void trace_hcall_exit(uint16_t dom, uint16_t vcpu, uint64_t nr, int64_t result,
                                    uint64_t t0)
{
    if (trace_on(KEEL_TRC_HCALL) && t0 != 0) {
        struct keel_tr_hcall_exit p = { .nr = nr, .result = result,
                                        .cycles = trace_clock() - t0 };
        trace_emit(KEEL_TEV_HCALL_EXIT, dom, vcpu, &p, TRACE_WORDS(p));
    }
}

/* One multicall entry after it ran (e: the hypervisor's copy, result filled in), made for
 * the current domain and vCPU: its number, all its arguments and its result. */
static inline void trace_multicall(uint32_t index, const struct multicall_entry *e)
{
    if (trace_on(KEEL_TRC_HCALL)) {
        struct keel_tr_multicall p = { .op = e->op, .result = (int64_t)e->result,
                                       .index = index };

        for (unsigned int i = 0; i < KEEL_TRACE_HCALL_ARGS; i++)
            p.args[i] = e->args[i];
        trace_emit(KEEL_TEV_MULTICALL, trace_current_dom(), trace_current_vcpu(), &p,
                   TRACE_WORDS(p));
    }
}
/* level: 1-4 when the frame behind ptr has a page-table type, else 0. */
static inline void trace_mmu_update(uint16_t dom, uint16_t vcpu, uint32_t index, uint64_t ptr,
                                    uint64_t val, unsigned int level, int result)
{
    if (trace_on(KEEL_TRC_MM)) {
        struct keel_tr_mmu_update p = { .ptr = ptr, .val = val, .result = result,
                                        .index = (uint16_t)index, .level = (uint8_t)level };
        trace_emit(KEEL_TEV_MMU_UPDATE, dom, vcpu, &p, TRACE_WORDS(p));
    }
}

static inline void trace_mmuext_op(uint16_t dom, uint16_t vcpu, uint32_t index,
                                   unsigned int cmd, uint64_t arg1, uint64_t arg2, int result)
{
    if (trace_on(KEEL_TRC_MM)) {
        struct keel_tr_mmuext_op p = { .arg1 = arg1, .arg2 = arg2, .result = result,
                                       .cmd = (uint16_t)cmd, .index = (uint16_t)index };
        trace_emit(KEEL_TEV_MMUEXT_OP, dom, vcpu, &p, TRACE_WORDS(p));
    }
}

static inline void trace_evt_send(uint16_t dom, uint16_t vcpu, uint32_t port,
                                  uint16_t remote_dom, uint32_t remote_port)
{
    if (trace_on(KEEL_TRC_EVT)) {
        struct keel_tr_evt_send p = { .port = port, .remote_port = remote_port,
                                      .remote_dom = remote_dom };
        trace_emit(KEEL_TEV_EVT_SEND, dom, vcpu, &p, TRACE_WORDS(p));
    }
}

static inline void trace_evt_upcall(uint16_t dom, uint16_t vcpu, uint64_t pending_sel)
{
    if (trace_on(KEEL_TRC_EVT)) {
        struct keel_tr_evt_upcall p = { .pending_sel = pending_sel };
        trace_emit(KEEL_TEV_EVT_UPCALL, dom, vcpu, &p, TRACE_WORDS(p));
    }
}

/* The record is made on behalf of the incoming vCPU. */
static inline void trace_sched_switch(uint16_t from_dom, uint16_t from_vcpu, uint16_t to_dom,
                                      uint16_t to_vcpu)
{
    if (trace_on(KEEL_TRC_SCHED)) {
        struct keel_tr_sched_switch p = { .from_dom = from_dom, .from_vcpu = from_vcpu,
                                          .to_dom = to_dom, .to_vcpu = to_vcpu };
        trace_emit(KEEL_TEV_SCHED_SWITCH, to_dom, to_vcpu, &p, TRACE_WORDS(p));
    }
}

static inline void trace_trap_bounce(uint16_t dom, uint16_t vcpu, unsigned int vector,
                                     uint32_t error_code, uint64_t rip, uint64_t cr2)
{
    if (trace_on(KEEL_TRC_TRAP)) {
        struct keel_tr_trap p = { .vector = vector, .error_code = error_code, .rip = rip,
                                  .cr2 = cr2 };
        trace_emit(KEEL_TEV_TRAP_BOUNCE, dom, vcpu, &p, TRACE_WORDS(p));
    }
}

static inline void trace_dom_create(uint16_t dom, uint64_t nr_pages, uint32_t max_vcpus,
                                    uint32_t flags)
{
    if (trace_on(KEEL_TRC_DOM)) {
        struct keel_tr_dom_create p = { .nr_pages = nr_pages, .max_vcpus = max_vcpus,
                                        .flags = flags };
        trace_emit(KEEL_TEV_DOM_CREATE, dom, 0, &p, TRACE_WORDS(p));
    }
}

/* reason is copied (up to KEEL_TRACE_REASON_LEN bytes). */
void trace_dom_crash(uint16_t dom, uint16_t vcpu, uint64_t rip, const char *reason);

static inline void trace_dom_shutdown(uint16_t dom, uint16_t vcpu, uint32_t reason,
                                      uint32_t code)
{
    if (trace_on(KEEL_TRC_DOM)) {
        struct keel_tr_dom_shutdown p = { .reason = reason, .code = code };
        trace_emit(KEEL_TEV_DOM_SHUTDOWN, dom, vcpu, &p, TRACE_WORDS(p));
    }
}

static inline void trace_grant_op(uint16_t dom, uint16_t vcpu, unsigned int cmd, uint32_t ref,
                                  uint16_t remote_dom, int result)
{
    if (trace_on(KEEL_TRC_GRANT)) {
        struct keel_tr_grant_op p = { .cmd = cmd, .ref = ref, .remote_dom = remote_dom,
                                      .result = result };
        trace_emit(KEEL_TEV_GRANT_OP, dom, vcpu, &p, TRACE_WORDS(p));
    }
}

/* ---- Export. --------------------------------------------------------------------------- */

/* Writes the stream header (first call only), then every CPU's pending records as blocks,
 * then a KEEL_TEV_LOST record for each CPU whose drops are not yet reported. Call it from
 * the idle loop, at shutdown and when trace_drain_due() says so; a drain already running on
 * another CPU makes this call return at once. */
void trace_drain(void);

/* True when some CPU's buffer is at least half full. */
bool trace_drain_due(void);

/* Records dropped since trace_init, all CPUs (for the shutdown message). */
uint64_t trace_lost_total(void);

#endif
