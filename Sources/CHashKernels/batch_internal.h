// Internal helpers shared by the batch kernel files (not exported to Swift).
#pragma once
#include "hash_kernels.h"

/// Kafka murmur2 of one key.
uint32_t kbench_scalar_murmur2(const uint8_t *p, size_t length);
/// Raw FNV-1a 32 of one key.
uint32_t kbench_scalar_fnv1a(const uint8_t *p, size_t length);
/// The hash `hash` of one key.
uint32_t kbench_scalar_hash(kbench_hash_kind hash, const uint8_t *p, size_t length);
/// Reduction then multiply-based remainder of one hash.
uint32_t kbench_scalar_partition(uint32_t h, kbench_reduction reduction, kbench_divisor d);
/// The hash `hash` of keys base[offsets[i] ..< offsets[i + 1]], one key at a time.
void kbench_scalar_hash_each(kbench_hash_kind hash, const uint8_t *base, const intptr_t *offsets,
                             size_t count, uint32_t *out);
/// The partition of each key, one key at a time.
void kbench_scalar_partition_each(kbench_hash_kind hash, kbench_reduction reduction, kbench_divisor divisor,
                                  const uint8_t *base, const intptr_t *offsets, size_t count, uint32_t *out);

/// Defines the two exported entry points of a lane kernel family, `kbench_batch_hash_<name>` and
/// `kbench_batch_partition_<name>`, over that file's `batch_loop` (specialised per hash
/// function: murmur2 and FNV-1a in lanes, CRC-32 one key at a time). `target` is the function
/// attribute enabling the family's instructions.
#define KBENCH_LANE_ENTRY_POINTS(name, target)                                                       \
    target void kbench_batch_hash_##name(kbench_hash_kind hash, const uint8_t *base,                 \
                                         size_t base_length, const intptr_t *offsets, size_t count,  \
                                         uint32_t *out) {                                            \
        const kbench_divisor none = {1, 0, 0};                                                       \
        if (hash == KBENCH_HASH_MURMUR2) {                                                           \
            batch_loop(KBENCH_HASH_MURMUR2, 0, KBENCH_REDUCE_UNSIGNED, none, base, base_length,      \
                       offsets, count, out);                                                         \
        } else if (hash == KBENCH_HASH_FNV1A) {                                                      \
            batch_loop(KBENCH_HASH_FNV1A, 0, KBENCH_REDUCE_UNSIGNED, none, base, base_length,        \
                       offsets, count, out);                                                         \
        } else {                                                                                     \
            kbench_scalar_hash_each(hash, base, offsets, count, out);                                \
        }                                                                                            \
    }                                                                                                \
    target void kbench_batch_partition_##name(kbench_hash_kind hash, kbench_reduction reduction,     \
                                              kbench_divisor divisor, const uint8_t *base,           \
                                              size_t base_length, const intptr_t *offsets,           \
                                              size_t count, int32_t *out) {                          \
        uint32_t *values = (uint32_t *)out;                                                          \
        if (hash == KBENCH_HASH_MURMUR2) {                                                           \
            batch_loop(KBENCH_HASH_MURMUR2, 1, reduction, divisor, base, base_length, offsets,       \
                       count, values);                                                               \
        } else if (hash == KBENCH_HASH_FNV1A) {                                                      \
            batch_loop(KBENCH_HASH_FNV1A, 1, reduction, divisor, base, base_length, offsets, count,  \
                       values);                                                                      \
        } else {                                                                                     \
            kbench_scalar_partition_each(hash, reduction, divisor, base, offsets, count, values);    \
        }                                                                                            \
    }

/// The same entry points one key at a time, for builds without the family's instructions.
#define KBENCH_SCALAR_ENTRY_POINTS(name)                                                             \
    void kbench_batch_hash_##name(kbench_hash_kind hash, const uint8_t *base, size_t base_length,    \
                                  const intptr_t *offsets, size_t count, uint32_t *out) {            \
        (void)base_length;                                                                           \
        kbench_scalar_hash_each(hash, base, offsets, count, out);                                    \
    }                                                                                                \
    void kbench_batch_partition_##name(kbench_hash_kind hash, kbench_reduction reduction,            \
                                       kbench_divisor divisor, const uint8_t *base,                  \
                                       size_t base_length, const intptr_t *offsets, size_t count,    \
                                       int32_t *out) {                                               \
        (void)base_length;                                                                           \
        kbench_scalar_partition_each(hash, reduction, divisor, base, offsets, count, (uint32_t *)out); \
    }
