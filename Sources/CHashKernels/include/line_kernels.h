// Line splitting for key files (KafkaPartitioning's KeyBatch.appendLines): the newline search
// that Swift cannot write with a byte mask per 16 bytes.
#pragma once
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Writes the index of each '\n' in `data[0 ..< length]`, in order, into `positions`, at most
/// `capacity` of them; returns how many. On x86-64, 16 bytes per SSE2 compare, one mask bit
/// per newline; elsewhere (and for the last < 16 bytes) memchr.
size_t kbench_find_newlines(const uint8_t *data, size_t length, intptr_t *positions, size_t capacity);

#ifdef __cplusplus
}
#endif
