// Scalar pieces shared by the batch kernels: one key at a time (used for groups the
// vector kernels cannot take) and the multiply-based remainder.
#include "batch_internal.h"
#include <string.h>

uint32_t kbench_scalar_murmur2(const uint8_t *p, size_t length) {
    const uint32_t m = 0x5bd1e995u;
    uint32_t h = 0x9747b28cu ^ (uint32_t)length;
    size_t blocks = length / 4;
    for (size_t i = 0; i < blocks; i++) {
        uint32_t k;
        memcpy(&k, p + 4 * i, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        k = __builtin_bswap32(k);
#endif
        k *= m;
        k ^= k >> 24;
        k *= m;
        h *= m;
        h ^= k;
    }
    const uint8_t *tail = p + 4 * blocks;
    switch (length & 3) {
    case 3: h ^= (uint32_t)tail[2] << 16; /* fall through */
    case 2: h ^= (uint32_t)tail[1] << 8;  /* fall through */
    case 1: h ^= tail[0]; h *= m;
    }
    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return h;
}

uint32_t kbench_scalar_fnv1a(const uint8_t *p, size_t length) {
    uint32_t h = 0x811c9dc5u;
    for (size_t i = 0; i < length; i++) {
        h ^= p[i];
        h *= 0x01000193u;
    }
    return h;
}

uint32_t kbench_scalar_hash(kbench_hash_kind hash, const uint8_t *p, size_t length) {
    switch (hash) {
    case KBENCH_HASH_MURMUR2: return kbench_scalar_murmur2(p, length);
    case KBENCH_HASH_FNV1A: return kbench_scalar_fnv1a(p, length);
    case KBENCH_HASH_CRC32: return ~kbench_crc32_update_tables(0xffffffffu, p, length);
    }
    return 0;
}

uint32_t kbench_scalar_partition(uint32_t h, kbench_reduction reduction, kbench_divisor d) {
    uint32_t x;
    switch (reduction) {
    case KBENCH_REDUCE_CLEAR_SIGN: x = h & 0x7fffffffu; break;
    case KBENCH_REDUCE_ABSOLUTE: x = (h & 0x80000000u) ? 0u - h : h; break;
    default: x = h; break;
    }
    if (d.divisor == 1) return 0;
    uint32_t t = (uint32_t)(((uint64_t)x * d.magic) >> 32);
    uint32_t q = (t + ((x - t) >> 1)) >> d.shift;
    return x - q * d.divisor;
}

void kbench_scalar_hash_each(kbench_hash_kind hash, const uint8_t *base, const intptr_t *offsets,
                             size_t count, uint32_t *out) {
    for (size_t i = 0; i < count; i++) {
        out[i] = kbench_scalar_hash(hash, base + offsets[i], (size_t)(offsets[i + 1] - offsets[i]));
    }
}

void kbench_scalar_partition_each(kbench_hash_kind hash, kbench_reduction reduction, kbench_divisor divisor,
                                  const uint8_t *base, const intptr_t *offsets, size_t count, uint32_t *out) {
    for (size_t i = 0; i < count; i++) {
        out[i] = kbench_scalar_partition(kbench_scalar_hash(hash, base + offsets[i], (size_t)(offsets[i + 1] - offsets[i])),
                                         reduction, divisor);
    }
}
