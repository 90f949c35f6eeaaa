/* console_io: guests write to the hypervisor's serial console, each line prefixed by its
 * domain ("(d1) "), and read what is typed on it. Output is buffered per domain up to a
 * line so that interleaved domains stay readable. */
#include "abi/console_io.h"
#include "hv/console.h"
#include "hv/domain.h"
#include "hv/guest_access.h"
#include "hv/hypercall.h"

static void guest_console_flush(struct domain *d)
{
    if (!d->console_len)
        return;
    printk("(d%u) %.*s\n", d->id, (int)d->console_len, d->console_line);
    d->console_len = 0;
}

static void guest_console_putc(struct domain *d, char c)
{
    if (c == '\n' || d->console_len == sizeof(d->console_line)) {
        guest_console_flush(d);
        if (c == '\n')
            return;
    }
    if (c != '\r')
        d->console_line[d->console_len++] = c;
}

static long guest_console_write(uint64_t count, uint64_t buf)
{
    char chunk[CONSOLE_IO_CHUNK];
    struct domain *d = current->domain;

    if (count > CONSOLE_IO_MAX)
        return -XEN_EINVAL;
    for (uint64_t done = 0; done < count;) {
        size_t n = count - done < sizeof(chunk) ? count - done : sizeof(chunk);
        if (copy_from_guest(chunk, buf + done, n))
            return -XEN_EFAULT;
        for (size_t i = 0; i < n; i++)
            guest_console_putc(d, chunk[i]);
        done += n;
    }
    return 0;
}

static long guest_console_read(uint64_t count, uint64_t buf)
{
    char chunk[CONSOLE_IO_CHUNK];
    size_t n = 0;
    int c;

    if (!guest_range_ok(buf, count))
        return -XEN_EFAULT;
    while (n < count && n < sizeof(chunk) && (c = console_getc()) >= 0)
        chunk[n++] = (char)c;
    if (copy_to_guest(buf, chunk, n))
        return -XEN_EFAULT;
    return (long)n;
}

/* console_io(cmd, count, buf): CONSOLEIO_write prints count bytes (0 or -EFAULT/-EINVAL);
 * CONSOLEIO_read returns how many bytes it stored (or -EFAULT). Other cmds: -ENOSYS. */
long hc_console_io(uint64_t cmd, uint64_t count, uint64_t buf, uint64_t a4, uint64_t a5)
{
    (void)a4; (void)a5;
    if (cmd == CONSOLEIO_write)
        return guest_console_write(count, buf);
    if (cmd == CONSOLEIO_read)
        return guest_console_read(count, buf);
    return -XEN_ENOSYS;
}

void guest_console_end(struct domain *d)
{
    guest_console_flush(d);
}
