/* tools/ringbench/msg.h: the benchmark's blkif-like messages (64-byte request, 16-byte
 * response, optional 4 KiB payload buffer per request) and how each side fills and checks
 * them. Invariant: every field is a function of the sequence number, so a lost, duplicated,
 * reordered or torn message fails its check. These types stay here until abi/ grows real
 * per-protocol entries. */
#ifndef RINGBENCH_MSG_H
#define RINGBENCH_MSG_H

#include <stdbool.h>
#include <stdint.h>

#define MSG_REQ_BYTES 64
#define MSG_RSP_BYTES 16
#define MSG_PAYLOAD_BYTES 4096
#define MSG_REQ_WORDS 5
#define MSG_SALT 0x9e3779b97f4a7c15ull

struct msg_req {
    uint64_t seq;
    uint32_t buf;                 /* payload buffer index, when there is a payload */
    uint32_t len;                 /* payload bytes, 0 without */
    uint64_t sum;                 /* payload checksum */
    uint64_t word[MSG_REQ_WORDS]; /* functions of seq */
};
_Static_assert(sizeof(struct msg_req) == MSG_REQ_BYTES, "64-byte request");

struct msg_rsp {
    uint64_t seq;
    uint64_t sum; /* function of seq and the payload checksum */
};
_Static_assert(sizeof(struct msg_rsp) == MSG_RSP_BYTES, "16-byte response");

/* Front: fill req for seq; with payload, write the 4 KiB buffer buf first. */
void msg_fill_req(struct msg_req *req, uint64_t seq, uint8_t *payload, uint32_t buf);
/* Back: 0 iff req is seq's request and its payload (read in full) checks out. */
int msg_check_req(const struct msg_req *req, uint64_t seq, const uint8_t *payload,
                  uint32_t nbufs);
void msg_fill_rsp(struct msg_rsp *rsp, const struct msg_req *req);
/* Front: 0 iff rsp answers seq. */
int msg_check_rsp(const struct msg_rsp *rsp, uint64_t seq);
/* Self-test: make the back end answer request seq with a wrong sequence number, so that a run
 * can show its checks catch it. UINT64_MAX (the default) turns it off. */
void msg_corrupt_response(uint64_t seq);
/* 4 KiB write with checksum, and read-back checksum (also used by the copy limit). */
uint64_t msg_payload_write(uint8_t *buf, uint64_t seq);
uint64_t msg_payload_sum(const uint8_t *buf);

#endif /* RINGBENCH_MSG_H */
