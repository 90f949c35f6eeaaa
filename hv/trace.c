/* The trace recorder: per-CPU byte rings of records, drained as checksummed blocks.
 * Invariant: each ring has one producer (its CPU) and one consumer (the drain); prod and cons
 * are free-running byte counts, 0 <= prod - cons <= size, and both move by whole records. */
#include "hv/trace.h"

struct trace_buf {
    uint8_t *data;
    uint32_t prod;          /* written by the producer only (release) */
    uint32_t cons;          /* written by the drain only (release) */
    uint32_t seq;           /* blocks drained */
    bool busy;              /* the CPU is inside trace_emit */
    uint64_t lost;          /* drops not yet reported: exchanged to 0 by the reporter */
    uint64_t lost_tsc;      /* clock at the first unreported drop */
    uint64_t lost_total;
};

uint32_t trace_mask = TRACE_MASK_DEFAULT;

static uint8_t trace_pool[TRACE_POOL_KIB * TRACE_KIB] __aligned(KEEL_TRACE_WORD);
static struct trace_buf trace_bufs[TRACE_MAX_CPUS];
static unsigned int trace_nr_cpus;
static uint32_t trace_size;         /* bytes per ring, a power of two */
static uint32_t trace_wrap;         /* trace_size - 1: ring index mask */
static uint32_t trace_high_water;   /* ring bytes in use that make a drain due */
static uint32_t trace_start_mask;   /* mask when the stream began, for its header */
static bool trace_stream_started;
static bool trace_draining;

/* Orders the compiler only: the ring's producer and an interrupt on the same CPU. */
static inline void trace_barrier(void)
{
    __asm__ __volatile__("" ::: "memory");
}

/* ---- Ring access. ---------------------------------------------------------------------- */

/* Copies n words into the ring at index at; records are word-granular and the ring a power
 * of two of at least a few words, so a word never straddles the wrap. Word stores: a byte
 * copy would cost one instruction per byte. */
static void trace_copy_words(struct trace_buf *b, uint32_t at, const void *src, uint32_t n)
{
    const uint8_t *p = src;

    for (uint32_t i = 0; i < n; i++) {
        uint64_t w;

        __builtin_memcpy(&w, p + (size_t)i * KEEL_TRACE_WORD, sizeof(w));
        *(uint64_t *)(void *)(b->data + ((at + i * KEEL_TRACE_WORD) & trace_wrap)) = w;
    }
}

/* Length of the record that starts at ring index at (its header never wraps mid-byte). */
static uint32_t trace_rec_len(const struct trace_buf *b, uint32_t at)
{
    uint32_t nw_at = (at + (uint32_t)__builtin_offsetof(struct keel_trace_rec, nwords)) &
                     trace_wrap;

    return (uint32_t)sizeof(struct keel_trace_rec) + b->data[nw_at] * KEEL_TRACE_WORD;
}

static void trace_count_lost(struct trace_buf *b, uint64_t now)
{
    if (__atomic_fetch_add(&b->lost, 1, __ATOMIC_RELAXED) == 0)
        b->lost_tsc = now;
    __atomic_fetch_add(&b->lost_total, 1, __ATOMIC_RELAXED);
}

static void trace_fill_hdr(struct keel_trace_rec *h, uint64_t now, uint16_t event,
                           uint16_t dom, uint16_t vcpu, unsigned int cpu, unsigned int nwords)
{
    h->tsc = now;
    h->event = event;
    h->domid = dom;
    h->vcpu = vcpu;
    h->cpu = (uint8_t)cpu;
    h->nwords = (uint8_t)nwords;
}

/* Stores one record if it fits; the caller holds b->busy. */
static bool trace_put(struct trace_buf *b, const struct keel_trace_rec *h, const void *payload)
{
    uint32_t bytes = (uint32_t)sizeof(*h) + h->nwords * KEEL_TRACE_WORD;
    uint32_t cons = __atomic_load_n(&b->cons, __ATOMIC_ACQUIRE);

    if (trace_size - (b->prod - cons) < bytes)
        return false;
    trace_copy_words(b, b->prod, h, TRACE_WORDS(*h));
    trace_copy_words(b, b->prod + (uint32_t)sizeof(*h), payload, h->nwords);
    /* Publish the bytes before the index that covers them. */
    __atomic_store_n(&b->prod, b->prod + bytes, __ATOMIC_RELEASE);
    return true;
}

