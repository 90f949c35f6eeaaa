/* xen_version: who the guest is talking to. Keel reports Xen 4.17's interface (the ABI it
 * implements) with extraversion "-keel", and exactly the feature bits it honours. */
#include "abi/features.h"
#include "abi/version.h"
#include "hv/domain.h"
#include "hv/hypercall.h"
#include "arch/x86_64/memlayout.h"

#define KEEL_XEN_MAJOR 4
#define KEEL_XEN_MINOR 17
#define VERSION_MAJOR_SHIFT 16
#define KEEL_EXTRAVERSION "-keel"
#define KEEL_CAPABILITIES "xen-3.0-x86_64 "
#define KEEL_FEATURE_BITS ((1u << XENFEAT_pae_pgdir_above_4gb) | \
                           (1u << XENFEAT_mmu_pt_update_preserve_ad))

static long put_string(uint64_t arg, size_t size, const char *s)
{
    char buf[XEN_CAPABILITIES_INFO_SIZE];

    memset(buf, 0, size);
    memcpy(buf, s, strnlen(s, size - 1));
    return copy_to_guest(arg, buf, size) ? -XEN_EFAULT : 0;
}

static long version_compile_info(uint64_t arg)
{
    struct xen_compile_info ci;

    memset(&ci, 0, sizeof(ci));
    memcpy(ci.compiler, "gcc", sizeof("gcc"));
    memcpy(ci.compile_by, "keel", sizeof("keel"));
    memcpy(ci.compile_domain, "keel", sizeof("keel"));
    memcpy(ci.compile_date, __DATE__, sizeof(__DATE__));
    return copy_to_guest(arg, &ci, sizeof(ci)) ? -XEN_EFAULT : 0;
}

static long version_features(uint64_t arg)
{
    struct xen_feature_info fi;

    if (copy_from_guest(&fi, arg, sizeof(fi)))
        return -XEN_EFAULT;
    if (fi.submap_idx >= XENFEAT_NR_SUBMAPS)
        return -XEN_EINVAL;
    fi.submap = KEEL_FEATURE_BITS;
    if (current->domain->privileged)
        fi.submap |= 1u << XENFEAT_dom0;
    return copy_to_guest(arg, &fi, sizeof(fi)) ? -XEN_EFAULT : 0;
}

/* xen_version(cmd, arg). Errors: -EFAULT (bad arg), -EINVAL (feature submap), -ENOSYS
 * (unknown cmd; also a non-NULL arg to pagesize). */
long hc_xen_version(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5)
{
    struct xen_platform_parameters pp = { .virt_start = HV_AREA_START };

    (void)a3; (void)a4; (void)a5;
    switch (cmd) {
    case XENVER_version:
        return KEEL_XEN_MAJOR << VERSION_MAJOR_SHIFT | KEEL_XEN_MINOR;
    case XENVER_extraversion:
        return put_string(arg, XEN_EXTRAVERSION_SIZE, KEEL_EXTRAVERSION);
    case XENVER_compile_info:
        return version_compile_info(arg);
    case XENVER_capabilities:
        return put_string(arg, XEN_CAPABILITIES_INFO_SIZE, KEEL_CAPABILITIES);
    case XENVER_changeset:
        return put_string(arg, XEN_CHANGESET_INFO_SIZE, "keel " KEEL_VERSION);
    case XENVER_platform_parameters:
        return copy_to_guest(arg, &pp, sizeof(pp)) ? -XEN_EFAULT : 0;
    case XENVER_get_features:
        return version_features(arg);
    case XENVER_pagesize:
        return arg ? -XEN_EINVAL : (long)PAGE_SIZE;   /* Xen: the argument must be NULL */
    default:
        return -XEN_ENOSYS;
    }
}
