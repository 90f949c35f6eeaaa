/* The domain builder, done by the hypervisor itself as Xen's dom0 builder does: parse the
 * kernel's ELF notes, give the domain its memory (zeroed), load the kernel at
 * p_paddr + VIRT_BASE - PADDR_OFFSET, lay out p2m, start_info, xenstore and console pages,
 * page tables (read-only to the guest) and the boot stack, and prepare vCPU 0 with
 * rsi = start_info. */
#include "hv/dombuild.h"
#include "abi/hcall.h"
#include "abi/start_info.h"
#include "hv/cmdline.h"
#include "hv/dombuild_layout.h"
#include "hv/event/evtchn.h"
#include "hv/mm/directmap.h"
#include "hv/mm/frame_alloc.h"
#include "hv/mm/frame.h"
#include "hv/mm/m2p.h"
#include "hv/mm/mmu_op.h"
#include "hv/mm/ptype.h"
#include "hv/panic.h"
#include "hv/sched.h"
#include "hv/time/time.h"
#include "hv/time/vcpu_time.h"
#include "hv/trace.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"

#define OPT_MAX 32
#define L1_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_USER)
#define LN_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_USER)
#define BOOT_RFLAGS (RFLAGS_IF | RFLAGS_FIXED)
#define FPU_FCW_DEFAULT 0x37f
#define FPU_MXCSR_DEFAULT 0x1f80
#define FPU_MXCSR_OFFSET 24
#define PT_LEVELS 4
#define MIB_SHIFT 20

struct build {
    struct domain *d;
    struct dom_layout l;
    uint64_t next_pt;            /* next free page-table VA in [v_pt, v_stack) */
};

static void *va_ptr(const struct build *b, uint64_t va)
{
    uint64_t pfn = (va - b->l.v_start) >> PAGE_SHIFT;

    return (uint8_t *)maddr_to_virt(mfn_to_paddr(b->d->p2m[pfn])) + (va & ~PAGE_MASK);
}

static void load_write(void *ctx, uint64_t va, const void *src, size_t n)
{
    for (size_t done = 0; done < n;) {
        size_t chunk = PAGE_SIZE - ((va + done) & ~PAGE_MASK);
        if (chunk > n - done)
            chunk = n - done;
        memcpy(va_ptr(ctx, va + done), (const uint8_t *)src + done, chunk);
        done += chunk;
    }
}

static void load_zero(void *ctx, uint64_t va, size_t n)
{
    (void)ctx; (void)va; (void)n;   /* every frame was zeroed when it was allocated */
}

static mfn_t va_mfn(const struct build *b, uint64_t va)
{
    return b->d->p2m[(va - b->l.v_start) >> PAGE_SHIFT];
}

/* Finds or creates the table below entry e (level > 1), taking the next page-table page. */
static pte_t *next_table(struct build *b, pte_t *e)
{
    if (!pte_present(*e)) {
        *e = pte_make(va_mfn(b, b->next_pt), LN_FLAGS);
        b->next_pt += PAGE_SIZE;
    }
    return maddr_to_virt(*e & PTE_ADDR_MASK);
}

static void map_page(struct build *b, pte_t *l4, uint64_t va)
{
    pte_t *t = l4;
    uint64_t flags = L1_FLAGS;

    for (unsigned level = PT_LEVELS; level > 1; level--)
        t = next_table(b, &t[pt_index(va, level)]);
    if (va >= b->l.v_pt && va < b->l.v_stack)
        flags &= ~_PAGE_RW;   /* page tables are never writable by the guest */
    t[pt_index(va, 1)] = pte_make(va_mfn(b, va), flags);
}

static mfn_t build_page_tables(struct build *b)
{
    pte_t *l4 = va_ptr(b, b->l.v_pt);
    const pte_t *hv = hv_l4();

    b->next_pt = b->l.v_pt + PAGE_SIZE;
    for (uint64_t va = b->l.v_start; va < b->l.v_end; va += PAGE_SIZE)
        map_page(b, l4, va);
    for (unsigned s = HV_SLOT_FIRST; s <= HV_SLOT_LAST; s++)
        l4[s] = hv[s];
    return va_mfn(b, b->l.v_pt);
}

