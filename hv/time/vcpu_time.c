/* Per-vCPU time state. A timer's expiry on a vCPU whose domain has ended is ignored (its
 * timers are stopped at teardown; this guards the window in between). The runstate copy
 * in guest memory follows Xen's update-flag protocol when the guest enabled
 * VMASST_TYPE_runstate_update_flag: state_entry_time has XEN_RUNSTATE_UPDATE set while the
 * rest is rewritten. */
#include "hv/time/vcpu_time.h"
#include "abi/evtchn.h"
#include "abi/xen.h"
#include "hv/domain.h"
#include "hv/event/evtchn.h"
#include "hv/guest_access.h"
#include "hv/mm/ptype.h"
#include "hv/time/time.h"

#define PV_DEFAULT_PERIOD_NS 10000000UL   /* Xen gives every PV vCPU a 100 Hz ticker */

static struct vcpu_time vcpu_times[MAX_DOMAINS];


struct vcpu_time *vcpu_time_of(const struct vcpu *v)
{
    return &vcpu_times[v->domain->id];
}

static bool vcpu_alive(const struct vcpu *v)
{
    return v->domain->state == DOM_RUNNING;
}

static void singleshot_expired(struct timer *t)
{
    struct vcpu *v = t->data;

    if (!vcpu_alive(v))
        return;
    time_vcpu_update(v);   /* the guest then reads a time at or after the deadline */
    evtchn_send_virq(v, VIRQ_TIMER);
}

static void periodic_expired(struct timer *t)
{
    struct vcpu *v = t->data;
    struct vcpu_time *vt = vcpu_time_of(v);
    uint64_t now = time_now_ns(), next = t->deadline_ns + vt->period_ns;

    if (!vcpu_alive(v) || !vt->period_ns)
        return;
    timer_set(t, next > now ? next : now + vt->period_ns);   /* missed periods are skipped */
    time_vcpu_update(v);
    evtchn_send_virq(v, VIRQ_TIMER);
}

void vcpu_time_init(struct vcpu *v)
{
    struct vcpu_time *vt = vcpu_time_of(v);

    memset(vt, 0, sizeof(*vt));
    timer_init(&vt->singleshot, singleshot_expired, v);
    timer_init(&vt->periodic, periodic_expired, v);
    vt->info_mfn = INVALID_MFN;
    vt->runstate.state = RUNSTATE_runnable;
    vt->runstate.state_entry_time = time_now_ns();
    vt->period_ns = PV_DEFAULT_PERIOD_NS;
    timer_set(&vt->periodic, vt->runstate.state_entry_time + vt->period_ns);
}

void vcpu_time_runstate_publish(struct vcpu *v)
{
    struct vcpu_time *vt = vcpu_time_of(v);
    bool flag = v->domain->vm_assist & (1UL << VMASST_TYPE_runstate_update_flag);
    struct vcpu_runstate_info r = vt->runstate;
    uint64_t set = r.state_entry_time | XEN_RUNSTATE_UPDATE;
    vaddr_t entry = vt->runstate_va + offsetof(struct vcpu_runstate_info, state_entry_time);

    /* A guest that unmapped its area just loses the update, as in Xen. */
    if (flag && copy_to_guest(entry, &set, sizeof(set)))
        return;
    if (copy_to_guest(vt->runstate_va, &r, sizeof(r)) || !flag)
        return;
    if (copy_to_guest(entry, &r.state_entry_time, sizeof(r.state_entry_time)))
        return;
}

void vcpu_time_runstate(struct vcpu *v, int state)
{
    struct vcpu_time *vt = vcpu_time_of(v);
    uint64_t now = time_now_ns();
    struct vcpu_runstate_info *r = &vt->runstate;

    if (r->state == state)
        return;
    r->time[r->state] += now - r->state_entry_time;
    r->state = state;
    r->state_entry_time = now;
    if (vt->runstate_va && v == current)
        vcpu_time_runstate_publish(v);
}

void vcpu_time_teardown(struct vcpu *v)
{
    struct vcpu_time *vt = vcpu_time_of(v);

    timer_stop(&vt->singleshot);
    timer_stop(&vt->periodic);
    vt->period_ns = 0;
    vt->runstate_va = 0;
    if (mfn_valid(vt->info_mfn)) {
        ptype_put(vt->info_mfn);
        vt->info_mfn = INVALID_MFN;
        v->vcpu_info = v->domain->shared_info ? &v->domain->shared_info->vcpu_info[v->id]
                                              : NULL;
    }
}
