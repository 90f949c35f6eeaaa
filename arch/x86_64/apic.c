/* Local APIC through its MMIO page (reached in the direct map, which covers the low 4 GiB).
 * In one-shot mode the TSC deadline is turned into a count with a 32.32 fixed-point ratio
 * of APIC ticks per TSC tick measured at boot; a count too large for the 32-bit register is
 * clamped, so the interrupt comes early and the timer queue simply re-arms. */
#include "arch/x86_64/apic.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"

#define MSR_APIC_BASE 0x1b
#define MSR_TSC_DEADLINE 0x6e0
#define APIC_BASE_ENABLE (1UL << 11)
#define APIC_BASE_ADDR_MASK 0xffffff000UL
#define CPUID_1_EDX_APIC (1U << 9)
#define CPUID_1_ECX_TSC_DEADLINE (1U << 24)

#define APIC_TPR 0x80
#define APIC_EOI 0xb0
#define APIC_SVR 0xf0
#define APIC_LVT_TIMER 0x320
#define APIC_TIMER_INIT 0x380
#define APIC_TIMER_CUR 0x390
#define APIC_TIMER_DIV 0x3e0

#define APIC_SVR_ENABLE (1U << 8)
#define APIC_LVT_MASKED (1U << 16)
#define APIC_LVT_ONESHOT 0U
#define APIC_LVT_TSC_DEADLINE (2U << 17)
#define APIC_DIV_16 0x3
#define APIC_COUNT_MAX 0xffffffffUL
#define RATIO_SHIFT 32

static volatile uint32_t *apic_mmio;
static enum apic_timer_mode mode;
static uint64_t apic_per_tsc;   /* one-shot: APIC ticks per TSC tick, 32.32 fixed point */

static uint32_t apic_read(unsigned reg)
{
    return apic_mmio[reg / sizeof(uint32_t)];
}

static void apic_write(unsigned reg, uint32_t v)
{
    apic_mmio[reg / sizeof(uint32_t)] = v;
}

/* Counts the APIC timer down from its maximum for tsc_window TSC ticks. */
static void apic_oneshot_calibrate(uint64_t tsc_window)
{
    uint64_t t0, t1;
    uint32_t left;

    apic_write(APIC_TIMER_DIV, APIC_DIV_16);
    apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | APIC_LVT_ONESHOT | APIC_TIMER_VECTOR);
    t0 = rdtsc();
    apic_write(APIC_TIMER_INIT, (uint32_t)APIC_COUNT_MAX);
    do
        t1 = rdtsc();
    while (t1 - t0 < tsc_window);
    left = apic_read(APIC_TIMER_CUR);
    apic_write(APIC_TIMER_INIT, 0);
    apic_per_tsc = ((APIC_COUNT_MAX - left) << RATIO_SHIFT) / (t1 - t0);
    apic_write(APIC_LVT_TIMER, APIC_LVT_ONESHOT | APIC_TIMER_VECTOR);
}

enum apic_timer_mode apic_init(uint64_t tsc_window)
{
    struct cpuid_regs r = cpuid(1, 0);
    uint64_t base = rdmsr(MSR_APIC_BASE);

    if (!(r.edx & CPUID_1_EDX_APIC))
        return mode = APIC_TIMER_NONE;
    wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
    apic_mmio = maddr_to_virt(base & APIC_BASE_ADDR_MASK);
    apic_write(APIC_SVR, APIC_SVR_ENABLE | APIC_SPURIOUS_VECTOR);
    apic_write(APIC_TPR, 0);
    if (r.ecx & CPUID_1_ECX_TSC_DEADLINE) {
        apic_write(APIC_LVT_TIMER, APIC_LVT_TSC_DEADLINE | APIC_TIMER_VECTOR);
        return mode = APIC_TIMER_TSC_DEADLINE;
    }
    apic_oneshot_calibrate(tsc_window);
    return mode = APIC_TIMER_ONESHOT;
}

uint64_t apic_timer_hz(uint64_t tsc_hz)
{
    return (uint64_t)(((unsigned __int128)tsc_hz * apic_per_tsc) >> RATIO_SHIFT);
}

static void apic_oneshot_arm(uint64_t tsc_deadline)
{
    uint64_t now = rdtsc(), count;

    if (!tsc_deadline) {
        apic_write(APIC_TIMER_INIT, 0);
        return;
    }
    count = tsc_deadline > now
                ? (uint64_t)(((unsigned __int128)(tsc_deadline - now) * apic_per_tsc) >>
                             RATIO_SHIFT) + 1
                : 1;
    apic_write(APIC_TIMER_INIT, (uint32_t)(count > APIC_COUNT_MAX ? APIC_COUNT_MAX : count));
}

void apic_timer_arm(uint64_t tsc_deadline)
{
    if (mode == APIC_TIMER_TSC_DEADLINE)
        wrmsr(MSR_TSC_DEADLINE, tsc_deadline);
    else if (mode == APIC_TIMER_ONESHOT)
        apic_oneshot_arm(tsc_deadline);
}

void apic_eoi(void)
{
    if (apic_mmio)
        apic_write(APIC_EOI, 0);
}
