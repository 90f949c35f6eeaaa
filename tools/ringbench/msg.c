/* tools/ringbench/msg.c: filling and checking the benchmark's messages and payloads.
 * Invariant: a check reads every byte it vouches for, exactly as a real backend would. */
#include <stddef.h>

#include "abi/errno.h"
#include "tools/ringbench/msg.h"

#define PAYLOAD_WORDS (MSG_PAYLOAD_BYTES / sizeof(uint64_t))

static uint64_t corrupt_seq = UINT64_MAX;

void msg_corrupt_response(uint64_t seq)
{
    corrupt_seq = seq;
}

static uint64_t word_of(uint64_t seq, uint64_t i)
{
    return (seq + i + 1) * MSG_SALT;
}

uint64_t msg_payload_write(uint8_t *buf, uint64_t seq)
{
    uint64_t *w = (uint64_t *)buf, sum = 0;
    size_t i;

    for (i = 0; i < PAYLOAD_WORDS; i++) {
        w[i] = word_of(seq, i);
        sum += w[i];
    }
    return sum;
}

uint64_t msg_payload_sum(const uint8_t *buf)
{
    const uint64_t *w = (const uint64_t *)buf;
    uint64_t sum = 0;
    size_t i;

    for (i = 0; i < PAYLOAD_WORDS; i++)
        sum += w[i];
    return sum;
}

void msg_fill_req(struct msg_req *req, uint64_t seq, uint8_t *payload, uint32_t buf)
{
    int i;

    req->seq = seq;
    req->buf = buf;
    req->len = payload != NULL ? MSG_PAYLOAD_BYTES : 0;
    req->sum = payload != NULL ? msg_payload_write(payload + (size_t)buf * MSG_PAYLOAD_BYTES, seq)
                               : ~seq;
    for (i = 0; i < MSG_REQ_WORDS; i++)
        req->word[i] = word_of(seq, (uint64_t)i);
}

int msg_check_req(const struct msg_req *req, uint64_t seq, const uint8_t *payload,
                  uint32_t nbufs)
{
    int i;

    if (req->seq != seq)
        return -XEN_EBADMSG;
    for (i = 0; i < MSG_REQ_WORDS; i++)
        if (req->word[i] != word_of(seq, (uint64_t)i))
            return -XEN_EBADMSG;
    if (payload == NULL)
        return req->len == 0 && req->sum == ~seq ? 0 : -XEN_EBADMSG;
    if (req->len != MSG_PAYLOAD_BYTES || req->buf >= nbufs)
        return -XEN_EBADMSG;
    return msg_payload_sum(payload + (size_t)req->buf * MSG_PAYLOAD_BYTES) == req->sum
               ? 0 : -XEN_EBADMSG;
}

void msg_fill_rsp(struct msg_rsp *rsp, const struct msg_req *req)
{
    rsp->seq = req->seq == corrupt_seq ? req->seq + 1 : req->seq;
    rsp->sum = req->seq * MSG_SALT;
}

int msg_check_rsp(const struct msg_rsp *rsp, uint64_t seq)
{
    return rsp->seq == seq && rsp->sum == seq * MSG_SALT ? 0 : -XEN_EBADMSG;
}
