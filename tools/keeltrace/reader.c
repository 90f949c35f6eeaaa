/* keeltrace's reader: stream header, then checksummed blocks of records, into a sorted array.
 * Invariant: every read is bounds-checked against the input size before it happens. */
#include "tools/keeltrace/reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KT_RECS_FIRST 1024
#define KT_HDR_BYTES ((size_t)sizeof(struct keel_trace_block_hdr))
#define KT_REC_BYTES ((size_t)sizeof(struct keel_trace_rec))

struct kt_parser {
    const uint8_t *d;
    size_t size;
    struct kt_trace *t;
    struct kt_err *err;
    size_t cap;
    uint32_t *next_seq;     /* per CPU */
    bool *seen;             /* per CPU */
};

static int kt_fail(struct kt_err *err, uint64_t off, const char *fmt, ...)
{
    va_list ap;

    err->off = off;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return -1;
}

size_t kt_event_min_payload(uint16_t event)
{
    switch (event) {
    case KEEL_TEV_LOST: return sizeof(struct keel_tr_lost);
    case KEEL_TEV_MASK: return sizeof(struct keel_tr_mask);
    case KEEL_TEV_HCALL_ENTRY: return KEEL_TR_HCALL_ENTRY_MIN_BYTES;   /* nr, then its args */
    case KEEL_TEV_HCALL_EXIT: return sizeof(struct keel_tr_hcall_exit);
    case KEEL_TEV_MULTICALL: return KEEL_TR_MULTICALL_V10_BYTES;   /* args since 1.1 */
    case KEEL_TEV_MMU_UPDATE: return sizeof(struct keel_tr_mmu_update);
    case KEEL_TEV_MMUEXT_OP: return sizeof(struct keel_tr_mmuext_op);
    case KEEL_TEV_EVT_SEND: return sizeof(struct keel_tr_evt_send);
    case KEEL_TEV_EVT_UPCALL: return sizeof(struct keel_tr_evt_upcall);
    case KEEL_TEV_SCHED_SWITCH: return sizeof(struct keel_tr_sched_switch);
    case KEEL_TEV_TRAP_BOUNCE: return sizeof(struct keel_tr_trap);
    case KEEL_TEV_DOM_CREATE: return sizeof(struct keel_tr_dom_create);
    case KEEL_TEV_DOM_CRASH: return sizeof(struct keel_tr_dom_crash);
    case KEEL_TEV_DOM_SHUTDOWN: return sizeof(struct keel_tr_dom_shutdown);
    case KEEL_TEV_GRANT_OP: return sizeof(struct keel_tr_grant_op);
    default: return 0;
    }
}

void kt_payload(const struct kt_rec *r, void *dst, size_t n)
{
    size_t have = (size_t)r->nwords * KEEL_TRACE_WORD;

    memset(dst, 0, n);
    memcpy(dst, r->payload, have < n ? have : n);
}

static int kt_parse_stream_hdr(struct kt_parser *p)
{
    struct keel_trace_stream_hdr *h = &p->t->hdr;

    if (p->size < sizeof(*h))
        return kt_fail(p->err, p->size, "truncated stream header (%zu of %zu bytes)",
                       p->size, sizeof(*h));
    memcpy(h, p->d, sizeof(*h));
    if (h->magic != KEEL_TRACE_STREAM_MAGIC)
        return kt_fail(p->err, 0, "not a Keel trace (magic 0x%08x, want 0x%08x)", h->magic,
                       KEEL_TRACE_STREAM_MAGIC);
    if (h->version_major != KEEL_TRACE_VERSION_MAJOR)
        return kt_fail(p->err, 4, "trace format version %u.%u, this reader knows %u.x",
                       h->version_major, h->version_minor, KEEL_TRACE_VERSION_MAJOR);
    if (h->hdr_size < sizeof(*h) || h->hdr_size > p->size)
        return kt_fail(p->err, 8, "stream header size %u out of range", h->hdr_size);
    if (h->nr_cpus == 0)
        return kt_fail(p->err, 10, "stream header says 0 CPUs");
    return 0;
}

/* Checks the block at off without trusting anything in it. */
static int kt_check_block(struct kt_parser *p, size_t off, struct keel_trace_block_hdr *h)
{
    uint32_t c;

    if (p->size - off < KT_HDR_BYTES)
        return kt_fail(p->err, off, "truncated block header (%zu of %zu bytes)",
                       p->size - off, KT_HDR_BYTES);
    memcpy(h, p->d + off, sizeof(*h));
    if (h->magic != KEEL_TRACE_BLOCK_MAGIC)
        return kt_fail(p->err, off, "bad block magic 0x%08x", h->magic);
    if (h->len % KEEL_TRACE_WORD != 0)
        return kt_fail(p->err, off, "block length %u is not a multiple of 8", h->len);
    if (h->len > p->size - off - KT_HDR_BYTES)
        return kt_fail(p->err, off, "truncated block: %u record bytes declared, %zu present",
                       h->len, p->size - off - KT_HDR_BYTES);
    c = keel_trace_csum_fold(keel_trace_csum(keel_trace_csum(KEEL_TRACE_CSUM_SEED, p->d + off,
                                                             KEEL_TRACE_CSUM_COVERED),
                                             p->d + off + KT_HDR_BYTES, h->len));
    if (c != h->csum)
        return kt_fail(p->err, off, "block checksum 0x%08x, contents give 0x%08x", h->csum, c);
    if (h->cpu >= p->t->hdr.nr_cpus)
        return kt_fail(p->err, off, "block of CPU %u, stream has %u", h->cpu,
                       p->t->hdr.nr_cpus);
    return 0;
}

