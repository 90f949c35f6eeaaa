/* keeltrace's name tables, indexed by Xen 4.17's public ABI numbers (written from the facts in
 * xen/include/public; tests/trace/test_names.c checks every index against Debian's headers). */
#include "tools/keeltrace/names.h"

#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"

#define KT_NAME(tab, i) ((i) < sizeof(tab) / sizeof((tab)[0]) ? (tab)[i] : NULL)
#define KT_NSUB(tab) ((unsigned int)(sizeof(tab) / sizeof((tab)[0])))
#define KT_DEC_BASE 10
#define KT_MEMOP_CMD_MASK 0x3fu   /* Xen's MEMOP_CMD_MASK: extent order sits above */

static const char *const kt_sched_ops[] = {
    [0] = "yield", [1] = "block", [2] = "shutdown", [3] = "poll", [4] = "remote_shutdown",
    [5] = "shutdown_code", [6] = "watchdog", [7] = "pin_override",
};

static const char *const kt_evtchn_ops[] = {
    [0] = "bind_interdomain", [1] = "bind_virq", [2] = "bind_pirq", [3] = "close",
    [4] = "send", [5] = "status", [6] = "alloc_unbound", [7] = "bind_ipi", [8] = "bind_vcpu",
    [9] = "unmask", [10] = "reset", [11] = "init_control", [12] = "expand_array",
    [13] = "set_priority", [14] = "reset_cont",
};

static const char *const kt_gnttab_ops[] = {
    [0] = "map_grant_ref", [1] = "unmap_grant_ref", [2] = "setup_table", [3] = "dump_table",
    [4] = "transfer", [5] = "copy", [6] = "query_size", [7] = "unmap_and_replace",
    [8] = "set_version", [9] = "get_status_frames", [10] = "get_version",
    [11] = "swap_grant_ref", [12] = "cache_flush",
};

static const char *const kt_memory_ops[] = {
    [0] = "increase_reservation", [1] = "decrease_reservation", [2] = "maximum_ram_page",
    [3] = "current_reservation", [4] = "maximum_reservation", [5] = "machphys_mfn_list",
    [6] = "populate_physmap", [7] = "add_to_physmap", [9] = "memory_map",
    [10] = "machine_memory_map", [11] = "exchange", [12] = "machphys_mapping",
    [13] = "set_memory_map", [14] = "maximum_gpfn", [15] = "remove_from_physmap",
    [23] = "add_to_physmap_batch",
};

static const char *const kt_vcpu_ops[] = {
    [0] = "initialise", [1] = "up", [2] = "down", [3] = "is_up", [4] = "get_runstate_info",
    [5] = "register_runstate_memory_area", [6] = "set_periodic_timer",
    [7] = "stop_periodic_timer", [8] = "set_singleshot_timer", [9] = "stop_singleshot_timer",
    [10] = "register_vcpu_info", [11] = "send_nmi", [12] = "get_physid",
    [13] = "register_vcpu_time_memory_area",
};

static const char *const kt_console_ops[] = { [0] = "write", [1] = "read" };

static const char *const kt_version_ops[] = {
    [0] = "version", [1] = "extraversion", [2] = "compile_info", [3] = "capabilities",
    [4] = "changeset", [5] = "platform_parameters", [6] = "get_features", [7] = "pagesize",
    [8] = "guest_handle", [9] = "commandline", [10] = "build_id",
};

static const char *const kt_callback_ops[] = { [0] = "register", [1] = "unregister" };

static const char *const kt_vmassist_ops[] = { [0] = "enable", [1] = "disable" };

static const char *const kt_nmi_ops[] = { [0] = "register_callback", [1] = "unregister_callback" };

static const char *const kt_physdev_ops[] = {
    [5] = "irq_status_query", [6] = "set_iopl", [7] = "set_iobitmap", [8] = "apic_read",
    [9] = "apic_write", [10] = "alloc_irq_vector", [11] = "free_irq_vector", [12] = "eoi",
    [13] = "map_pirq", [14] = "unmap_pirq", [17] = "pirq_eoi_gmfn_v1",
    [28] = "pirq_eoi_gmfn_v2",
};

static const char *const kt_segbase_ops[] = {
    [0] = "FS", [1] = "GS_USER", [2] = "GS_KERNEL", [3] = "GS_USER_SEL",
};

static const char *const kt_trace_ops[] = {
    [KEEL_TRACEOP_get_mask] = "get_mask", [KEEL_TRACEOP_set_mask] = "set_mask",
};