static int alloc_memory(struct domain *d, uint64_t nr_pages)
{
    uint64_t bytes = nr_pages * sizeof(mfn_t);
    mfn_t p2m = frame_alloc_contig((bytes + PAGE_SIZE - 1) >> PAGE_SHIFT, 1);

    if (!mfn_valid(p2m))
        return -XEN_ENOMEM;
    d->p2m = maddr_to_virt(mfn_to_paddr(p2m));
    d->p2m_frames = (bytes + PAGE_SIZE - 1) >> PAGE_SHIFT;
    for (d->nr_pages = 0; d->nr_pages < nr_pages; d->nr_pages++) {
        mfn_t m = frame_alloc();
        if (!mfn_valid(m))
            return -XEN_ENOMEM;
        memset(maddr_to_virt(mfn_to_paddr(m)), 0, PAGE_SIZE);
        if (frame_assign(m, d->id))
            panic("dombuild: fresh frame %lx already owned", mfn_x(m));
        d->p2m[d->nr_pages] = m;
        m2p_set(m, _gfn(d->nr_pages));
    }
    d->shared_info_mfn = frame_alloc();
    if (!mfn_valid(d->shared_info_mfn))
        return -XEN_ENOMEM;
    if (frame_assign_shared(d->shared_info_mfn, d->id))
        panic("dombuild: fresh shared_info frame already owned");
    d->shared_info = maddr_to_virt(mfn_to_paddr(d->shared_info_mfn));
    memset(d->shared_info, 0, PAGE_SIZE);
    for (unsigned i = 0; i < XEN_LEGACY_MAX_VCPUS; i++)
        d->shared_info->vcpu_info[i].evtchn_upcall_mask = 1;
    return 0;
}

static void fill_start_info(struct build *b, mfn_t l4, const char *cmdline, bool mapped_initrd)
{
    struct start_info *si = va_ptr(b, b->l.v_si);
    struct domain *d = b->d;
    size_t n = strnlen(cmdline, MAX_GUEST_CMDLINE - 1);

    memcpy(si->magic, XEN_START_INFO_MAGIC, sizeof(XEN_START_INFO_MAGIC));
    si->nr_pages = d->nr_pages;
    si->shared_info = mfn_to_paddr(d->shared_info_mfn);
    si->flags = d->privileged ? SIF_PRIVILEGED | SIF_INITDOMAIN : 0;
    si->store_mfn = mfn_x(va_mfn(b, b->l.v_store));
    if (!d->privileged)
        si->console.domU.mfn = mfn_x(va_mfn(b, b->l.v_cons));
    si->pt_base = b->l.v_pt;
    si->nr_pt_frames = b->l.nr_pt;
    si->mfn_list = b->l.v_p2m;
    if (b->l.initrd_len) {
        si->mod_start = mapped_initrd ? b->l.v_initrd
                                      : (b->l.v_initrd - b->l.v_start) >> PAGE_SHIFT;
        si->mod_len = b->l.initrd_len;
        si->flags |= mapped_initrd ? 0 : SIF_MOD_START_PFN;
    }
    memcpy(si->cmd_line, cmdline, n);
    (void)l4;
}

static void write_p2m_list(struct build *b)
{
    uint64_t *list = va_ptr(b, b->l.v_p2m);

    for (uint64_t pfn = 0; pfn < b->d->nr_pages; pfn++) {
        if ((pfn * sizeof(uint64_t)) % PAGE_SIZE == 0)
            list = va_ptr(b, b->l.v_p2m + pfn * sizeof(uint64_t));
        list[(pfn * sizeof(uint64_t)) % PAGE_SIZE / sizeof(uint64_t)] = mfn_x(b->d->p2m[pfn]);
    }
}

/* The hypercall page: 128 stubs of `mov $nr,%eax; syscall; ret` (with rcx/r11 kept as Xen
 * does), and the iret stub that never returns. */
static void fill_hypercall_page(struct build *b, uint64_t va)
{
    static const uint8_t stub[] = { 0x51, 0x41, 0x53, 0xb8, 0, 0, 0, 0, 0x0f, 0x05,
                                    0x41, 0x5b, 0x59, 0xc3 };
    static const uint8_t iret[] = { 0x51, 0x41, 0x53, 0x50, 0xb8, __HYPERVISOR_iret, 0, 0, 0,
                                    0x0f, 0x05 };
    uint8_t *page = va_ptr(b, va);
    const unsigned nr_off = 4;

    memset(page, 0xcc, PAGE_SIZE);
    for (unsigned i = 0; i < HYPERCALL_PAGE_STUBS; i++) {
        uint8_t *s = page + i * HYPERCALL_STUB_SIZE;
        if (i == __HYPERVISOR_iret) {
            memcpy(s, iret, sizeof(iret));
            continue;
        }
        memcpy(s, stub, sizeof(stub));
        s[nr_off] = (uint8_t)i;
    }
}

static void init_vcpu(struct build *b, uint64_t entry, mfn_t l4)
{
    struct vcpu *v = &b->d->vcpu0;
    struct cpu_regs *r = &v->regs;

    v->domain = b->d;
    v->id = 0;
    v->kernel_mode = true;
    memset(r, 0, sizeof(*r));
    r->rip = entry;
    r->rsp = b->l.v_stack + PAGE_SIZE;
    r->rsi = b->l.v_si;
    r->rflags = BOOT_RFLAGS;
    r->cs = SEL_GUEST_CS64;
    r->ss = SEL_GUEST_DS;
    v->kernel_ss = SEL_GUEST_DS;
    v->kernel_sp = r->rsp;
    v->mm = (struct mm_vcpu){ .domid = b->d->id, .privileged = b->d->privileged,
                              .guest_table = INVALID_MFN, .guest_table_user = INVALID_MFN };
    /* Validates the whole tree as Xen's builder leaves it: L4 in use and pinned. */
    if (mmu_set_baseptr(&v->mm, l4, false) || ptype_pin(l4, FRAME_TYPE_L4, &v->mm))
        panic("dombuild: d%u's boot page tables fail validation", b->d->id);
    v->vcpu_info = &b->d->shared_info->vcpu_info[0];
    memset(v->fpu, 0, sizeof(v->fpu));
    *(uint16_t *)v->fpu = FPU_FCW_DEFAULT;
    *(uint32_t *)(v->fpu + FPU_MXCSR_OFFSET) = FPU_MXCSR_DEFAULT;
}