static int kt_push(struct kt_parser *p, const struct kt_rec *r)
{
    struct kt_trace *t = p->t;

    if (t->nrecs == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : KT_RECS_FIRST;
        struct kt_rec *n = realloc(t->recs, cap * sizeof(*n));

        if (!n)
            return kt_fail(p->err, r->off, "out of memory after %zu records", t->nrecs);
        t->recs = n;
        p->cap = cap;
    }
    t->recs[t->nrecs++] = *r;
    if (r->event == KEEL_TEV_LOST) {
        struct keel_tr_lost l;

        kt_payload(r, &l, sizeof(l));
        t->lost += l.count;
    }
    return 0;
}

/* Decodes the records of a block whose header checked out. */
static int kt_parse_records(struct kt_parser *p, size_t off, const struct keel_trace_block_hdr *h)
{
    size_t at = off + KT_HDR_BYTES, end = at + h->len;

    while (at < end) {
        struct keel_trace_rec rh;
        struct kt_rec r;
        size_t plen;

        if (end - at < KT_REC_BYTES)
            return kt_fail(p->err, at, "record header crosses the end of its block");
        memcpy(&rh, p->d + at, sizeof(rh));
        plen = (size_t)rh.nwords * KEEL_TRACE_WORD;
        if (plen > end - at - KT_REC_BYTES)
            return kt_fail(p->err, at, "record payload (%u words) crosses the end of its block",
                           rh.nwords);
        if (rh.cpu != h->cpu)
            return kt_fail(p->err, at, "record of CPU %u in a block of CPU %u", rh.cpu, h->cpu);
        if (plen < kt_event_min_payload(rh.event))
            return kt_fail(p->err, at, "event 0x%04x has %zu payload bytes, needs %zu",
                           rh.event, plen, kt_event_min_payload(rh.event));
        r = (struct kt_rec){ .tsc = rh.tsc, .off = at, .payload = p->d + at + KT_REC_BYTES,
                             .event = rh.event, .domid = rh.domid, .vcpu = rh.vcpu,
                             .cpu = rh.cpu, .nwords = rh.nwords };
        if (kt_push(p, &r) < 0)
            return -1;
        at += KT_REC_BYTES + plen;
    }
    return 0;
}

static void kt_note_seq(struct kt_parser *p, const struct keel_trace_block_hdr *h)
{
    if (p->seen[h->cpu] && h->seq != p->next_seq[h->cpu])
        p->t->seq_gaps += h->seq > p->next_seq[h->cpu] ? h->seq - p->next_seq[h->cpu] : 1;
    p->seen[h->cpu] = true;
    p->next_seq[h->cpu] = h->seq + 1;
    p->t->blocks++;
}

/* Resync: the next offset after off where a whole valid block starts, or size. */
static size_t kt_next_block(struct kt_parser *p, size_t off)
{
    struct kt_err scratch;
    struct kt_err *keep = p->err;
    struct keel_trace_block_hdr h;

    p->err = &scratch;
    for (off++; off < p->size; off++)
        if (kt_check_block(p, off, &h) == 0)
            break;
    p->err = keep;
    return off < p->size ? off : p->size;
}

/* One block at *off: parsed and *off advanced, or (resync) skipped. */
static int kt_parse_block(struct kt_parser *p, size_t *off, bool resync)
{
    struct keel_trace_block_hdr h;
    size_t nrecs = p->t->nrecs;

    if (kt_check_block(p, *off, &h) == 0) {
        if (kt_parse_records(p, *off, &h) == 0) {
            kt_note_seq(p, &h);
            *off += KT_HDR_BYTES + h.len;
            return 0;
        }
        p->t->nrecs = nrecs;   /* a block counts whole or not at all */
    }
    if (!resync)
        return -1;
    {
        size_t next = kt_next_block(p, *off);

        if (p->t->skipped == 0)
            p->t->first_skip = *off;
        p->t->skipped += next - *off;
        *off = next;
    }
    return 0;
}

static int kt_rec_cmp(const void *a, const void *b)
{
    const struct kt_rec *x = a, *y = b;

    if (x->tsc != y->tsc)
        return x->tsc < y->tsc ? -1 : 1;
    return x->off < y->off ? -1 : x->off > y->off;
}

int kt_parse(const uint8_t *data, size_t size, bool resync, struct kt_trace *t,
             struct kt_err *err)
{
    struct kt_parser p = { .d = data, .size = size, .t = t, .err = err };
    size_t off;
    int rc = 0;

    memset(t, 0, sizeof(*t));
    if (kt_parse_stream_hdr(&p) < 0)
        return -1;
    p.next_seq = calloc(t->hdr.nr_cpus, sizeof(*p.next_seq));
    p.seen = calloc(t->hdr.nr_cpus, sizeof(*p.seen));
    if (!p.next_seq || !p.seen)
        rc = kt_fail(err, 0, "out of memory");
    for (off = t->hdr.hdr_size; rc == 0 && off < size;)
        rc = kt_parse_block(&p, &off, resync);
    free(p.next_seq);
    free(p.seen);
    if (rc < 0) {
        kt_trace_free(t);
        return -1;
    }
    if (t->nrecs > 1)
        qsort(t->recs, t->nrecs, sizeof(*t->recs), kt_rec_cmp);
    return 0;
}

void kt_trace_free(struct kt_trace *t)
{
    free(t->recs);
    memset(t, 0, sizeof(*t));
}
