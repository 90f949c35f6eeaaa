/* The domain table and domain life cycle. Ending a domain flushes its console, reports why,
 * and returns every frame it held to the allocator (M2P entries invalidated). */
#include "hv/domain.h"
#include "abi/sched.h"
#include "hv/event/evtchn.h"
#include "hv/hypercall.h"
#include "hv/mm/frame_alloc.h"
#include "hv/mm/audit.h"
#include "hv/mm/frame.h"
#include "hv/mm/frame_alloc.h"
#include "hv/cmdline.h"
#include "hv/mm/m2p.h"
#include "hv/mm/mmu_op.h"
#include "hv/mm/ptype.h"
#include "hv/sched.h"
#include "hv/time/vcpu_time.h"
#include "hv/trace.h"
#include "hv/traps.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"

#define VMASST_KNOWN ((1UL << VMASST_TYPE_writable_pagetables) | \
                      (1UL << VMASST_TYPE_architectural_iopl) | \
                      (1UL << VMASST_TYPE_runstate_update_flag) | \
                      (1UL << VMASST_TYPE_m2p_strict))
#define VMASST_MAX_TYPE 63

static struct domain domains[MAX_DOMAINS];
static unsigned nr_domains;
static bool crashed_any;

extern uint64_t hv_idle_cr3;

static struct audit_expect *audit_scratch;   /* non-NULL when audit=1 was given */

void domain_audit_init(const char *cmdline)
{
    uint64_t bytes = frame_nr_frames() * sizeof(struct audit_expect);
    mfn_t m;

    if (!cmdline_get(cmdline, "audit", NULL, 0, false))
        return;
    m = frame_alloc_contig((bytes + PAGE_SIZE - 1) >> PAGE_SHIFT, 1);
    if (!mfn_valid(m)) {
        printk("hv: audit: no memory for its scratch table; audit off\n");
        return;
    }
    audit_scratch = maddr_to_virt(mfn_to_paddr(m));
    printk("hv: audit on: frame counts checked at every domain teardown\n");
}

/* Recomputes every frame's counts from the live domains' pins and base pointers, and the
 * writable type reference a registered vcpu_info frame holds (VCPUOP_register_vcpu_info). */
static unsigned long domain_audit_running(void)
{
    const struct mm_vcpu *vcpus[MAX_DOMAINS];
    struct audit_ref extra[MAX_DOMAINS];
    unsigned n = 0, nr_extra = 0;

    for (unsigned i = 0; i < nr_domains; i++) {
        mfn_t info;

        if (domains[i].state != DOM_RUNNING)
            continue;
        vcpus[n++] = &domains[i].vcpu0.mm;
        info = vcpu_time_of(&domains[i].vcpu0)->info_mfn;
        if (mfn_valid(info))
            extra[nr_extra++] = (struct audit_ref){ .mfn = info, .type = FRAME_TYPE_WRITABLE,
                                                    .typed = true };
    }
    return audit_frames(audit_scratch, vcpus, n, extra, nr_extra);
}

static void domain_audit(const struct domain *ending)
{
    if (!audit_scratch)
        return;
    printk("hv: audit at d%u teardown: %lu mismatches\n", ending->id, domain_audit_running());
}

long domain_audit_now(void)
{
    if (!audit_scratch)
        return -XEN_ENOSYS;
    return (long)domain_audit_running();
}

static const char *const shutdown_names[] = {
    [SHUTDOWN_poweroff] = "poweroff", [SHUTDOWN_reboot] = "reboot",
    [SHUTDOWN_suspend] = "suspend", [SHUTDOWN_crash] = "crash",
    [SHUTDOWN_watchdog] = "watchdog", [SHUTDOWN_soft_reset] = "soft_reset",
};

struct domain *domain_by_id(domid_t id)
{
    if (id >= nr_domains || domains[id].state == DOM_EMPTY)
        return NULL;
    return &domains[id];
}

struct domain *domain_alloc(void)
{
    struct domain *d;

    if (nr_domains == MAX_DOMAINS)
        return NULL;
    d = &domains[nr_domains];
    memset(d, 0, sizeof(*d));
    d->id = (domid_t)nr_domains++;
    d->shared_info_mfn = INVALID_MFN;
    d->vcpu0.mm.guest_table = d->vcpu0.mm.guest_table_user = INVALID_MFN;
    return d;
}

