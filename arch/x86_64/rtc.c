/* CMOS RTC access through the index/data ports 0x70/0x71. An update cycle can change the
 * registers under a reader, so a read begins only with update-in-progress clear and is
 * repeated until two consecutive reads are identical. */
#include "arch/x86_64/rtc.h"
#include "arch/x86_64/cpu.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_NMI_OFF 0x80    /* index bit 7 keeps NMIs disabled while we poke */
#define RTC_SEC 0x00
#define RTC_MIN 0x02
#define RTC_HOUR 0x04
#define RTC_MDAY 0x07
#define RTC_MON 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b
#define RTC_CENTURY 0x32     /* the ACPI FADT's usual century register */
#define RTC_A_UIP 0x80       /* update in progress */
#define RTC_MAX_TRIES 1000000UL
#define RTC_MAX_ROUNDS 16

static uint8_t cmos_read(uint8_t reg)
{
    outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
    return inb(CMOS_DATA);
}

static void rtc_wait_no_update(void)
{
    for (unsigned long i = 0; i < RTC_MAX_TRIES; i++)
        if (!(cmos_read(RTC_STATUS_A) & RTC_A_UIP))
            return;
}

static void rtc_read_once(struct rtc_raw *r)
{
    rtc_wait_no_update();
    r->sec = cmos_read(RTC_SEC);
    r->min = cmos_read(RTC_MIN);
    r->hour = cmos_read(RTC_HOUR);
    r->mday = cmos_read(RTC_MDAY);
    r->mon = cmos_read(RTC_MON);
    r->year = cmos_read(RTC_YEAR);
    r->century = cmos_read(RTC_CENTURY);
    r->status_b = cmos_read(RTC_STATUS_B);
}

static bool rtc_same(const struct rtc_raw *a, const struct rtc_raw *b)
{
    return a->sec == b->sec && a->min == b->min && a->hour == b->hour && a->mday == b->mday &&
           a->mon == b->mon && a->year == b->year && a->century == b->century &&
           a->status_b == b->status_b;
}

void rtc_read(struct rtc_raw *out)
{
    struct rtc_raw prev;

    rtc_read_once(&prev);
    for (unsigned i = 0; i < RTC_MAX_ROUNDS; i++) {
        rtc_read_once(out);
        if (rtc_same(&prev, out))
            return;
        prev = *out;
    }
}
