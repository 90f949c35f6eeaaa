/* Domains: the table of domains built at boot, their life cycle (running, shut down,
 * crashed) and teardown, which returns every frame. */
#ifndef HV_DOMAIN_H
#define HV_DOMAIN_H

#include "abi/start_info.h"
#include "abi/xen.h"
#include "hv/elf.h"
#include "hv/env.h"
#include "hv/event/evtchn_port.h"
#include "hv/param.h"
#include "hv/vcpu.h"

enum domain_state { DOM_EMPTY, DOM_RUNNING, DOM_SHUTDOWN, DOM_CRASHED };

struct domain {
    domid_t id;
    enum domain_state state;
    unsigned shutdown_reason;   /* SHUTDOWN_* when state is DOM_SHUTDOWN */
    bool privileged;            /* domain 0: SIF_PRIVILEGED | SIF_INITDOMAIN */
    uint64_t vm_assist;         /* VMASST_TYPE_* bits enabled */
    uint64_t nr_pages;          /* guest frames (pfn 0 .. nr_pages-1) */
    mfn_t *p2m;                 /* hypervisor copy of pfn -> mfn */
    uint64_t p2m_frames;        /* frames holding p2m */
    mfn_t shared_info_mfn;
    struct shared_info *shared_info;
    struct elf_image elf;       /* the kernel image (module memory is never reused) */
    struct vcpu vcpu0;
    struct evtchn_dom evtchn;   /* event-channel ports (hv/event/evtchn_port.h) */
    char name[16];
    char console_line[GUEST_LINE_MAX];
    unsigned console_len;
};

/* Domain slot id (0 .. MAX_DOMAINS-1), or NULL. */
struct domain *domain_by_id(domid_t id);

/* A fresh slot, or NULL when MAX_DOMAINS are in use. */
struct domain *domain_alloc(void);

/* Returns a slot that never ran (a failed build) with whatever memory it holds. */
void domain_free(struct domain *d);

/* Flushes what the guest wrote to console_io without a newline. */
void guest_console_end(struct domain *d);

/* Number of domains still running. */
unsigned domain_nr_running(void);

/* True when some domain ended by crashing. */
bool domain_any_crashed(void);

/* Ends d: a normal shutdown (reason SHUTDOWN_*) or a crash with a diagnostic printed by the
 * caller. Frees its memory. The caller must then schedule another vCPU. */
void domain_shutdown(struct domain *d, unsigned reason);
void domain_crash(struct domain *d, const char *why);

/* audit=1 on the hypervisor command line: check frame counts at every teardown. */
void domain_audit_init(const char *cmdline);

/* Runs the audit over the running domains now: the number of mismatches, or -XEN_ENOSYS when
 * audit=1 was not given (Keel's debug_op, hv/debug_op.c). */
long domain_audit_now(void);

#endif