#define KT_SUB(tab) .subops = tab, .nsubops = KT_NSUB(tab), .subop_mask = ~0ull
#define KT_A1(a) .nargs = 1, .arg = { a }
#define KT_A2(a, b) .nargs = 2, .arg = { a, b }
#define KT_A3(a, b, c) .nargs = 3, .arg = { a, b, c }
#define KT_A4(a, b, c, d) .nargs = 4, .arg = { a, b, c, d }

static const struct kt_hcall_desc kt_hcalls[KT_HCALL_MAX] = {
    [0] = { "set_trap_table", KT_A1("table") },
    [1] = { "mmu_update", KT_A4("reqs", "count", "done", "foreigndom"),
            .type = { [1] = KT_ARG_DEC, [3] = KT_ARG_DOMID } },
    [2] = { "set_gdt", KT_A2("frames", "entries"), .type = { [1] = KT_ARG_DEC } },
    [3] = { "stack_switch", KT_A2("ss", "sp") },
    [4] = { "set_callbacks", KT_A3("event", "failsafe", "syscall") },
    [5] = { "fpu_taskswitch", KT_A1("set"), .type = { KT_ARG_DEC } },
    [6] = { "sched_op_compat", KT_SUB(kt_sched_ops), KT_A2("cmd", "arg"),
            .type = { KT_ARG_SUBOP } },
    [7] = { "platform_op", KT_A1("op") },
    [8] = { "set_debugreg", KT_A2("reg", "value"), .type = { KT_ARG_DEC } },
    [9] = { "get_debugreg", KT_A1("reg"), .type = { KT_ARG_DEC } },
    [10] = { "update_descriptor", KT_A2("ma", "desc") },
    [12] = { "memory_op", .subops = kt_memory_ops, .nsubops = KT_NSUB(kt_memory_ops),
             .subop_mask = KT_MEMOP_CMD_MASK, KT_A2("cmd", "arg"), .type = { KT_ARG_SUBOP } },
    [13] = { "multicall", KT_A2("calls", "nr"), .type = { [1] = KT_ARG_DEC } },
    [14] = { "update_va_mapping", KT_A3("va", "val", "flags"),
             .type = { [1] = KT_ARG_PTE, [2] = KT_ARG_UVMF } },
    [15] = { "set_timer_op", KT_A1("timeout"), .type = { KT_ARG_DEC } },
    [16] = { "event_channel_op_compat", KT_A1("op") },
    [17] = { "xen_version", KT_SUB(kt_version_ops), KT_A2("cmd", "arg"),
             .type = { KT_ARG_SUBOP } },
    [18] = { "console_io", KT_SUB(kt_console_ops), KT_A3("cmd", "count", "buf"),
             .type = { KT_ARG_SUBOP, KT_ARG_DEC } },
    [19] = { "physdev_op_compat", KT_A1("op") },
    [20] = { "grant_table_op", KT_SUB(kt_gnttab_ops), KT_A3("cmd", "uop", "count"),
             .type = { KT_ARG_SUBOP, [2] = KT_ARG_DEC } },
    [21] = { "vm_assist", KT_SUB(kt_vmassist_ops), KT_A2("cmd", "type"),
             .type = { KT_ARG_SUBOP, KT_ARG_DEC } },
    [22] = { "update_va_mapping_otherdomain", KT_A4("va", "val", "flags", "domid"),
             .type = { [1] = KT_ARG_PTE, [2] = KT_ARG_UVMF, [3] = KT_ARG_DOMID } },
    [23] = { "iret", .nargs = 0 },
    [24] = { "vcpu_op", KT_SUB(kt_vcpu_ops), KT_A3("cmd", "vcpu", "arg"),
             .type = { KT_ARG_SUBOP, KT_ARG_DEC } },
    [25] = { "set_segment_base", KT_SUB(kt_segbase_ops), KT_A2("which", "base"),
             .type = { KT_ARG_SUBOP } },
    [26] = { "mmuext_op", KT_A4("ops", "count", "done", "foreigndom"),
             .type = { [1] = KT_ARG_DEC, [3] = KT_ARG_DOMID } },
    [27] = { "xsm_op", KT_A1("op") },
    [28] = { "nmi_op", KT_SUB(kt_nmi_ops), KT_A2("cmd", "arg"), .type = { KT_ARG_SUBOP } },
    [29] = { "sched_op", KT_SUB(kt_sched_ops), KT_A2("cmd", "arg"),
             .type = { KT_ARG_SUBOP } },
    [30] = { "callback_op", KT_SUB(kt_callback_ops), KT_A2("cmd", "arg"),
             .type = { KT_ARG_SUBOP } },
    [31] = { "xenoprof_op", KT_A2("op", "arg") },
    [32] = { "event_channel_op", KT_SUB(kt_evtchn_ops), KT_A2("cmd", "arg"),
             .type = { KT_ARG_SUBOP } },
    [33] = { "physdev_op", KT_SUB(kt_physdev_ops), KT_A2("cmd", "arg"),
             .type = { KT_ARG_SUBOP } },
    [34] = { "hvm_op", KT_A2("op", "arg") },
    [35] = { "sysctl", KT_A1("op") },
    [36] = { "domctl", KT_A1("op") },
    [37] = { "kexec_op", KT_A2("op", "arg") },
    [38] = { "tmem_op", KT_A1("op") },
    [39] = { "argo_op", KT_A4("cmd", "arg1", "arg2", "arg3") },
    [40] = { "xenpmu_op", KT_A2("op", "arg") },
    [41] = { "dm_op", KT_A3("domid", "nr_bufs", "bufs"),
             .type = { KT_ARG_DOMID, KT_ARG_DEC } },
    [42] = { "hypfs_op", KT_A4("cmd", "arg1", "arg2", "arg3") },
    [48] = { "mca", KT_A1("op") },
    [KEEL_HYPERVISOR_trace_op] = { "keel_trace_op", KT_SUB(kt_trace_ops), KT_A2("cmd", "arg"),
                                   .type = { KT_ARG_SUBOP } },
};

