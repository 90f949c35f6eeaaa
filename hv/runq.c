/* Run queue: a fixed array in the order vCPUs were added, each with a blocked flag. Round
 * robin is "the next one after the vCPU that ran last", so every runnable vCPU gets a turn
 * before any gets a second one. */
#include "hv/runq.h"

struct runq_entry {
    struct vcpu *v;
    bool blocked;
};

static struct runq_entry runq[MAX_DOMAINS];
static unsigned nr_runq;

void runq_reset(void)
{
    nr_runq = 0;
}

int runq_add(struct vcpu *v)
{
    if (nr_runq == MAX_DOMAINS)
        return -XEN_ENOMEM;
    runq[nr_runq++] = (struct runq_entry){ .v = v, .blocked = false };
    return 0;
}

static struct runq_entry *runq_find(const struct vcpu *v)
{
    for (unsigned i = 0; i < nr_runq; i++)
        if (runq[i].v == v)
            return &runq[i];
    return NULL;
}

bool runq_block(struct vcpu *v)
{
    struct runq_entry *e = runq_find(v);

    if (!e || e->blocked)
        return false;
    e->blocked = true;
    return true;
}

bool runq_wake(struct vcpu *v)
{
    struct runq_entry *e = runq_find(v);

    if (!e || !e->blocked)
        return false;
    e->blocked = false;
    return true;
}

bool runq_is_blocked(const struct vcpu *v)
{
    const struct runq_entry *e = runq_find(v);

    return e && e->blocked;
}

struct vcpu *runq_pick(const struct vcpu *after, runq_alive_fn alive)
{
    const struct runq_entry *a = after ? runq_find(after) : NULL;
    unsigned start = a ? (unsigned)(a - runq) + 1 : 0;

    for (unsigned k = 0; k < nr_runq; k++) {
        const struct runq_entry *e = &runq[(start + k) % nr_runq];
        if (!e->blocked && alive(e->v))
            return e->v;
    }
    return NULL;
}

unsigned runq_nr_runnable_except(const struct vcpu *except, runq_alive_fn alive)
{
    unsigned n = 0;

    for (unsigned i = 0; i < nr_runq; i++)
        n += runq[i].v != except && !runq[i].blocked && alive(runq[i].v);
    return n;
}