/* Returns one frame the domain owned; a frame still referenced is a broken invariant of
 * the MMU (every reference should be gone once pins and base pointers are dropped). */
static void domain_release_frame(struct domain *d, mfn_t m)
{
    int rc = frame_release(m);

    if (rc == -XEN_EBUSY) {
        printk("hv: d%u: frame %lx still referenced at teardown; leaked\n", d->id, mfn_x(m));
        return;
    }
    frame_free(m);
}

static void domain_release_memory(struct domain *d)
{
    mmu_vcpu_release(&d->vcpu0.mm);
    d->vcpu0.mm.guest_table = d->vcpu0.mm.guest_table_user = INVALID_MFN;
    ptype_unpin_all(d->id);
    ptype_flush_if_due();
    if (d->p2m) {
        for (uint64_t pfn = 0; pfn < d->nr_pages; pfn++) {
            m2p_set(d->p2m[pfn], _gfn(M2P_INVALID));
            domain_release_frame(d, d->p2m[pfn]);
        }
        frame_free_contig(paddr_to_mfn(virt_to_maddr(d->p2m)), d->p2m_frames);
        d->p2m = NULL;
    }
    if (mfn_valid(d->shared_info_mfn))
        domain_release_frame(d, d->shared_info_mfn);
    d->shared_info_mfn = INVALID_MFN;
    d->shared_info = NULL;
    d->vcpu0.vcpu_info = NULL;
}

void domain_free(struct domain *d)
{
    domain_release_memory(d);
    d->state = DOM_SHUTDOWN;
}

static void domain_end(struct domain *d, enum domain_state how)
{
    if (d->state != DOM_RUNNING)
        return;
    guest_console_end(d);
    evtchn_domain_teardown(d);
    vcpu_time_teardown(&d->vcpu0);
    domain_audit(d);
    if (current && current->domain == d)
        write_cr3(hv_idle_cr3);
    d->state = how;
    sched_yield();   /* whoever runs next, it is not d */
    domain_release_memory(d);
    printk("hv: d%u: memory returned, free frames now %lu\n", d->id, frame_alloc_free_count());
}

void domain_shutdown(struct domain *d, unsigned reason)
{
    if (d->state != DOM_RUNNING)
        return;
    d->shutdown_reason = reason;
    printk("hv: d%u: shutdown (%s)\n", d->id,
           reason < ARRAY_SIZE(shutdown_names) ? shutdown_names[reason] : "unknown");
    if (reason == SHUTDOWN_crash)
        crashed_any = true;
    trace_dom_shutdown(d->id, 0, reason, 0);
    domain_end(d, reason == SHUTDOWN_crash ? DOM_CRASHED : DOM_SHUTDOWN);
}

void domain_crash(struct domain *d, const char *why)
{
    if (d->state != DOM_RUNNING)
        return;
    printk("hv: d%u: CRASH: %s\n", d->id, why);
    trace_dom_crash(d->id, 0, current && current->domain == d ? guest_regs()->rip : 0, why);
    if (current && current->domain == d)
        traps_dump_guest(current, guest_regs());
    crashed_any = true;
    domain_end(d, DOM_CRASHED);
}

unsigned domain_nr_running(void)
{
    unsigned n = 0;

    for (unsigned i = 0; i < nr_domains; i++)
        n += domains[i].state == DOM_RUNNING;
    return n;
}

bool domain_any_crashed(void)
{
    return crashed_any;
}

/* vm_assist(cmd, type): enable or disable an assist. Errors: -EINVAL (a type Keel does not
 * offer), -ENOSYS (unknown cmd). */
long hc_vm_assist(uint64_t cmd, uint64_t type, uint64_t a3, uint64_t a4, uint64_t a5)
{
    struct domain *d = current->domain;

    (void)a3; (void)a4; (void)a5;
    if (type > VMASST_MAX_TYPE || !(VMASST_KNOWN & (1UL << type)))
        return -XEN_EINVAL;
    if (cmd == VMASST_CMD_enable)
        d->vm_assist |= 1UL << type;
    else if (cmd == VMASST_CMD_disable)
        d->vm_assist &= ~(1UL << type);
    else
        return -XEN_ENOSYS;
    return 0;
}