/* Builds the LOST record for the drops taken from b->lost (0: nothing to report). */
static bool trace_take_lost(struct trace_buf *b, unsigned int cpu, uint64_t now,
                            struct keel_trace_rec *h, struct keel_tr_lost *p)
{
    uint64_t first = b->lost_tsc;
    uint64_t n = __atomic_exchange_n(&b->lost, 0, __ATOMIC_ACQ_REL);

    if (n == 0)
        return false;
    p->count = n;
    p->first_tsc = first;
    trace_fill_hdr(h, now, KEEL_TEV_LOST, KEEL_TRACE_DOMID_IDLE, (uint16_t)cpu, cpu,
                   TRACE_WORDS(*p));
    return true;
}

/* Producer side: report earlier drops in order, before the record that follows them, and
 * only when that record (rec_bytes) fits too: a full ring is not filled with reports. */
static void trace_put_lost(struct trace_buf *b, unsigned int cpu, uint64_t now,
                           uint32_t rec_bytes)
{
    struct keel_trace_rec h;
    struct keel_tr_lost p;
    uint32_t need = (uint32_t)(sizeof(h) + sizeof(p)) + rec_bytes;

    if (__atomic_load_n(&b->lost, __ATOMIC_RELAXED) == 0)
        return;
    if (trace_size - (b->prod - __atomic_load_n(&b->cons, __ATOMIC_ACQUIRE)) < need)
        return;
    if (trace_take_lost(b, cpu, now, &h, &p))
        trace_put(b, &h, &p);
}

uint64_t trace_emit(uint16_t event, uint16_t dom, uint16_t vcpu, const void *payload,
                    unsigned int nwords)
{
    unsigned int cpu = trace_cpu_id();
    struct trace_buf *b;
    struct keel_trace_rec h;
    uint64_t now;

    if (cpu >= trace_nr_cpus || nwords > TRACE_MAX_PAYLOAD_WORDS)
        panic("trace_emit: cpu %u (of %u) or %u payload words out of range", cpu,
              trace_nr_cpus, nwords);
    b = &trace_bufs[cpu];
    if (b->busy) {   /* an interrupt inside a record on this CPU */
        now = trace_clock();
        trace_count_lost(b, now);
        return now;
    }
    b->busy = true;
    trace_barrier();
    /* Read the clock inside the busy window so ring order is timestamp order. */
    now = trace_clock();
    trace_put_lost(b, cpu, now,
                   (uint32_t)sizeof(h) + nwords * KEEL_TRACE_WORD);
    trace_fill_hdr(&h, now, event, dom, vcpu, cpu, nwords);
    if (!trace_put(b, &h, payload))
        trace_count_lost(b, now);
    trace_barrier();
    b->busy = false;
    return now;
}

void trace_dom_crash(uint16_t dom, uint16_t vcpu, uint64_t rip, const char *reason)
{
    struct keel_tr_dom_crash p;

    if (!trace_on(KEEL_TRC_DOM))
        return;
    memset(&p, 0, sizeof(p));
    p.rip = rip;
    memcpy(p.reason, reason, strnlen(reason, sizeof(p.reason)));
    trace_emit(KEEL_TEV_DOM_CRASH, dom, vcpu, &p, TRACE_WORDS(p));
}

/* ---- Control. -------------------------------------------------------------------------- */

void trace_set_mask(uint16_t dom, uint16_t vcpu, uint32_t mask)
{
    struct keel_tr_mask p = { .old_mask = trace_mask,
                              .new_mask = (mask & KEEL_TRC_ALL) | TRACE_MASK_DEFAULT };

    trace_mask = p.new_mask;
    if (trace_nr_cpus != 0)
        trace_emit(KEEL_TEV_MASK, dom, vcpu, &p, TRACE_WORDS(p));
}

long trace_op(uint16_t dom, uint16_t vcpu, bool privileged, unsigned int cmd, uint64_t arg)
{
    if (!privileged)
        return -XEN_EPERM;
    switch (cmd) {
    case KEEL_TRACEOP_get_mask:
        return (long)trace_mask;
    case KEEL_TRACEOP_set_mask:
        if (arg & ~(uint64_t)KEEL_TRC_ALL)
            return -XEN_EINVAL;
        trace_set_mask(dom, vcpu, (uint32_t)arg);
        return 0;
    default:
        return -XEN_ENOSYS;
    }
}

