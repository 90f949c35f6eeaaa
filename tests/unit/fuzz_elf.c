/* libFuzzer target for hv/elf.c (clang -fsanitize=fuzzer,address,undefined): any input either
 * is refused with a reason, or yields an image whose every promise holds, and loading or
 * symbolizing it reads only inside the input (ASan checks that part). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "abi/arch_x86.h"
#include "hv/elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise is a crash, which libFuzzer reports with the input. */
static void fuzz_require(bool ok)
{
    if (!ok)
        abort();
}

static void fuzz_check_segments(const struct elf_image *img, size_t size)
{
    fuzz_require(img->nr_load >= 1 && img->nr_load <= ELF_MAX_LOAD);
    for (unsigned i = 0; i < img->nr_load; i++) {
        const struct elf_load_seg *s = &img->load[i];

        fuzz_require(s->filesz <= s->memsz);
        fuzz_require(s->offset <= size && s->filesz <= size - s->offset);
        fuzz_require(s->va >= img->virt_kstart && s->memsz <= img->virt_kend - s->va);
        fuzz_require(s->va >= HYPERVISOR_VIRT_END || s->va + s->memsz <= HYPERVISOR_VIRT_START ||
                     s->memsz == 0);
        for (unsigned j = i + 1; j < img->nr_load; j++) {
            const struct elf_load_seg *t = &img->load[j];

            fuzz_require(!s->memsz || !t->memsz || s->va + s->memsz <= t->va ||
                         t->va + t->memsz <= s->va);
        }
    }
}

static uint8_t fuzz_sum;

/* Reads every source byte (so ASan sees any overread) and checks the target range. */
static void fuzz_write(void *ctx, uint64_t va, const void *src, size_t n)
{
    const struct elf_image *img = ctx;
    const uint8_t *p = src;

    fuzz_require(n > 0 && va >= img->virt_kstart && n <= img->virt_kend - va);
    for (size_t i = 0; i < n; i++)
        fuzz_sum += p[i];
}

static void fuzz_zero(void *ctx, uint64_t va, size_t n)
{
    const struct elf_image *img = ctx;

    fuzz_require(n > 0 && va >= img->virt_kstart && n <= img->virt_kend - va);
}

static void fuzz_symbolize(const struct elf_image *img, uint64_t va)
{
    uint64_t off = 0;
    const char *name = elf_symbolize(img, va, &off);

    if (name)
        fuzz_require(strlen(name) < img->strtab_size && off <= va);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct elf_image img;
    const char *why;
    uint32_t wanted = 0, required = 0;

    if (elf_parse_features((const char *)data, size, &wanted, &required) == 0)
        fuzz_require((required & ~wanted) == 0);
    if (elf_parse(data, size, &img, &why)) {
        fuzz_require(why != NULL && strnlen(why, ELF_REASON_MAX) < ELF_REASON_MAX);
        return 0;
    }
    fuzz_require(why == NULL);
    fuzz_require((img.features_required & ~ELF_KEEL_FEATURES) == 0);
    fuzz_check_segments(&img, size);
    elf_load(&img, fuzz_write, fuzz_zero, &img);
    fuzz_symbolize(&img, img.entry);
    fuzz_symbolize(&img, img.virt_kstart);
    fuzz_symbolize(&img, img.virt_kend - 1);
    return 0;
}