static const char *const kt_errnos[] = {
    [XEN_EPERM] = "EPERM", [XEN_ENOENT] = "ENOENT", [XEN_ESRCH] = "ESRCH",
    [XEN_EINTR] = "EINTR", [XEN_EIO] = "EIO", [XEN_ENXIO] = "ENXIO", [XEN_E2BIG] = "E2BIG",
    [XEN_ENOEXEC] = "ENOEXEC", [XEN_EBADF] = "EBADF", [XEN_ECHILD] = "ECHILD",
    [XEN_EAGAIN] = "EAGAIN", [XEN_ENOMEM] = "ENOMEM", [XEN_EACCES] = "EACCES",
    [XEN_EFAULT] = "EFAULT", [XEN_EBUSY] = "EBUSY", [XEN_EEXIST] = "EEXIST",
    [XEN_EXDEV] = "EXDEV", [XEN_ENODEV] = "ENODEV", [XEN_EISDIR] = "EISDIR",
    [XEN_EINVAL] = "EINVAL", [XEN_ENFILE] = "ENFILE", [XEN_EMFILE] = "EMFILE",
    [XEN_ENOSPC] = "ENOSPC", [XEN_EROFS] = "EROFS", [XEN_EMLINK] = "EMLINK",
    [XEN_EDOM] = "EDOM", [XEN_ERANGE] = "ERANGE", [XEN_EDEADLK] = "EDEADLK",
    [XEN_ENAMETOOLONG] = "ENAMETOOLONG", [XEN_ENOLCK] = "ENOLCK", [XEN_ENOSYS] = "ENOSYS",
    [XEN_ENOTEMPTY] = "ENOTEMPTY", [XEN_ENODATA] = "ENODATA", [XEN_ETIME] = "ETIME",
    [XEN_EBADMSG] = "EBADMSG", [XEN_EOVERFLOW] = "EOVERFLOW", [XEN_EILSEQ] = "EILSEQ",
    [XEN_ERESTART] = "ERESTART", [XEN_ENOTSOCK] = "ENOTSOCK",
    [XEN_EOPNOTSUPP] = "EOPNOTSUPP", [XEN_EADDRINUSE] = "EADDRINUSE",
    [XEN_EADDRNOTAVAIL] = "EADDRNOTAVAIL", [XEN_ENOBUFS] = "ENOBUFS",
    [XEN_EISCONN] = "EISCONN", [XEN_ENOTCONN] = "ENOTCONN", [XEN_ETIMEDOUT] = "ETIMEDOUT",
    [XEN_ECONNREFUSED] = "ECONNREFUSED",
};

static const char *const kt_mmuext_ops[] = {
    [0] = "pin_l1_table", [1] = "pin_l2_table", [2] = "pin_l3_table", [3] = "pin_l4_table",
    [4] = "unpin_table", [5] = "new_baseptr", [6] = "tlb_flush_local", [7] = "invlpg_local",
    [8] = "tlb_flush_multi", [9] = "invlpg_multi", [10] = "tlb_flush_all",
    [11] = "invlpg_all", [12] = "flush_cache", [13] = "set_ldt", [15] = "new_user_baseptr",
    [16] = "clear_page", [17] = "copy_page", [18] = "flush_cache_global",
    [19] = "mark_super", [20] = "unmark_super",
};

