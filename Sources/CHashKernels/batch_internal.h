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
