/* Power-off. Under QEMU the isa-debug-exit device (port 0xf4) ends the run with a status
 * that says how Keel stopped; on a PC, ACPI S5 (SLP_TYPa of \_S5 from the DSDT written to
 * PM1a_CNT with SLP_EN) switches the machine off. Port 0xf4 is unused on PCs. */
#include "arch/x86_64/power.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"

#define DEBUG_EXIT_PORT 0xf4
#define ACPI_SIG_LEN 4
#define RSDP_RSDT_OFF 16
#define RSDP_XSDT_OFF 24
#define SDT_HEADER_LEN 36
#define SDT_LENGTH_OFF 4
#define FADT_DSDT_OFF 40
#define FADT_PM1A_CNT_OFF 64
#define SLP_EN (1 << 13)
#define SLP_TYP_SHIFT 10
#define AML_NAME_OP 0x08
#define AML_PACKAGE_OP 0x12
#define AML_BYTE_PREFIX 0x0a
#define ACPI_TABLE_MAX (1u << 20)
#define DSDT_SCAN_MAX (1u << 20)

static const uint8_t *acpi_rsdp;
static unsigned acpi_rev;

void power_set_rsdp(const void *rsdp, unsigned revision)
{
    acpi_rsdp = rsdp;
    acpi_rev = revision;
}

static uint32_t rd32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint64_t rd64(const uint8_t *p) { return rd32(p) | (uint64_t)rd32(p + 4) << 32; }

static bool sig_is(const uint8_t *p, const char *sig)
{
    for (unsigned i = 0; i < ACPI_SIG_LEN; i++)
        if (p[i] != (uint8_t)sig[i])
            return false;
    return true;
}

/* Finds a table by signature in the RSDT (4-byte entries) or XSDT (8-byte entries). */
static const uint8_t *acpi_find(const char *sig)
{
    bool x = acpi_rev >= 2;
    paddr_t root = x ? rd64(acpi_rsdp + RSDP_XSDT_OFF) : rd32(acpi_rsdp + RSDP_RSDT_OFF);
    const uint8_t *sdt = maddr_to_virt(root);
    uint32_t len = rd32(sdt + SDT_LENGTH_OFF);
    unsigned esz = x ? sizeof(uint64_t) : sizeof(uint32_t);

    if (root >= EARLY_DIRECTMAP_SIZE || len > ACPI_TABLE_MAX)
        return NULL;
    for (uint32_t off = SDT_HEADER_LEN; off + esz <= len; off += esz) {
        paddr_t pa = x ? rd64(sdt + off) : rd32(sdt + off);
        if (pa < EARLY_DIRECTMAP_SIZE && sig_is(maddr_to_virt(pa), sig))
            return maddr_to_virt(pa);
    }
    return NULL;
}

/* Reads SLP_TYPa from the \_S5 package: "_S5_" NameOp, PackageOp, length, count, value. */
static int acpi_s5_type(const uint8_t *dsdt)
{
    uint32_t len = rd32(dsdt + SDT_LENGTH_OFF);

    if (len > DSDT_SCAN_MAX)
        return -1;
    for (uint32_t i = SDT_HEADER_LEN; i + 8 < len; i++) {
        const uint8_t *p = dsdt + i;
        if (!sig_is(p, "_S5_") || p[ACPI_SIG_LEN] != AML_PACKAGE_OP)
            continue;
        p += ACPI_SIG_LEN + 3;   /* PackageOp, PkgLength (one byte), NumElements */
        if (*p == AML_BYTE_PREFIX)
            p++;
        return *p;
    }
    return -1;
}

static void acpi_power_off(void)
{
    const uint8_t *fadt;
    int typ;

    if (!acpi_rsdp || !(fadt = acpi_find("FACP")))
        return;
    typ = acpi_s5_type(maddr_to_virt(rd32(fadt + FADT_DSDT_OFF)));
    if (typ < 0)
        return;
    outw(rd32(fadt + FADT_PM1A_CNT_OFF), (uint16_t)(typ << SLP_TYP_SHIFT | SLP_EN));
}

void power_off(uint8_t code)
{
    cli();
    outb(DEBUG_EXIT_PORT, code);
    acpi_power_off();
    for (;;)
        hlt();
}
