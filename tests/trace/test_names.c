/* keeltrace's name tables against Xen 4.17's own headers (Debian libxen-dev): every number
 * the tables name must be the number Xen gives that name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#define __XEN_INTERFACE_VERSION__ 0x00040e00
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/version.h>

#include "tools/keeltrace/names.h"

#define X(sym, text) { sym, text }

struct named {
    unsigned long nr;
    const char *name;
};

static void expect(const char *what, const char *got, const char *want, unsigned long nr)
{
    if (!got || strcmp(got, want) != 0)
        fail_msg("%s %lu: table says %s, Xen says %s", what, nr, got ? got : "(none)", want);
}

static void test_hypercalls(void **state)
{
    const struct named xen[] = {
        X(__HYPERVISOR_set_trap_table, "set_trap_table"), X(__HYPERVISOR_mmu_update, "mmu_update"),
        X(__HYPERVISOR_set_gdt, "set_gdt"), X(__HYPERVISOR_stack_switch, "stack_switch"),
        X(__HYPERVISOR_set_callbacks, "set_callbacks"),
        X(__HYPERVISOR_fpu_taskswitch, "fpu_taskswitch"),
        X(__HYPERVISOR_sched_op_compat, "sched_op_compat"),
        X(__HYPERVISOR_platform_op, "platform_op"), X(__HYPERVISOR_set_debugreg, "set_debugreg"),
        X(__HYPERVISOR_get_debugreg, "get_debugreg"),
        X(__HYPERVISOR_update_descriptor, "update_descriptor"),
        X(__HYPERVISOR_memory_op, "memory_op"), X(__HYPERVISOR_multicall, "multicall"),
        X(__HYPERVISOR_update_va_mapping, "update_va_mapping"),
        X(__HYPERVISOR_set_timer_op, "set_timer_op"),
        X(__HYPERVISOR_event_channel_op_compat, "event_channel_op_compat"),
        X(__HYPERVISOR_xen_version, "xen_version"), X(__HYPERVISOR_console_io, "console_io"),
        X(__HYPERVISOR_physdev_op_compat, "physdev_op_compat"),
        X(__HYPERVISOR_grant_table_op, "grant_table_op"), X(__HYPERVISOR_vm_assist, "vm_assist"),
        X(__HYPERVISOR_update_va_mapping_otherdomain, "update_va_mapping_otherdomain"),
        X(__HYPERVISOR_iret, "iret"), X(__HYPERVISOR_vcpu_op, "vcpu_op"),
        X(__HYPERVISOR_set_segment_base, "set_segment_base"),
        X(__HYPERVISOR_mmuext_op, "mmuext_op"), X(__HYPERVISOR_xsm_op, "xsm_op"),
        X(__HYPERVISOR_nmi_op, "nmi_op"), X(__HYPERVISOR_sched_op, "sched_op"),
        X(__HYPERVISOR_callback_op, "callback_op"), X(__HYPERVISOR_xenoprof_op, "xenoprof_op"),
        X(__HYPERVISOR_event_channel_op, "event_channel_op"),
        X(__HYPERVISOR_physdev_op, "physdev_op"), X(__HYPERVISOR_hvm_op, "hvm_op"),
        X(__HYPERVISOR_sysctl, "sysctl"), X(__HYPERVISOR_domctl, "domctl"),
        X(__HYPERVISOR_kexec_op, "kexec_op"), X(__HYPERVISOR_tmem_op, "tmem_op"),
        X(__HYPERVISOR_argo_op, "argo_op"), X(__HYPERVISOR_xenpmu_op, "xenpmu_op"),
        X(__HYPERVISOR_dm_op, "dm_op"), X(__HYPERVISOR_hypfs_op, "hypfs_op"),
        X(__HYPERVISOR_arch_0, "mca"),
    };

    (void)state;
    for (size_t i = 0; i < sizeof(xen) / sizeof(xen[0]); i++) {
        expect("hypercall", kt_hcall_name(xen[i].nr), xen[i].name, xen[i].nr);
        assert_int_equal(kt_hcall_number(xen[i].name), xen[i].nr);
    }
    /* Keel's own number must not collide with anything Xen names. */
    for (size_t i = 0; i < sizeof(xen) / sizeof(xen[0]); i++)
        assert_int_not_equal(xen[i].nr, KEEL_HYPERVISOR_trace_op);
    assert_true(KEEL_HYPERVISOR_trace_op > __HYPERVISOR_arch_7);
    assert_null(kt_hcall_name(11));   /* a hole in Xen's numbering */
}

