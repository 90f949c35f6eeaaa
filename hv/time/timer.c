/* The timer queue: a singly linked list sorted by deadline (few timers exist: a handful per
 * vCPU plus the scheduler's slice), so insertion is a short walk and expiry pops the head.
 * Invariant: the hardware is programmed for the head's deadline, or stopped when empty. */
#include "hv/time/timer.h"
#include "hv/time/time.h"

static struct timer *queue;

void timer_init(struct timer *t, void (*fn)(struct timer *t), void *data)
{
    t->next = NULL;
    t->deadline_ns = 0;
    t->armed = false;
    t->fn = fn;
    t->data = data;
}

bool timer_is_armed(const struct timer *t)
{
    return t->armed;
}

uint64_t timer_next_deadline(void)
{
    return queue ? queue->deadline_ns : 0;
}

static void queue_remove(struct timer *t)
{
    for (struct timer **pp = &queue; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    t->next = NULL;
    t->armed = false;
}

/* Timers with equal deadlines expire in the order they were set. */
static void queue_insert(struct timer *t)
{
    struct timer **pp = &queue;

    while (*pp && (*pp)->deadline_ns <= t->deadline_ns)
        pp = &(*pp)->next;
    t->next = *pp;
    *pp = t;
    t->armed = true;
}

void timer_set(struct timer *t, uint64_t deadline_ns)
{
    uint64_t head = timer_next_deadline();

    if (t->armed)
        queue_remove(t);
    t->deadline_ns = deadline_ns;
    queue_insert(t);
    if (timer_next_deadline() != head || !head)
        time_arm(timer_next_deadline());
}

void timer_stop(struct timer *t)
{
    bool was_head = t == queue;

    if (!t->armed)
        return;
    queue_remove(t);
    if (was_head)
        time_arm(timer_next_deadline());
}

void timer_run_expired(uint64_t now_ns)
{
    while (queue && queue->deadline_ns <= now_ns) {
        struct timer *t = queue;
        queue_remove(t);
        t->fn(t);
    }
    time_arm(timer_next_deadline());
}
