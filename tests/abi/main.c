/* ABI conformance test driver: compares the table evaluated against Keel's abi/ headers with
 * the one evaluated against Xen 4.17's, and prints one verdict per abi/ header, naming every
 * entry that differs. Exits non-zero if any verdict is FAIL. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "tests/abi/abi_check.h"

static struct abi_entry keel[ABI_MAX_ENTRIES];
static struct abi_entry xen[ABI_MAX_ENTRIES];

/* What each of an entry's values means, for the mismatch report. */
static const char *const value_names[][ABI_NV] = {
    [ABI_K_GROUP] = { "", "", "" },
    [ABI_K_SIZE]  = { "size", "align", "" },
    [ABI_K_TYPE]  = { "size", "signed", "" },
    [ABI_K_FIELD] = { "offset", "size", "" },
    [ABI_K_ELEM]  = { "offset", "element size", "" },
    [ABI_K_CONST] = { "value", "size", "signed" },
    [ABI_K_VALUE] = { "value", "", "" },
    [ABI_K_STR]   = { "", "", "" },
};

/* Compare one entry; print a line for each difference; return true if equal. */
static bool entry_matches(const struct abi_entry *k, const struct abi_entry *x)
{
    bool ok = true;

    if (k->kind == ABI_K_STR && strcmp(k->str, x->str) != 0) {
        printf("  mismatch: %s: keel \"%s\", xen \"%s\"\n", k->name, k->str, x->str);
        return false;
    }
    for (int i = 0; i < ABI_NV; i++) {
        if (k->v[i] == x->v[i])
            continue;
        printf("  mismatch: %s: %s keel %llu (0x%llx), xen %llu (0x%llx)\n", k->name,
               value_names[k->kind][i], (unsigned long long)k->v[i],
               (unsigned long long)k->v[i], (unsigned long long)x->v[i],
               (unsigned long long)x->v[i]);
        ok = false;
    }
    return ok;
}

static void print_group_verdict(const char *group, size_t checks, size_t bad)
{
    if (bad == 0)
        printf("PASS: %s matches Xen 4.17 (%zu checks)\n", group, checks);
    else
        printf("FAIL: %s: %zu of %zu checks differ from Xen 4.17\n", group, bad, checks);
}

/* Walk both tables group by group; return the number of failed groups. */
static int compare_tables(size_t n)
{
    const char *group = NULL;
    size_t checks = 0, bad = 0;
    int failed = 0;

    for (size_t i = 0; i <= n; i++) {
        if (i == n || keel[i].kind == ABI_K_GROUP) {
            if (group != NULL)
                print_group_verdict(group, checks, bad);
            failed += bad != 0;
            if (i == n)
                break;
            group = keel[i].name;
            checks = bad = 0;
            continue;
        }
        checks++;
        bad += !entry_matches(&keel[i], &xen[i]);
    }
    return failed;
}

static bool keel_names_const(const char *name, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (keel[i].kind == ABI_K_CONST && strcmp(keel[i].name, name) == 0)
            return true;
    return false;
}

/* Every errno Xen defines must be checked (and so defined) in abi/errno.h. */
static int check_errno_complete(size_t n)
{
    size_t missing = 0;

    for (size_t i = 0; i < abi_xen_errno_count; i++) {
        if (keel_names_const(abi_xen_errno_names[i], n))
            continue;
        printf("  missing: %s\n", abi_xen_errno_names[i]);
        missing++;
    }
    if (missing == 0) {
        printf("PASS: abi/errno.h names all %zu Xen errno values\n", abi_xen_errno_count);
        return 0;
    }
    printf("FAIL: abi/errno.h: %zu of Xen's %zu errno values not checked\n", missing,
           abi_xen_errno_count);
    return 1;
}

int main(void)
{
    size_t nk = abi_keel_table(keel);
    size_t nx = abi_xen_table(xen);

    if (nk != nx || nk > ABI_MAX_ENTRIES || nk == 0) {
        printf("FAIL: abi tables: keel has %zu entries, xen %zu (limit %d)\n", nk, nx,
               ABI_MAX_ENTRIES);
        return 1;
    }
    for (size_t i = 0; i < nk; i++) {
        if (keel[i].kind != xen[i].kind || strcmp(keel[i].name, xen[i].name) != 0) {
            printf("FAIL: abi tables: entry %zu is %s in one table, %s in the other\n", i,
                   keel[i].name, xen[i].name);
            return 1;
        }
    }
    int failed = compare_tables(nk) + check_errno_complete(nk);
    return failed != 0;
}
