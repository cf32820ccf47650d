// kbench's own small C kernels for KafkaPartitioning: the parts Swift cannot express
// without an unsafe target-CPU flag (AVX2 lanes, carry-less multiply). Every kernel sits
// behind a runtime CPU check and has a portable path in Swift that the tests compare with.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "line_kernels.h"  // key-file line splitting

#ifdef __cplusplus
extern "C" {
#endif

// MARK: CPU features

/// Non-zero when the CPU and OS support AVX2 (x86-64 only; 0 elsewhere).
int kbench_cpu_has_avx2(void);

/// Non-zero when the CPU and OS support AVX-512 F, BW, VL and DQ (x86-64 only; 0 elsewhere).
int kbench_cpu_has_avx512(void);

/// Non-zero when the CPU supports PCLMULQDQ and SSE4.1 (x86-64 only; 0 elsewhere).
int kbench_cpu_has_pclmul(void);

// MARK: CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, zlib's crc32)

/// Slicing-by-8 tables: 8 x 256 entries, table 0 is the classic byte table.
extern const uint32_t kbench_crc32_table_data[8][256];

/// Pointer to the first entry of the slicing-by-8 tables (table k starts at k * 256).
static inline const uint32_t *kbench_crc32_tables(void) {
    return &kbench_crc32_table_data[0][0];
}

/// Continues a CRC-32 over `length` bytes with the portable slicing-by-8 tables.
/// `state` is the inverted register: start with 0xFFFFFFFF, finish with `~state`.
uint32_t kbench_crc32_update_tables(uint32_t state, const void *data, size_t length);

/// Continues a CRC-32 with carry-less multiplication (fold by 4 x 128 bits, Barrett
/// reduction). Same state convention. Only call when kbench_cpu_has_pclmul() != 0;
/// inputs shorter than 64 bytes are handed to the table path.
uint32_t kbench_crc32_update_pclmul(uint32_t state, const void *data, size_t length);

// MARK: Batch kernels (many independent keys)

/// Hash functions a batch kernel computes.
typedef enum {
    KBENCH_HASH_MURMUR2 = 0,  ///< Kafka's murmur2 (Java Utils.murmur2, librdkafka rd_murmur2)
    KBENCH_HASH_FNV1A = 1,    ///< FNV-1a 32, raw (no sign handling)
    KBENCH_HASH_CRC32 = 2,    ///< CRC-32 IEEE (zlib crc32): one key at a time (no lane kernel)
} kbench_hash_kind;

/// How a 32-bit hash becomes a non-negative dividend before the remainder.
typedef enum {
    KBENCH_REDUCE_CLEAR_SIGN = 0,  ///< h & 0x7fffffff (Java Utils.toPositive)
    KBENCH_REDUCE_UNSIGNED = 1,    ///< h as unsigned
    KBENCH_REDUCE_ABSOLUTE = 2,    ///< |int32(h)| as unsigned (INT32_MIN stays 2^31)
} kbench_reduction;

/// A divisor prepared for multiply-based remainders (Granlund-Montgomery, branch-free):
/// q = (t + ((x - t) >> 1)) >> shift with t = mulhi(x, magic); r = x - q * divisor.
/// divisor == 1 is special: every remainder is 0.
typedef struct {
    uint32_t divisor;
    uint32_t magic;
    uint32_t shift;
} kbench_divisor;

/// Keys are `base[offsets[i] ..< offsets[i + 1]]` for i in 0 ..< count (offsets has
/// count + 1 entries, non-decreasing, the last <= base_length; the caller validates).
/// Groups of 8 keys run in AVX2 lanes when reading 32-byte windows stays inside
/// `base_length`; other groups (near the end of the buffer, or long keys) run scalar.
/// Writes raw hashes. Only call when kbench_cpu_has_avx2() != 0.
void kbench_batch_hash_avx2(kbench_hash_kind hash, const uint8_t *base, size_t base_length,
                            const intptr_t *offsets, size_t count, uint32_t *out);

/// As kbench_batch_hash_avx2, then reduces and takes the remainder by `divisor`,
/// writing partitions.
void kbench_batch_partition_avx2(kbench_hash_kind hash, kbench_reduction reduction,
                                 kbench_divisor divisor, const uint8_t *base, size_t base_length,
                                 const intptr_t *offsets, size_t count, int32_t *out);

/// As kbench_batch_hash_avx2 with 16 keys per group in AVX-512 lanes, for keys of any length:
/// groups whose reads would cross `base_length`, and the last partial group, load through
/// byte masks, so no group runs scalar. Only call when kbench_cpu_has_avx512() != 0.
void kbench_batch_hash_avx512(kbench_hash_kind hash, const uint8_t *base, size_t base_length,
                              const intptr_t *offsets, size_t count, uint32_t *out);

/// As kbench_batch_partition_avx2 with the AVX-512 kernels of kbench_batch_hash_avx512.
void kbench_batch_partition_avx512(kbench_hash_kind hash, kbench_reduction reduction,
                                   kbench_divisor divisor, const uint8_t *base, size_t base_length,
                                   const intptr_t *offsets, size_t count, int32_t *out);

#ifdef __cplusplus
}
#endif
