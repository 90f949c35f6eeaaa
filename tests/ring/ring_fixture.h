/* tests/ring/ring_fixture.h: a ring in freshly allocated pages with a front and a back end
 * attached, and a 64-byte request / 16-byte response whose contents are a function of a
 * sequence number, so that every test can check what it gets. Include after ring_host.h. */
#ifndef TESTS_RING_FIXTURE_H
#define TESTS_RING_FIXTURE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE_LAPS 5               /* times a round-trip test goes round the ring */
#define FIXTURE_REQ_WORDS 7          /* payload words after the sequence number */
#define FIXTURE_SALT 0x9e3779b97f4a7c15ull /* mixes seq into payload words */

struct fixture_req {
    uint64_t seq;
    uint64_t word[FIXTURE_REQ_WORDS];
};
_Static_assert(sizeof(struct fixture_req) == 64, "64-byte request");

struct fixture_rsp {
    uint64_t seq;
    uint64_t sum;
};
_Static_assert(sizeof(struct fixture_rsp) == 16, "16-byte response");

struct fixture {
    void *mem;
    size_t bytes;
    struct ring_front f;
    struct ring_back b;
};

static inline uint64_t fixture_word(uint64_t seq, unsigned int i)
{
    return (seq + i + 1) * FIXTURE_SALT;
}

static inline void fixture_fill(struct fixture_req *req, uint64_t seq)
{
    unsigned int i;

    req->seq = seq;
    for (i = 0; i < FIXTURE_REQ_WORDS; i++)
        req->word[i] = fixture_word(seq, i);
}

/* 0 if the request is the one fixture_fill made for its seq, else -XEN_EBADMSG. */
static inline int fixture_check_req(const struct fixture_req *req)
{
    unsigned int i;

    for (i = 0; i < FIXTURE_REQ_WORDS; i++)
        if (req->word[i] != fixture_word(req->seq, i))
            return -XEN_EBADMSG;
    return 0;
}

static inline uint64_t fixture_sum(uint64_t seq)
{
    return ~seq * FIXTURE_SALT;
}

/* pages of ring memory, exactly (so ASan flags any access past the end), both ends at start. */
static inline void fixture_open(struct fixture *fx, size_t pages, uint32_t start)
{
    fx->bytes = pages * RING_PAGE_BYTES;
    fx->mem = aligned_alloc(RING_PAGE_BYTES, fx->bytes);
    if (fx->mem == NULL)
        abort();
    memset(fx->mem, 0, fx->bytes);
    ring_sring_init(fx->mem, start);
    if (ring_front_init(&fx->f, fx->mem, fx->bytes, sizeof(struct fixture_req), start) ||
        ring_back_init(&fx->b, fx->mem, fx->bytes, sizeof(struct fixture_req), start))
        abort();
}

static inline void fixture_close(struct fixture *fx)
{
    free(fx->mem);
}

static inline int fixture_send(struct fixture *fx, uint64_t seq)
{
    struct fixture_req req;

    fixture_fill(&req, seq);
    return ring_front_put_request(&fx->f, &req, sizeof(req));
}

/* Answer every ready request. Returns how many, or the first error. */
static inline int fixture_serve_all(struct fixture *fx)
{
    struct fixture_req req;
    struct fixture_rsp rsp;
    int n = 0, rc;

    while ((rc = ring_back_get_request(&fx->b, &req, sizeof(req))) == 0) {
        if (fixture_check_req(&req) != 0)
            return -XEN_EBADMSG;
        rsp = (struct fixture_rsp){ .seq = req.seq, .sum = fixture_sum(req.seq) };
        rc = ring_back_put_response(&fx->b, &rsp, sizeof(rsp));
        if (rc != 0)
            return rc;
        n++;
    }
    return rc == -XEN_EAGAIN ? n : rc;
}

/* Consume one response: its (small) sequence number, or a negative error. */
static inline int fixture_recv(struct fixture *fx)
{
    struct fixture_rsp rsp;
    int rc = ring_front_get_response(&fx->f, &rsp, sizeof(rsp));

    if (rc != 0)
        return rc;
    if (rsp.sum != fixture_sum(rsp.seq) || rsp.seq > INT32_MAX)
        return -XEN_EBADMSG;
    return (int)rsp.seq;
}

#endif /* TESTS_RING_FIXTURE_H */