static uint64_t mem_option(const char *line)
{
    char buf[OPT_MAX];

    if (!cmdline_get(line, "mem", buf, sizeof(buf), true))
        return DOM_DEFAULT_MEM;
    return cmdline_parse_size(buf);
}

static const char *guest_cmdline(const char *line)
{
    for (const char *p = line; *p; p++)
        if (p[0] == '-' && p[1] == '-' && (p == line || p[-1] == ' ') &&
            (p[2] == ' ' || p[2] == '\0'))
            return p[2] ? p + 3 : p + 2;
    return line;
}

static void place_initrd(struct build *b, const struct mb2_module *initrd)
{
    uint64_t len = initrd->end - initrd->start;

    if (b->d->elf.mod_start_pfn) {
        b->l.v_initrd = b->l.v_end;
        b->l.initrd_len = len;
    }
    load_write(b, b->l.v_initrd, maddr_to_virt(initrd->start), len);
}

static int dombuild_image(struct build *b, const struct mb2_module *mod,
                          const struct mb2_module *initrd, const char **why)
{
    struct domain *d = b->d;
    uint64_t mem = mem_option(mod->cmdline), nr_pages, initrd_len, extra = 0;

    if (mem < DOM_MIN_MEM || mem > DOM_MAX_MEM)
        return *why = "mem= missing a size between 4M and 4G", -XEN_EINVAL;
    if (elf_parse(maddr_to_virt(mod->start), mod->end - mod->start, &d->elf, why))
        return -XEN_EINVAL;
    if (d->elf.virt_kstart < d->elf.virt_base)
        return *why = "kernel loads below VIRT_BASE", -XEN_EINVAL;
    nr_pages = mem >> PAGE_SHIFT;
    initrd_len = initrd ? initrd->end - initrd->start : 0;
    if (d->elf.mod_start_pfn)
        extra = (initrd_len + PAGE_SIZE - 1) >> PAGE_SHIFT;
    if (dom_layout_compute(&b->l, d->elf.virt_base, d->elf.virt_kend,
                           d->elf.mod_start_pfn ? 0 : initrd_len, nr_pages - extra))
        return *why = "mem= too small for the kernel and its start-of-day layout", -XEN_ENOMEM;
    if (alloc_memory(d, nr_pages))
        return *why = "out of memory", -XEN_ENOMEM;
    elf_load(&d->elf, load_write, load_zero, b);
    if (initrd)
        place_initrd(b, initrd);
    return 0;
}

int dombuild(const struct mb2_module *mod, unsigned mod_index, const struct mb2_module *initrd)
{
    struct build b = { .d = domain_alloc() };
    const char *why = "";
    mfn_t l4;
    int rc;

    if (!b.d) {
        printk("hv: module %u: rejected: more than %u domains\n", mod_index, MAX_DOMAINS);
        return -XEN_ENOSPC;
    }
    b.d->privileged = b.d->id == 0;
    rc = dombuild_image(&b, mod, initrd, &why);
    if (rc) {
        printk("hv: module %u ('%s'): rejected: %s\n", mod_index, mod->cmdline, why);
        domain_free(b.d);
        return rc;
    }
    l4 = build_page_tables(&b);
    write_p2m_list(&b);
    fill_start_info(&b, l4, guest_cmdline(mod->cmdline), !b.d->elf.mod_start_pfn);
    if (b.d->elf.has_hypercall_page)
        fill_hypercall_page(&b, b.d->elf.hypercall_page);
    init_vcpu(&b, b.d->elf.entry, l4);
    evtchn_domain_init(b.d);
    b.d->state = DOM_RUNNING;
    vcpu_time_init(&b.d->vcpu0);
    time_domain_init(b.d);
    printk("hv: d%u: %s %s, %lu MiB, kernel %lx-%lx entry %lx, start_info %lx%s\n", b.d->id,
           b.d->elf.guest_os, b.d->elf.guest_version, b.d->nr_pages >> (MIB_SHIFT - PAGE_SHIFT),
           b.l.v_start, b.l.v_kend, b.d->elf.entry, b.l.v_si,
           b.d->privileged ? " (privileged)" : "");
    trace_dom_create(b.d->id, b.d->nr_pages, 1, b.d->privileged ? SIF_PRIVILEGED : 0);
    sched_add(&b.d->vcpu0);
    return 0;
}
