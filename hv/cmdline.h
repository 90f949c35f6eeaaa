/* Option parsing for command lines of the form "key=value flag key2=value2": the
 * hypervisor's own line and the Keel part of each module's line. Strings are untrusted. */
#ifndef HV_CMDLINE_H
#define HV_CMDLINE_H

#include "hv/env.h"

/* Copies the value of key into buf (NUL-terminated, truncated to size). Returns true when
 * the key is present (a bare flag yields ""). Stops at "--" when stop_at_dashes. */
bool cmdline_get(const char *line, const char *key, char *buf, size_t size,
                 bool stop_at_dashes);

/* Parses a size with an optional K/M/G suffix ("32M"); returns 0 on malformed input. */
uint64_t cmdline_parse_size(const char *s);

#endif
