/* vcpu_op and set_timer_op, with Xen 4.17's semantics: timers take absolute system time
 * (ns, the clock of vcpu_time_info); runstate is reported on demand or copied to a guest area
 * at every state change; vcpu_info may move once to a frame the guest owns, which is then
 * held with a writable type reference (so it can never become a page table) until the
 * domain ends. Every argument is untrusted and copied once; a failing call changes nothing. */
#include "hv/vcpu_op.h"
#include "abi/vcpu.h"
#include "hv/domain.h"
#include "hv/guest_access.h"
#include "hv/mm/ptype.h"
#include "hv/time/pvclock.h"
#include "hv/time/time.h"
#include "hv/time/vcpu_time.h"
#include "arch/x86_64/memlayout.h"

#define PERIOD_MIN_NS NS_PER_MS                 /* Xen refuses shorter periods */
#define PERIOD_MAX_NS (~0UL >> 1)               /* Xen's STIME_DELTA_MAX */
#define TIMER_FAR_SHIFT 50                      /* ~13 days: Xen treats as a wrapped timeout */
#define TIMER_FAR_DELAY_NS (100 * NS_PER_MS)    /* ... and fires it after 100 ms instead */
#define PENDING_SEL_ALL (~0UL)

/* set_timer_op: 0 stops the single-shot timer. As in Xen, a timeout more than 2^50 ns ahead
 * (a guest's wrapped jiffies) fires in 100 ms instead; one in the past fires at once. */
long hc_set_timer_op(uint64_t timeout, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    struct vcpu_time *vt = vcpu_time_of(current);
    uint64_t now = time_now_ns();

    (void)a2; (void)a3; (void)a4; (void)a5;
    if (!timeout) {
        timer_stop(&vt->singleshot);
        return 0;
    }
    if ((int64_t)(timeout - now) > 0 && ((timeout - now) >> TIMER_FAR_SHIFT))
        timeout = now + TIMER_FAR_DELAY_NS;
    timer_set(&vt->singleshot, timeout);
    return 0;
}

static long vcpu_singleshot(struct vcpu *v, uint64_t arg)
{
    struct vcpu_set_singleshot_timer s;

    if (v != current)
        return -XEN_EINVAL;
    if (copy_from_guest(&s, arg, sizeof(s)))
        return -XEN_EFAULT;
    if ((s.flags & VCPU_SSHOTTMR_future) && s.timeout_abs_ns < time_now_ns())
        return -XEN_ETIME;
    timer_set(&vcpu_time_of(v)->singleshot, s.timeout_abs_ns);
    return 0;
}

static long vcpu_periodic(struct vcpu *v, uint64_t arg)
{
    struct vcpu_set_periodic_timer p;
    struct vcpu_time *vt = vcpu_time_of(v);

    if (copy_from_guest(&p, arg, sizeof(p)))
        return -XEN_EFAULT;
    if (p.period_ns < PERIOD_MIN_NS || p.period_ns > PERIOD_MAX_NS)
        return -XEN_EINVAL;
    vt->period_ns = p.period_ns;
    timer_set(&vt->periodic, time_now_ns() + p.period_ns);
    return 0;
}

/* v's runstate with the time spent in the current state counted up to now. */
static struct vcpu_runstate_info runstate_now(const struct vcpu *v)
{
    struct vcpu_runstate_info r = vcpu_time_of(v)->runstate;
    uint64_t now = time_now_ns();

    if (now > r.state_entry_time)
        r.time[r.state] += now - r.state_entry_time;
    return r;
}

static long vcpu_get_runstate(struct vcpu *v, uint64_t arg)
{
    struct vcpu_runstate_info r = runstate_now(v);

    return copy_to_guest(arg, &r, sizeof(r)) ? -XEN_EFAULT : 0;
}

/* A zero address unregisters. The first copy is made at once; if the guest cannot take it,
 * the call still succeeds (Xen's behaviour). */
static long vcpu_register_runstate(struct vcpu *v, uint64_t arg)
{
    struct vcpu_register_runstate_memory_area a;

    if (copy_from_guest(&a, arg, sizeof(a)))
        return -XEN_EFAULT;
    if (a.addr.v && !guest_range_ok(a.addr.v, sizeof(struct vcpu_runstate_info)))
        return -XEN_EFAULT;
    vcpu_time_of(v)->runstate_va = a.addr.v;
    if (a.addr.v && v == current)
        vcpu_time_runstate_publish(v);
    return 0;
}

/* Moves v's vcpu_info to (mfn, offset): a frame v's domain owns, taken as writable (so it
 * can never become a page table), with the whole struct inside the page (-ENXIO otherwise). The current
 * contents move along, and every event is then marked pending so none is lost in the move
 * (as Xen does). Only once per vCPU: -EINVAL afterwards, as in Xen 4.17. */
static long vcpu_register_info(struct vcpu *v, uint64_t arg)
{
    struct vcpu_register_vcpu_info r;
    struct vcpu_time *vt = vcpu_time_of(v);
    struct vcpu_info *info;
    mfn_t m;

    if (copy_from_guest(&r, arg, sizeof(r)))
        return -XEN_EFAULT;
    if (r.offset > PAGE_SIZE - sizeof(struct vcpu_info))
        return -XEN_ENXIO;                  /* Xen 4.17 checks the offset first */
    if (r.rsvd || mfn_valid(vt->info_mfn) || v != current)
        return -XEN_EINVAL;
    m = _mfn(r.mfn);
    if (!mfn_valid(m) || ptype_get(m, FRAME_TYPE_WRITABLE, &v->mm))
        return -XEN_EINVAL;
    info = (struct vcpu_info *)((char *)maddr_to_virt(mfn_to_paddr(m)) + r.offset);
    memcpy(info, v->vcpu_info, sizeof(*info));
    vt->info_mfn = m;
    v->vcpu_info = info;
    info->evtchn_upcall_pending = 1;
    info->evtchn_pending_sel = PENDING_SEL_ALL;
    time_vcpu_update(v);
    return 0;
}

/* The vCPU a vcpu_op names: only vCPU 0 exists (one per domain today). */
static struct vcpu *vcpu_op_target(uint64_t vcpuid)
{
    return vcpuid == current->id ? current : NULL;
}

long hc_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg, uint64_t a4, uint64_t a5)
{
    struct vcpu *v = vcpu_op_target((uint32_t)vcpuid);   /* Xen takes an unsigned int */

    (void)a4; (void)a5;
    if (!v)
        return -XEN_ENOENT;
    switch (cmd) {
    case VCPUOP_is_up:
        return 1;
    case VCPUOP_get_runstate_info:
        return vcpu_get_runstate(v, arg);
    case VCPUOP_register_runstate_memory_area:
        return vcpu_register_runstate(v, arg);
    case VCPUOP_set_periodic_timer:
        return vcpu_periodic(v, arg);
    case VCPUOP_stop_periodic_timer:
        vcpu_time_of(v)->period_ns = 0;
        timer_stop(&vcpu_time_of(v)->periodic);
        return 0;
    case VCPUOP_set_singleshot_timer:
        return vcpu_singleshot(v, arg);
    case VCPUOP_stop_singleshot_timer:
        if (v != current)
            return -XEN_EINVAL;
        timer_stop(&vcpu_time_of(v)->singleshot);
        return 0;
    case VCPUOP_register_vcpu_info:
        return vcpu_register_info(v, arg);
    default:
        return -XEN_ENOSYS;
    }
}