/* ---- Setup. ---------------------------------------------------------------------------- */

static uint32_t trace_pow2_floor(uint32_t n)
{
    uint32_t p = 1;

    while (p <= n / 2)
        p *= 2;
    return p;
}

int trace_init(const struct trace_config *cfg)
{
    uint32_t want, share;

    if (cfg->nr_cpus == 0 || cfg->nr_cpus > TRACE_MAX_CPUS || cfg->buf_kib == 0 ||
        cfg->buf_kib > TRACE_POOL_KIB || (cfg->mask & ~KEEL_TRC_ALL))
        return -XEN_EINVAL;
    want = cfg->buf_kib * TRACE_KIB;
    share = (uint32_t)sizeof(trace_pool) / cfg->nr_cpus;
    trace_size = trace_pow2_floor(want < share ? want : share);
    if (trace_size < TRACE_BUF_MIN_BYTES)
        return -XEN_EINVAL;
    trace_wrap = trace_size - 1;
    trace_high_water = trace_size / TRACE_HIGH_WATER_DIV;
    if (trace_size != want)
        printk("hv: trace: tracebuf=%u KiB gives %u bytes per CPU\n", cfg->buf_kib,
               trace_size);
    memset(trace_bufs, 0, sizeof(trace_bufs));
    for (unsigned int i = 0; i < cfg->nr_cpus; i++)
        trace_bufs[i].data = trace_pool + (size_t)i * trace_size;
    trace_nr_cpus = cfg->nr_cpus;
    trace_stream_started = false;
    trace_draining = false;
    trace_mask = cfg->mask | TRACE_MASK_DEFAULT;
    trace_start_mask = trace_mask;
    return 0;
}

uint32_t trace_buf_bytes(void)
{
    return trace_nr_cpus != 0 ? trace_size : 0;
}

uint64_t trace_lost_total(void)
{
    uint64_t n = 0;

    for (unsigned int i = 0; i < trace_nr_cpus; i++)
        n += trace_bufs[i].lost_total;
    return n;
}

/* ---- Boot options. --------------------------------------------------------------------- */

static const char *const trace_class_names[KEEL_TRC_NR] = {
    [KEEL_TRC_HCALL] = "hcall", [KEEL_TRC_MM] = "mm",     [KEEL_TRC_EVT] = "evt",
    [KEEL_TRC_SCHED] = "sched", [KEEL_TRC_TRAP] = "trap", [KEEL_TRC_DOM] = "dom",
    [KEEL_TRC_GRANT] = "grant",
};

static bool trace_is_end(char c)
{
    return c == '\0' || c == ' ';
}

static bool trace_word_is(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && strncmp(s, word, len) == 0;
}

/* The mask bits one comma-separated word names, or 0 if it names nothing. */
static uint32_t trace_word_mask(const char *s, size_t len)
{
    if (trace_word_is(s, len, "all"))
        return KEEL_TRC_ALL;
    if (trace_word_is(s, len, "none"))
        return TRACE_MASK_DEFAULT;
    for (unsigned int c = 0; c < KEEL_TRC_NR; c++)
        if (trace_class_names[c] && trace_word_is(s, len, trace_class_names[c]))
            return KEEL_TRC_BIT(c);
    return 0;
}

int trace_parse_classes(const char *s, uint32_t *mask)
{
    uint32_t m = TRACE_MASK_DEFAULT;

    for (;;) {
        size_t len = 0;
        uint32_t bits;

        while (!trace_is_end(s[len]) && s[len] != ',')
            len++;
        bits = trace_word_mask(s, len);
        if (bits == 0)
            return -XEN_EINVAL;
        m |= bits;
        if (s[len] != ',')
            break;
        s += len + 1;
    }
    *mask = m;
    return 0;
}

int trace_parse_bufsize(const char *s, uint32_t *kib)
{
    const unsigned int base = 10;
    uint32_t v = 0;
    size_t i;

    for (i = 0; !trace_is_end(s[i]); i++) {
        if (s[i] < '0' || s[i] > '9' || v > TRACE_POOL_KIB)
            return -XEN_EINVAL;
        v = v * base + (uint32_t)(s[i] - '0');
    }
    if (i == 0 || v == 0 || v > TRACE_POOL_KIB)
        return -XEN_EINVAL;
    *kib = v;
    return 0;
}

/* ---- Drain. ---------------------------------------------------------------------------- */

