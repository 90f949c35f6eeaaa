/* pvguest's command line (start_info.cmd_line): space-separated key=value words, e.g.
 * "role=app test=all". Words without '=' (GRUB may leave the module path) are ignored. */
#ifndef PVGUEST_CMDLINE_H
#define PVGUEST_CMDLINE_H

/* Copies and splits the line (at most MAX_GUEST_CMDLINE bytes, NUL or not). */
void cmdline_init(const char *line);
/* Value of the last `key=` word, or NULL when absent. */
const char *cmdline_get(const char *key);

#endif
