/* pvguest's command-line parser. The line is copied once into cmdline_buf and split in place,
 * so values stay valid for the life of the domain and the hypervisor's copy is never trusted
 * to be NUL-terminated. */
#include "pvguest/cmdline.h"

#include "abi/start_info.h"
#include "pvguest/string.h"

#define CMDLINE_MAX_WORDS 32

static char cmdline_buf[MAX_GUEST_CMDLINE + 1];
static const char *cmdline_keys[CMDLINE_MAX_WORDS];
static const char *cmdline_values[CMDLINE_MAX_WORDS];
static unsigned int cmdline_nr;

/* Records one NUL-terminated word if it has the form key=value. */
static void cmdline_add(char *word)
{
    char *eq = word;

    while (*eq && *eq != '=')
        eq++;
    if (!*eq || eq == word || cmdline_nr == CMDLINE_MAX_WORDS)
        return;
    *eq = '\0';
    cmdline_keys[cmdline_nr] = word;
    cmdline_values[cmdline_nr] = eq + 1;
    cmdline_nr++;
}

void cmdline_init(const char *line)
{
    size_t len = strnlen(line, MAX_GUEST_CMDLINE);
    char *p = cmdline_buf;

    memcpy(cmdline_buf, line, len);
    cmdline_buf[len] = '\0';
    cmdline_nr = 0;
    while (*p) {
        char *word;

        while (*p == ' ' || *p == '\t')
            p++;
        word = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        if (*p)
            *p++ = '\0';
        if (*word)
            cmdline_add(word);
    }
}

const char *cmdline_get(const char *key)
{
    for (unsigned int i = cmdline_nr; i > 0; i--)
        if (!strcmp(cmdline_keys[i - 1], key))
            return cmdline_values[i - 1];
    return 0;
}
