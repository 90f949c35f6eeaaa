/* keeltrace timeline: Chrome Trace Event JSON (Perfetto, chrome://tracing). A process per
 * domain with a thread per vCPU, hypercalls as complete slices with their arguments, event
 * sends as flows to the receiver's next upcall, a process per CPU showing who runs. */
#ifndef KT_TIMELINE_H
#define KT_TIMELINE_H

#include <stdio.h>

#include "tools/keeltrace/filter.h"
#include "tools/keeltrace/pair.h"
#include "tools/keeltrace/reader.h"

#define KT_CPU_PID_BASE 65536   /* CPU tracks' pids, above every domid */

/* Returns 0, or -1 on an output or memory error. */
int kt_timeline(FILE *out, const struct kt_trace *t, const struct kt_pairs *p,
                const struct kt_filter *f);
/* The same into path (NULL: stdout). */
int kt_timeline_file(const char *path, const struct kt_trace *t, const struct kt_pairs *p,
                     const struct kt_filter *f);

#endif
