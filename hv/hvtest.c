/* hvtest=fault writes to an unmapped address inside the hypervisor: the page-fault path must
 * print a register dump and a backtrace naming hvtest_fault. hvtest=panic calls panic(). */
#include "hv/hvtest.h"
#include "hv/cmdline.h"
#include "hv/env.h"

#define HVTEST_NAME_MAX 32
#define HVTEST_FAULT_ADDR 0x1000UL   /* below every mapping once the identity map is gone */

void hvtest_fault(void);

__attribute__((noinline)) void hvtest_fault(void)
{
    *(volatile uint64_t *)HVTEST_FAULT_ADDR = 1;
}

void hvtest_run(const char *cmdline)
{
    char name[HVTEST_NAME_MAX];

    if (!cmdline_get(cmdline, "hvtest", name, sizeof(name), false))
        return;
    printk("hv: hvtest=%s\n", name);
    if (strcmp(name, "fault") == 0)
        hvtest_fault();
    else if (strcmp(name, "panic") == 0)
        panic("hvtest: panic on request");
    else
        printk("hv: unknown hvtest '%s'\n", name);
}
