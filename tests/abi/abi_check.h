/* The ABI conformance test's table format. The checks_*.h tables list every size, field
 * offset and constant of Keel's abi/ headers; keel_side.c evaluates them against abi/,
 * xen_side.c against Xen 4.17's public headers, and main.c compares the two results. */
#ifndef TESTS_ABI_ABI_CHECK_H
#define TESTS_ABI_ABI_CHECK_H

#include <stddef.h>
#include <stdint.h>

enum abi_kind {
    ABI_K_GROUP, /* starts the checks of one abi/ header */
    ABI_K_SIZE,  /* v = { sizeof, _Alignof } */
    ABI_K_TYPE,  /* v = { sizeof, is signed } of a scalar typedef */
    ABI_K_FIELD, /* v = { offsetof, sizeof member } */
    ABI_K_ELEM,  /* v = { offsetof, sizeof one element } of an array member */
    ABI_K_CONST, /* v = { value, sizeof, is signed } of a constant expression */
    ABI_K_VALUE, /* v = { value } of a Keel name and the Xen expression it must equal */
    ABI_K_STR,   /* str = a string constant */
};

#define ABI_NV 3

struct abi_entry {
    enum abi_kind kind;
    const char *name;     /* the same text in both tables */
    uint64_t v[ABI_NV];
    const char *str;
};

/* Most entries a table may hold. */
#define ABI_MAX_ENTRIES 2048

/* Fill out[] (room for ABI_MAX_ENTRIES) from one side's headers; return the count. */
size_t abi_keel_table(struct abi_entry *out);
size_t abi_xen_table(struct abi_entry *out);

/* Xen's complete errno list (including its hypervisor-internal entries): names, count. */
extern const char *const abi_xen_errno_names[];
extern const size_t abi_xen_errno_count;

/* Helpers both sides use to write checks_*.h entries. */
#define ABI_MEMBER_SIZE(T, f) sizeof(((T *)0)->f)
#define ABI_MEMBER_LEN(T, f)  (sizeof(((T *)0)->f) / sizeof(((T *)0)->f[0]))
#define ABI_IS_SIGNED_TYPE(T) ((T)-1 < (T)0)
#define ABI_IS_SIGNED_EXPR(e) ((e) * 0 - 1 < 0)

/*
 * Entry macros for checks_*.h, expanding to one struct abi_entry initializer each. XEN_SIDE
 * selects which expression of a two-sided entry the including file evaluates.
 *   ABI_GROUP("abi/x.h")        ABI_SIZE(type)          ABI_TYPE(scalar typedef)
 *   ABI_FIELD(type, member)     ABI_ELEM(type, array member)
 *   ABI_FIELD2(type, xen_member, keel_member)   where Xen names a member differently
 *   ABI_CONST(expr)             the same expression in both headers
 *   ABI_VALUE(keel_expr, xen_expr)   a Keel-only name and the Xen expression it stands for
 *   ABI_STR(name)               a string constant
 */
#define ABI_GROUP(g) { ABI_K_GROUP, g, { 0, 0, 0 }, NULL },
#define ABI_SIZE(T) { ABI_K_SIZE, "sizeof(" #T ")", { sizeof(T), _Alignof(T), 0 }, NULL },
#define ABI_TYPE(T) { ABI_K_TYPE, #T, { sizeof(T), ABI_IS_SIGNED_TYPE(T), 0 }, NULL },
#define ABI_FIELD(T, f) ABI_FIELD_(T, f, #T "." #f)
#define ABI_ELEM(T, f) { ABI_K_ELEM, #T "." #f "[]", \
        { offsetof(T, f), sizeof(((T *)0)->f[0]), 0 }, NULL },
#define ABI_FIELD_(T, f, name) { ABI_K_FIELD, name, \
        { offsetof(T, f), ABI_MEMBER_SIZE(T, f), 0 }, NULL },
#define ABI_CONST(e) { ABI_K_CONST, #e, \
        { (uint64_t)(e), sizeof(e), ABI_IS_SIGNED_EXPR(e) }, NULL },
#define ABI_VALUE_(e, name) { ABI_K_VALUE, name, { (uint64_t)(e), 0, 0 }, NULL },
#define ABI_STR(s) { ABI_K_STR, #s, { 0, 0, 0 }, s },

#ifdef XEN_SIDE
#define ABI_FIELD2(T, xf, kf) ABI_FIELD_(T, xf, #T "." #kf " (Xen: " #xf ")")
#define ABI_VALUE(k, x) ABI_VALUE_(x, #k " == " #x)
#else
#define ABI_FIELD2(T, xf, kf) ABI_FIELD_(T, kf, #T "." #kf " (Xen: " #xf ")")
#define ABI_VALUE(k, x) ABI_VALUE_(k, #k " == " #x)
#endif

#endif
