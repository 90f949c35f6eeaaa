/* tests/ring/ring_freestanding.c: compile-only check that ring/ring.h builds the way hv and
 * pvguest build it (freestanding, no libc, kernel flags) with x86-64 barriers of the kind a
 * kernel includer supplies, and that the code it generates needs no outside symbol. */
#include <stdint.h>

/* x86-64 is TSO: stores are not reordered with stores nor loads with loads, so the write and
 * read barriers only stop the compiler; store->load needs a locked instruction. */
#define ring_wmb() __asm__ __volatile__("" ::: "memory")
#define ring_rmb() __asm__ __volatile__("" ::: "memory")
#define ring_mb() __asm__ __volatile__("lock; orq $0, (%%rsp)" ::: "memory", "cc")
#define ring_read_idx(p) (*(const volatile uint32_t *)(p))
#define ring_write_idx(p, v) (*(volatile uint32_t *)(p) = (v))

#include "ring/ring.h"

/* A blkif-sized entry: 112-byte slots as Xen's blkif ring has. */
struct fs_req {
    uint8_t bytes[112];
};

int ring_freestanding_front(struct ring_front *f, void *shared, const struct fs_req *req,
                            struct fs_req *rsp);
int ring_freestanding_back(struct ring_back *b, void *shared, struct fs_req *req);

int ring_freestanding_front(struct ring_front *f, void *shared, const struct fs_req *req,
                            struct fs_req *rsp)
{
    int rc;

    ring_sring_init(shared, 0);
    rc = ring_front_init(f, shared, RING_PAGE_BYTES, sizeof(*req), 0);
    if (rc == 0)
        rc = ring_front_put_request(f, req, sizeof(*req));
    if (ring_front_push_check(f))
        rc = ring_front_arm(f);
    return rc != 0 ? rc : ring_front_get_response(f, rsp, sizeof(*rsp));
}

int ring_freestanding_back(struct ring_back *b, void *shared, struct fs_req *req)
{
    int rc = ring_back_init(b, shared, 2 * RING_PAGE_BYTES, sizeof(*req), 0);

    if (rc == 0)
        rc = ring_back_get_request(b, req, sizeof(*req));
    if (rc == 0)
        rc = ring_back_put_response(b, req, sizeof(*req));
    if (ring_back_push_check(b))
        rc = ring_back_arm(b);
    return rc;
}