static void trace_write_stream_hdr(void)
{
    struct keel_trace_stream_hdr h = {
        .magic = KEEL_TRACE_STREAM_MAGIC,
        .version_major = KEEL_TRACE_VERSION_MAJOR,
        .version_minor = KEEL_TRACE_VERSION_MINOR,
        .hdr_size = sizeof(h),
        .nr_cpus = (uint16_t)trace_nr_cpus,
        .class_mask = trace_start_mask,
        .tsc_khz = trace_clock_khz(),
        .buf_bytes = trace_size,
    };

    trace_port_write(&h, sizeof(h));
    trace_stream_started = true;
}

/* Writes a block: header, then len record bytes starting at ring index at (maybe wrapped). */
static void trace_write_block(struct trace_buf *b, unsigned int cpu, uint32_t at, uint32_t len)
{
    uint32_t off = at & trace_wrap;
    uint32_t first = len < trace_size - off ? len : trace_size - off;
    struct keel_trace_block_hdr h = {
        .magic = KEEL_TRACE_BLOCK_MAGIC, .cpu = (uint16_t)cpu, .len = (uint16_t)len,
        .seq = b->seq++,
    };
    uint64_t c = keel_trace_csum(KEEL_TRACE_CSUM_SEED, &h, KEEL_TRACE_CSUM_COVERED);

    c = keel_trace_csum(c, b->data + off, first);
    h.csum = keel_trace_csum_fold(keel_trace_csum(c, b->data, len - first));
    trace_port_write(&h, sizeof(h));
    trace_port_write(b->data + off, first);
    if (len > first)
        trace_port_write(b->data, len - first);
}

/* Bytes of whole records from cons towards prod that fit one block. */
static uint32_t trace_block_len(const struct trace_buf *b, uint32_t cons, uint32_t prod)
{
    uint32_t len = 0;

    while (cons + len != prod) {
        uint32_t r = trace_rec_len(b, cons + len);

        if (len + r > TRACE_BLOCK_BYTES)
            break;
        len += r;
    }
    return len;
}

/* Reports drops that no later record of this CPU has reported, in a block of their own. */
static void trace_drain_lost(struct trace_buf *b, unsigned int cpu)
{
    struct {
        struct keel_trace_rec h;
        struct keel_tr_lost p;
    } rec;
    struct keel_trace_block_hdr h = {
        .magic = KEEL_TRACE_BLOCK_MAGIC, .cpu = (uint16_t)cpu, .len = sizeof(rec),
    };

    if (!trace_take_lost(b, cpu, trace_clock(), &rec.h, &rec.p))
        return;
    h.seq = b->seq++;
    h.csum = keel_trace_csum_fold(keel_trace_csum(keel_trace_csum(KEEL_TRACE_CSUM_SEED, &h,
                                                                  KEEL_TRACE_CSUM_COVERED),
                                                  &rec, sizeof(rec)));
    trace_port_write(&h, sizeof(h));
    trace_port_write(&rec, sizeof(rec));
}

static void trace_drain_cpu(struct trace_buf *b, unsigned int cpu)
{
    uint32_t prod = __atomic_load_n(&b->prod, __ATOMIC_ACQUIRE);

    while (b->cons != prod) {
        uint32_t len = trace_block_len(b, b->cons, prod);

        trace_write_block(b, cpu, b->cons, len);
        /* The bytes are out: give the space back to the producer. */
        __atomic_store_n(&b->cons, b->cons + len, __ATOMIC_RELEASE);
    }
    if (__atomic_load_n(&b->prod, __ATOMIC_ACQUIRE) == b->cons)
        trace_drain_lost(b, cpu);
}

void trace_drain(void)
{
    if (trace_nr_cpus == 0 || __atomic_exchange_n(&trace_draining, true, __ATOMIC_ACQUIRE))
        return;
    if (!trace_stream_started)
        trace_write_stream_hdr();
    for (unsigned int i = 0; i < trace_nr_cpus; i++)
        trace_drain_cpu(&trace_bufs[i], i);
    __atomic_store_n(&trace_draining, false, __ATOMIC_RELEASE);
}

bool trace_drain_due(void)
{
    for (unsigned int i = 0; i < trace_nr_cpus; i++) {
        const struct trace_buf *b = &trace_bufs[i];

        if (__atomic_load_n(&b->prod, __ATOMIC_ACQUIRE) - b->cons >= trace_high_water)
            return true;
    }
    return false;
}
