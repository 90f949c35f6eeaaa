/* Basic machine types shared by arch/ and hv/: physical and virtual addresses, and the
 * type-safe machine/guest frame numbers (a bare integer is never a frame number). */
#ifndef ARCH_X86_64_TYPES_H
#define ARCH_X86_64_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t;   /* machine (physical) address */
typedef uint64_t vaddr_t;   /* virtual address */

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

typedef struct { uint64_t m; } mfn_t;   /* machine frame number */
typedef struct { uint64_t g; } gfn_t;   /* guest (pseudo-physical) frame number */

static inline mfn_t _mfn(uint64_t m) { return (mfn_t){ m }; }
static inline uint64_t mfn_x(mfn_t m) { return m.m; }
static inline gfn_t _gfn(uint64_t g) { return (gfn_t){ g }; }
static inline uint64_t gfn_x(gfn_t g) { return g.g; }

#define INVALID_MFN_RAW (~0UL)
#define INVALID_MFN _mfn(INVALID_MFN_RAW)
static inline bool mfn_valid(mfn_t m) { return m.m != INVALID_MFN_RAW; }
static inline paddr_t mfn_to_paddr(mfn_t m) { return m.m << PAGE_SHIFT; }
static inline mfn_t paddr_to_mfn(paddr_t p) { return _mfn(p >> PAGE_SHIFT); }

#define __must_check __attribute__((warn_unused_result))
#define __noreturn __attribute__((noreturn))
#define __packed __attribute__((packed))
#define __aligned(n) __attribute__((aligned(n)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
