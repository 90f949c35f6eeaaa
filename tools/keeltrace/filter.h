/* keeltrace's record filters (-d domain, -h hypercall, -c classes, -t from:to). Invariant:
 * records of lost data always pass the domain, hypercall and class filters. */
#ifndef KT_FILTER_H
#define KT_FILTER_H

#include <stdbool.h>
#include <stdint.h>

#include "tools/keeltrace/pair.h"
#include "tools/keeltrace/reader.h"

struct kt_filter {
    bool has_dom;
    uint16_t dom;
    long hcall;             /* hypercall number, or -1 for any */
    uint32_t classes;       /* KEEL_TRC_* bits, 0 for any */
    bool has_from, has_to;
    uint64_t from, to;      /* cycles since the first record, inclusive */
};

void kt_filter_init(struct kt_filter *f);
/* Applies option opt ('d', 'h', 'c' or 't') with value val. Returns 0, or -1 if val is bad. */
int kt_filter_set(struct kt_filter *f, char opt, const char *val);
/* Whether record i passes; p may be NULL (no pairing known). */
bool kt_filter_match(const struct kt_filter *f, const struct kt_trace *t,
                     const struct kt_pairs *p, size_t i);
/* The time base of -t and of dump's first column: the first record's clock. */
uint64_t kt_time_base(const struct kt_trace *t);

#endif
