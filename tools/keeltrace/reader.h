/* keeltrace's reader: checks a trace stream (abi/keel_trace.h) and turns it into an array of
 * records sorted by time. Invariant: nothing outside the input buffer is ever read; every
 * defect is reported with the byte offset where it was found. */
#ifndef KT_READER_H
#define KT_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/keel_trace.h"

#define KT_ERR_LEN 192

struct kt_err {
    uint64_t off;           /* byte offset of the defect */
    char msg[KT_ERR_LEN];
};

struct kt_rec {
    uint64_t tsc;
    uint64_t off;           /* byte offset of the record in the file */
    const uint8_t *payload; /* nwords * 8 bytes inside the caller's buffer */
    uint16_t event;
    uint16_t domid;
    uint16_t vcpu;
    uint8_t cpu;
    uint8_t nwords;
};

struct kt_trace {
    struct keel_trace_stream_hdr hdr;
    struct kt_rec *recs;    /* sorted by tsc; file order among equals */
    size_t nrecs;
    uint64_t lost;          /* records the recorder dropped (sum of LOST records) */
    uint64_t blocks;
    uint64_t seq_gaps;      /* blocks the channel dropped (gaps in per-CPU sequence) */
    uint64_t skipped;       /* bytes skipped by resync */
    uint64_t first_skip;    /* offset of the first skipped byte */
};

/* Parses size bytes. Strict (resync false): the first defect fails the parse. With resync,
 * damaged bytes are skipped up to the next valid block and counted in t->skipped.
 * Returns 0, or -1 with *err filled; t is empty after a failure. data must outlive t. */
int kt_parse(const uint8_t *data, size_t size, bool resync, struct kt_trace *t,
             struct kt_err *err);

void kt_trace_free(struct kt_trace *t);

/* Copies a record's payload into dst (n bytes); bytes past its payload read as zero. */
void kt_payload(const struct kt_rec *r, void *dst, size_t n);

/* Smallest payload (bytes) a known event needs; 0 for an event this reader does not know. */
size_t kt_event_min_payload(uint16_t event);

#endif
