/* System time: the TSC, calibrated once against the PIT, scaled to ns since boot by the
 * pvclock scale that guests also use. The hypervisor timer is the local APIC's, programmed
 * for the earliest deadline of the timer queue. Guests see time through vcpu_time_info
 * (refreshed on every schedule-in and every slice) and the wallclock in shared_info, read
 * from the CMOS RTC at boot. */
#include "hv/time/time.h"
#include "hv/domain.h"
#include "hv/sched.h"
#include "hv/time/pvclock.h"
#include "hv/time/timer.h"
#include "hv/time/wallclock.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/pit.h"
#include "arch/x86_64/rtc.h"

#define CALIBRATE_MS 10UL
#define MS_PER_SEC 1000UL
#define ARM_SLACK_SHIFT 29          /* deadline margin: delta / 2^29 covers the scale's rounding */
#define WC_SEC_LO_MASK 0xffffffffUL
#define WC_SEC_HI_SHIFT 32

static uint64_t tsc_khz, boot_tsc;
static struct pvclock_scale scale;
static uint64_t wc_boot_sec, wc_boot_nsec;   /* wallclock at system time 0 */

static const char *const timer_mode_names[] = {
    [APIC_TIMER_NONE] = "none", [APIC_TIMER_TSC_DEADLINE] = "local APIC, TSC-deadline mode",
    [APIC_TIMER_ONESHOT] = "local APIC, one-shot mode",
};

uint64_t time_tsc_khz(void)
{
    return tsc_khz;
}

uint64_t time_now_ns(void)
{
    return pvclock_scale_delta(rdtsc() - boot_tsc, scale);
}

static void time_calibrate(void)
{
    uint16_t pit_ticks = (uint16_t)(PIT_HZ * CALIBRATE_MS / MS_PER_SEC);
    uint64_t tsc_ticks = pit_measure_tsc(pit_ticks);

    if (!tsc_ticks)
        panic("time: the PIT does not count; cannot calibrate the TSC");
    tsc_khz = tsc_ticks * PIT_HZ / pit_ticks / HZ_PER_KHZ;
    scale = pvclock_scale_for(tsc_khz * HZ_PER_KHZ);
    printk("hv: time: TSC %lu.%03lu MHz (calibrated against the PIT over %lu ms), "
           "pvclock mul %u shift %d\n", tsc_khz / MS_PER_SEC, tsc_khz % MS_PER_SEC,
           CALIBRATE_MS, scale.mul, scale.shift);
}

static void time_read_wallclock(void)
{
    struct rtc_raw raw;
    uint64_t sec, now;

    rtc_read(&raw);
    now = time_now_ns();
    if (wallclock_from_rtc(&raw, &sec)) {
        printk("hv: time: the RTC reading is invalid; wallclock starts at the epoch\n");
        sec = 0;
    }
    /* The RTC read happened now ns after system time 0. */
    wc_boot_sec = sec - (now + NS_PER_SEC - 1) / NS_PER_SEC;
    wc_boot_nsec = (NS_PER_SEC - now % NS_PER_SEC) % NS_PER_SEC;
    printk("hv: time: wallclock %lu s since the epoch (RTC %s, %s)\n", sec,
           raw.status_b & RTC_B_BINARY ? "binary" : "BCD",
           raw.status_b & RTC_B_24H ? "24h" : "12h");
}

void time_init(void)
{
    enum apic_timer_mode mode;

    boot_tsc = rdtsc();
    time_calibrate();
    time_read_wallclock();
    mode = apic_init(tsc_khz * CALIBRATE_MS);
    if (mode == APIC_TIMER_NONE)
        panic("time: no local APIC for the hypervisor timer");
    printk("hv: time: hypervisor timer: %s", timer_mode_names[mode]);
    if (mode == APIC_TIMER_ONESHOT)
        printk(", %lu kHz", apic_timer_hz(tsc_khz * HZ_PER_KHZ) / HZ_PER_KHZ);
    printk("\n");
}

void time_arm(uint64_t deadline_ns)
{
    uint64_t tsc = rdtsc(), now = pvclock_scale_delta(tsc - boot_tsc, scale), delta;

    if (!deadline_ns) {
        apic_timer_arm(0);
        return;
    }
    if (deadline_ns <= now)
        sched_timers_due();
    delta = deadline_ns > now ? deadline_ns - now : 0;
    delta += (delta >> ARM_SLACK_SHIFT) + 1;
    apic_timer_arm(tsc + pvclock_ns_to_tsc(delta, tsc_khz));
}

void time_interrupt(void)
{
    timer_run_expired(time_now_ns());
}

void time_vcpu_update(struct vcpu *v)
{
    struct vcpu_time_info *t;
    uint64_t tsc;

    if (!v->vcpu_info)
        return;
    t = &v->vcpu_info->time;
    t->version = (t->version + 1) | 1;
    __asm__ volatile("" : : : "memory");   /* x86 keeps stores in order; stop the compiler */
    tsc = rdtsc();
    t->tsc_timestamp = tsc;
    t->system_time = pvclock_scale_delta(tsc - boot_tsc, scale);
    t->tsc_to_system_mul = scale.mul;
    t->tsc_shift = scale.shift;
    t->flags = XEN_PVCLOCK_TSC_STABLE_BIT;
    __asm__ volatile("" : : : "memory");
    t->version++;
}

void time_domain_init(struct domain *d)
{
    struct shared_info *s = d->shared_info;

    s->wc_version = (s->wc_version + 1) | 1;
    __asm__ volatile("" : : : "memory");
    s->wc_sec = (uint32_t)(wc_boot_sec & WC_SEC_LO_MASK);
    s->wc_sec_hi = (uint32_t)(wc_boot_sec >> WC_SEC_HI_SHIFT);
    s->wc_nsec = (uint32_t)wc_boot_nsec;
    __asm__ volatile("" : : : "memory");
    s->wc_version++;
    time_vcpu_update(&d->vcpu0);
}
