/* keeltrace dump: one line per event, strace-style, arguments decoded. */
#ifndef KT_DUMP_H
#define KT_DUMP_H

#include <stdio.h>

#include "tools/keeltrace/filter.h"
#include "tools/keeltrace/pair.h"
#include "tools/keeltrace/reader.h"
#include "tools/keeltrace/sbuf.h"

/* Writes the records that pass f. A hypercall whose exit is the next line shown is printed on
 * one line ("name(args) = result <N cyc>"); otherwise the entry ends in "..." and the exit
 * reads "<... name resumed> = result". Returns 0, or -1 on an output error. */
int kt_dump(FILE *out, const struct kt_trace *t, const struct kt_pairs *p,
            const struct kt_filter *f);

/* The text of one non-hypercall record (batch entries, events, lost records, ...); times in it
 * are shown relative to base. */
void kt_describe(struct sbuf *s, const struct kt_rec *r, uint64_t base);

#endif