static void test_subops(void **state)
{
    const struct { unsigned long hc, cmd; const char *name; } xen[] = {
        { __HYPERVISOR_sched_op, SCHEDOP_yield, "yield" },
        { __HYPERVISOR_sched_op, SCHEDOP_block, "block" },
        { __HYPERVISOR_sched_op, SCHEDOP_shutdown, "shutdown" },
        { __HYPERVISOR_sched_op, SCHEDOP_poll, "poll" },
        { __HYPERVISOR_event_channel_op, EVTCHNOP_send, "send" },
        { __HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, "alloc_unbound" },
        { __HYPERVISOR_event_channel_op, EVTCHNOP_bind_interdomain, "bind_interdomain" },
        { __HYPERVISOR_event_channel_op, EVTCHNOP_unmask, "unmask" },
        { __HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, "map_grant_ref" },
        { __HYPERVISOR_grant_table_op, GNTTABOP_copy, "copy" },
        { __HYPERVISOR_grant_table_op, GNTTABOP_query_size, "query_size" },
        { __HYPERVISOR_memory_op, XENMEM_populate_physmap, "populate_physmap" },
        { __HYPERVISOR_memory_op, XENMEM_memory_map, "memory_map" },
        { __HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, "set_singleshot_timer" },
        { __HYPERVISOR_vcpu_op, VCPUOP_register_vcpu_info, "register_vcpu_info" },
        { __HYPERVISOR_xen_version, XENVER_version, "version" },
        { __HYPERVISOR_xen_version, XENVER_get_features, "get_features" },
        { __HYPERVISOR_console_io, CONSOLEIO_write, "write" },
        { __HYPERVISOR_vm_assist, VMASST_CMD_enable, "enable" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(xen) / sizeof(xen[0]); i++)
        expect(kt_hcall_name(xen[i].hc), kt_subop_name(xen[i].hc, xen[i].cmd), xen[i].name,
               xen[i].cmd);
}

static void test_mmu_names(void **state)
{
    const struct named ext[] = {
        X(MMUEXT_PIN_L1_TABLE, "pin_l1_table"), X(MMUEXT_PIN_L4_TABLE, "pin_l4_table"),
        X(MMUEXT_UNPIN_TABLE, "unpin_table"), X(MMUEXT_NEW_BASEPTR, "new_baseptr"),
        X(MMUEXT_TLB_FLUSH_LOCAL, "tlb_flush_local"), X(MMUEXT_INVLPG_LOCAL, "invlpg_local"),
        X(MMUEXT_TLB_FLUSH_ALL, "tlb_flush_all"), X(MMUEXT_SET_LDT, "set_ldt"),
        X(MMUEXT_NEW_USER_BASEPTR, "new_user_baseptr"), X(MMUEXT_COPY_PAGE, "copy_page"),
        X(MMUEXT_UNMARK_SUPER, "unmark_super"),
    };
    const struct named mmu[] = {
        X(MMU_NORMAL_PT_UPDATE, "pt_update"), X(MMU_MACHPHYS_UPDATE, "machphys_update"),
        X(MMU_PT_UPDATE_PRESERVE_AD, "pt_update_preserve_ad"),
    };
    const struct named shut[] = {
        X(SHUTDOWN_poweroff, "poweroff"), X(SHUTDOWN_crash, "crash"),
        X(SHUTDOWN_soft_reset, "soft_reset"),
    };

    (void)state;
    for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
        expect("mmuext", kt_mmuext_name((unsigned int)ext[i].nr), ext[i].name, ext[i].nr);
    for (size_t i = 0; i < sizeof(mmu) / sizeof(mmu[0]); i++)
        expect("mmu", kt_mmu_cmd_name((unsigned int)mmu[i].nr), mmu[i].name, mmu[i].nr);
    for (size_t i = 0; i < sizeof(shut) / sizeof(shut[0]); i++)
        expect("shutdown", kt_shutdown_name((unsigned int)shut[i].nr), shut[i].name, shut[i].nr);
}

static void test_errnos(void **state)
{
    (void)state;
    assert_string_equal(kt_errno_name(-1), "EPERM");
    assert_string_equal(kt_errno_name(-14), "EFAULT");
    assert_string_equal(kt_errno_name(-22), "EINVAL");
    assert_string_equal(kt_errno_name(-38), "ENOSYS");
    assert_null(kt_errno_name(0));
    assert_null(kt_errno_name(-15));     /* no Xen errno 15 */
    assert_null(kt_errno_name(-100000));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hypercalls),
        cmocka_unit_test(test_subops),
        cmocka_unit_test(test_mmu_names),
        cmocka_unit_test(test_errnos),
    };

    return cmocka_run_group_tests_name("trace/names", tests, NULL, NULL);
}
