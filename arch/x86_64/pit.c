/* PIT channel 2 as a stopwatch: mode 0 (interrupt on terminal count) with the gate held
 * high through port 0x61; OUT2, readable in port 0x61 bit 5, rises when the count ends. */
#include "arch/x86_64/pit.h"
#include "arch/x86_64/cpu.h"

#define PIT_CH2_DATA 0x42
#define PIT_CMD 0x43
#define PIT_CMD_CH2_LOHI_MODE0 0xb0   /* channel 2, lobyte/hibyte access, mode 0, binary */
#define SYS_CTRL_B 0x61
#define SYS_CTRL_B_GATE2 0x01
#define SYS_CTRL_B_SPEAKER 0x02
#define SYS_CTRL_B_OUT2 0x20
#define BYTE_SHIFT 8
#define BYTE_MASK 0xff
#define PIT_SPIN_FACTOR 1000UL        /* polls per PIT tick before giving up: no PIT */

uint64_t pit_measure_tsc(uint16_t pit_ticks)
{
    uint8_t ctrl = inb(SYS_CTRL_B);
    uint64_t t0, t1, spins = 0, max_spins = (uint64_t)pit_ticks * PIT_SPIN_FACTOR;

    outb(SYS_CTRL_B, (uint8_t)((ctrl & ~SYS_CTRL_B_SPEAKER) | SYS_CTRL_B_GATE2));
    outb(PIT_CMD, PIT_CMD_CH2_LOHI_MODE0);
    outb(PIT_CH2_DATA, pit_ticks & BYTE_MASK);
    outb(PIT_CH2_DATA, (uint8_t)(pit_ticks >> BYTE_SHIFT));
    t0 = rdtsc();
    while (!(inb(SYS_CTRL_B) & SYS_CTRL_B_OUT2))
        if (++spins > max_spins)
            return 0;
    t1 = rdtsc();
    outb(SYS_CTRL_B, ctrl);
    return t1 - t0;
}