static const char *const kt_mmu_cmds[] = {
    [0] = "pt_update", [1] = "machphys_update", [2] = "pt_update_preserve_ad",
    [3] = "pt_update_no_translate",
};

/* Architectural exception vectors (Intel SDM vol. 3, table 6-1). */
static const char *const kt_vectors[] = {
    [0] = "#DE", [1] = "#DB", [2] = "NMI", [3] = "#BP", [4] = "#OF", [5] = "#BR",
    [6] = "#UD", [7] = "#NM", [8] = "#DF", [10] = "#TS", [11] = "#NP", [12] = "#SS",
    [13] = "#GP", [14] = "#PF", [16] = "#MF", [17] = "#AC", [18] = "#MC", [19] = "#XM",
    [20] = "#VE", [21] = "#CP",
};

static const char *const kt_shutdowns[] = {
    [0] = "poweroff", [1] = "reboot", [2] = "suspend", [3] = "crash", [4] = "watchdog",
    [5] = "soft_reset",
};

static const char *const kt_classes[KEEL_TRC_NR] = {
    [KEEL_TRC_META] = "meta", [KEEL_TRC_HCALL] = "hcall", [KEEL_TRC_MM] = "mm",
    [KEEL_TRC_EVT] = "evt", [KEEL_TRC_SCHED] = "sched", [KEEL_TRC_TRAP] = "trap",
    [KEEL_TRC_DOM] = "dom", [KEEL_TRC_GRANT] = "grant",
};

const struct kt_hcall_desc *kt_hcall_desc(uint64_t nr)
{
    return nr < KT_HCALL_MAX && kt_hcalls[nr].name ? &kt_hcalls[nr] : NULL;
}

const char *kt_hcall_name(uint64_t nr)
{
    const struct kt_hcall_desc *d = kt_hcall_desc(nr);

    return d ? d->name : NULL;
}

long kt_hcall_number(const char *name)
{
    char *end;
    unsigned long v;

    for (unsigned int i = 0; i < KT_HCALL_MAX; i++)
        if (kt_hcalls[i].name && strcmp(kt_hcalls[i].name, name) == 0)
            return (long)i;
    v = strtoul(name, &end, KT_DEC_BASE);
    return *name && *end == '\0' && v < KT_HCALL_MAX ? (long)v : -1;
}

const char *kt_subop_name(uint64_t nr, uint64_t cmd)
{
    const struct kt_hcall_desc *d = kt_hcall_desc(nr);

    if (!d || !d->subops)
        return NULL;
    cmd &= d->subop_mask;
    return cmd < d->nsubops ? d->subops[cmd] : NULL;
}

const char *kt_errno_name(int64_t result)
{
    if (result >= 0 || result < -(int64_t)KT_NSUB(kt_errnos))
        return NULL;
    return kt_errnos[-result];
}

const char *kt_mmuext_name(unsigned int cmd) { return KT_NAME(kt_mmuext_ops, cmd); }
const char *kt_mmu_cmd_name(unsigned int cmd) { return KT_NAME(kt_mmu_cmds, cmd); }
const char *kt_vector_name(unsigned int vector) { return KT_NAME(kt_vectors, vector); }
const char *kt_shutdown_name(unsigned int reason) { return KT_NAME(kt_shutdowns, reason); }
const char *kt_gnttab_name(unsigned int cmd) { return KT_NAME(kt_gnttab_ops, cmd); }
const char *kt_class_name(unsigned int cls) { return KT_NAME(kt_classes, cls); }

/* The bits one word of a class list names: a class, "all" or "none"; 0 if none of these. */
static uint32_t kt_class_word(const char *s, size_t len)
{
    if (len == strlen("all") && strncmp(s, "all", len) == 0)
        return KEEL_TRC_ALL;
    if (len == strlen("none") && strncmp(s, "none", len) == 0)
        return KEEL_TRC_BIT(KEEL_TRC_META);
    for (unsigned int c = 0; c < KEEL_TRC_NR; c++)
        if (strlen(kt_classes[c]) == len && strncmp(s, kt_classes[c], len) == 0)
            return KEEL_TRC_BIT(c);
    return 0;
}

int kt_parse_classes(const char *s, uint32_t *mask)
{
    uint32_t m = 0;

    for (;;) {
        size_t len = strcspn(s, ",");
        uint32_t bits = kt_class_word(s, len);

        if (bits == 0)
            return -1;
        m |= bits;
        if (s[len] != ',')
            break;
        s += len + 1;
    }
    *mask = m;
    return 0;
}
