// Batch hashing with AVX2: eight independent keys in the eight 32-bit lanes of a ymm
// register. Each group loads a 32-byte window from each of its 8 keys and transposes the
// 8 x 8 words, so lane i of row j is word j of key i (no gathers). Lanes whose key is
// shorter than the window keep their state through a blend; the window bytes beyond a key
// never reach its hash. Remainders use a precomputed multiplier instead of a division.
#include "batch_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2_TARGET __attribute__((target("avx2")))

/// Longest key a vector group takes; longer keys make the group run scalar.
enum { VECTOR_KEY_LIMIT = 256 };

int kbench_cpu_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

/// rows[i] = 8 words of key i  ->  rows[j] = word j of keys 0...7.
AVX2_TARGET
static inline void transpose_8x8(__m256i rows[8]) {
    __m256i t0 = _mm256_unpacklo_epi32(rows[0], rows[1]);
    __m256i t1 = _mm256_unpackhi_epi32(rows[0], rows[1]);
    __m256i t2 = _mm256_unpacklo_epi32(rows[2], rows[3]);
    __m256i t3 = _mm256_unpackhi_epi32(rows[2], rows[3]);
    __m256i t4 = _mm256_unpacklo_epi32(rows[4], rows[5]);
    __m256i t5 = _mm256_unpackhi_epi32(rows[4], rows[5]);
    __m256i t6 = _mm256_unpacklo_epi32(rows[6], rows[7]);
    __m256i t7 = _mm256_unpackhi_epi32(rows[6], rows[7]);
    __m256i u0 = _mm256_unpacklo_epi64(t0, t2);
    __m256i u1 = _mm256_unpackhi_epi64(t0, t2);
    __m256i u2 = _mm256_unpacklo_epi64(t1, t3);
    __m256i u3 = _mm256_unpackhi_epi64(t1, t3);
    __m256i u4 = _mm256_unpacklo_epi64(t4, t6);
    __m256i u5 = _mm256_unpackhi_epi64(t4, t6);
    __m256i u6 = _mm256_unpacklo_epi64(t5, t7);
    __m256i u7 = _mm256_unpackhi_epi64(t5, t7);
    rows[0] = _mm256_permute2x128_si256(u0, u4, 0x20);
    rows[1] = _mm256_permute2x128_si256(u1, u5, 0x20);
    rows[2] = _mm256_permute2x128_si256(u2, u6, 0x20);
    rows[3] = _mm256_permute2x128_si256(u3, u7, 0x20);
    rows[4] = _mm256_permute2x128_si256(u0, u4, 0x31);
    rows[5] = _mm256_permute2x128_si256(u1, u5, 0x31);
    rows[6] = _mm256_permute2x128_si256(u2, u6, 0x31);
    rows[7] = _mm256_permute2x128_si256(u3, u7, 0x31);
}

/// Loads window `chunk` (bytes 32*chunk ..< 32*chunk + 32) of the 8 keys, transposed.
AVX2_TARGET
static inline void load_window(const uint8_t *base, const intptr_t *offsets, int chunk,
                               __m256i rows[8]) {
    for (int i = 0; i < 8; i++) {
        rows[i] = _mm256_loadu_si256((const __m256i *)(base + offsets[i] + 32 * chunk));
    }
    transpose_8x8(rows);
}

/// murmur2 of 8 keys with lengths `lengths` (each <= VECTOR_KEY_LIMIT, windows readable).
AVX2_TARGET
static inline __m256i murmur2_x8(const uint8_t *base, const intptr_t *offsets,
                                 __m256i lengths, int max_length) {
    const __m256i m = _mm256_set1_epi32(0x5bd1e995);
    const __m256i zero = _mm256_setzero_si256();
    const __m256i one = _mm256_set1_epi32(1);
    __m256i blocks = _mm256_srli_epi32(lengths, 2);
    __m256i rest = _mm256_and_si256(lengths, _mm256_set1_epi32(3));
    __m256i h = _mm256_xor_si256(_mm256_set1_epi32((int)0x9747b28cu), lengths);
    __m256i tail = zero;
    int last_block = max_length >> 2;  // the tail word of the longest key
    int chunks = (max_length + 31) >> 5;
    for (int c = 0; c < chunks; c++) {
        __m256i rows[8];
        load_window(base, offsets, c, rows);
        for (int j = 0; j < 8; j++) {
            int index = 8 * c + j;
            if (index > last_block) break;
            __m256i position = _mm256_set1_epi32(index);
            __m256i full = _mm256_cmpgt_epi32(blocks, position);
            __m256i at_tail = _mm256_cmpeq_epi32(blocks, position);
            __m256i k = _mm256_mullo_epi32(rows[j], m);
            k = _mm256_xor_si256(k, _mm256_srli_epi32(k, 24));
            k = _mm256_mullo_epi32(k, m);
            __m256i mixed = _mm256_xor_si256(_mm256_mullo_epi32(h, m), k);
            h = _mm256_blendv_epi8(h, mixed, full);
            tail = _mm256_blendv_epi8(tail, rows[j], at_tail);
        }
    }
    // Tail: the 1-3 bytes after the last full block, little-endian, zero-padded.
    __m256i tail_mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, _mm256_slli_epi32(rest, 3)), one);
    __m256i with_tail = _mm256_mullo_epi32(_mm256_xor_si256(h, _mm256_and_si256(tail, tail_mask)), m);
    h = _mm256_blendv_epi8(h, with_tail, _mm256_cmpgt_epi32(rest, zero));
    h = _mm256_xor_si256(h, _mm256_srli_epi32(h, 13));
    h = _mm256_mullo_epi32(h, m);
    h = _mm256_xor_si256(h, _mm256_srli_epi32(h, 15));
    return h;
}

/// FNV-1a 32 of 8 keys (same preconditions as murmur2_x8).
AVX2_TARGET
static inline __m256i fnv1a_x8(const uint8_t *base, const intptr_t *offsets,
                               __m256i lengths, int max_length) {
    const __m256i prime = _mm256_set1_epi32(0x01000193);
    const __m256i low_byte = _mm256_set1_epi32(0xff);
    __m256i h = _mm256_set1_epi32((int)0x811c9dc5u);
    int chunks = (max_length + 31) >> 5;
    for (int c = 0; c < chunks; c++) {
        __m256i rows[8];
        load_window(base, offsets, c, rows);
        for (int j = 0; j < 8; j++) {
            __m256i word = rows[j];
            for (int s = 0; s < 4; s++) {
                int position = 32 * c + 4 * j + s;
                if (position >= max_length) goto done;
                __m256i byte = _mm256_and_si256(_mm256_srli_epi32(word, 8 * s), low_byte);
                __m256i next = _mm256_mullo_epi32(_mm256_xor_si256(h, byte), prime);
                __m256i active = _mm256_cmpgt_epi32(lengths, _mm256_set1_epi32(position));
                h = _mm256_blendv_epi8(h, next, active);
            }
        }
    }
done:
    return h;
}

/// High 32 bits of the 8 unsigned products x * magic.
AVX2_TARGET
static inline __m256i mulhi_epu32(__m256i x, __m256i magic) {
    __m256i even = _mm256_srli_epi64(_mm256_mul_epu32(x, magic), 32);
    __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), magic);
    return _mm256_blend_epi32(even, odd, 0xAA);
}

/// Reduction then remainder of 8 hashes.
AVX2_TARGET
static inline __m256i partition_x8(__m256i h, kbench_reduction reduction, kbench_divisor d) {
    __m256i x;
    switch (reduction) {
    case KBENCH_REDUCE_CLEAR_SIGN: x = _mm256_and_si256(h, _mm256_set1_epi32(0x7fffffff)); break;
    case KBENCH_REDUCE_ABSOLUTE: x = _mm256_abs_epi32(h); break;
    default: x = h; break;
    }
    if (d.divisor == 1) return _mm256_setzero_si256();
    __m256i t = mulhi_epu32(x, _mm256_set1_epi32((int)d.magic));
    __m256i q = _mm256_add_epi32(t, _mm256_srli_epi32(_mm256_sub_epi32(x, t), 1));
    q = _mm256_srl_epi32(q, _mm_cvtsi32_si128((int)d.shift));
    return _mm256_sub_epi32(x, _mm256_mullo_epi32(q, _mm256_set1_epi32((int)d.divisor)));
}

/// Lengths of keys offsets[0...7] when the group can run in lanes, else returns 0.
AVX2_TARGET
static inline int vector_group(const intptr_t *offsets, size_t base_length, __m256i *lengths,
                               int *max_length) {
    int32_t lens[8];
    intptr_t longest = 0;
    for (int i = 0; i < 8; i++) {
        intptr_t n = offsets[i + 1] - offsets[i];
        if (n > VECTOR_KEY_LIMIT) return 0;
        lens[i] = (int32_t)n;
        if (n > longest) longest = n;
    }
    intptr_t window = ((longest + 31) >> 5) << 5;
    for (int i = 0; i < 8; i++) {
        if ((size_t)(offsets[i] + window) > base_length) return 0;
    }
    *lengths = _mm256_loadu_si256((const __m256i *)lens);
    *max_length = (int)longest;
    return 1;
}

AVX2_TARGET
static inline __m256i hash_x8(kbench_hash_kind hash, const uint8_t *base, const intptr_t *offsets,
                              __m256i lengths, int max_length) {
    return hash == KBENCH_HASH_MURMUR2 ? murmur2_x8(base, offsets, lengths, max_length)
                                       : fnv1a_x8(base, offsets, lengths, max_length);
}

AVX2_TARGET
void kbench_batch_hash_avx2(kbench_hash_kind hash, const uint8_t *base, size_t base_length,
                            const intptr_t *offsets, size_t count, uint32_t *out) {
    if (hash == KBENCH_HASH_CRC32) {
        kbench_batch_crc32_interleaved(base, offsets, count, out);
        return;
    }
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256i lengths;
        int max_length;
        if (vector_group(offsets + i, base_length, &lengths, &max_length)) {
            __m256i h = hash_x8(hash, base, offsets + i, lengths, max_length);
            _mm256_storeu_si256((__m256i *)(out + i), h);
        } else {
            for (size_t j = i; j < i + 8; j++) {
                out[j] = kbench_scalar_hash(hash, base + offsets[j], (size_t)(offsets[j + 1] - offsets[j]));
            }
        }
    }
    for (; i < count; i++) {
        out[i] = kbench_scalar_hash(hash, base + offsets[i], (size_t)(offsets[i + 1] - offsets[i]));
    }
}

AVX2_TARGET
void kbench_batch_partition_avx2(kbench_hash_kind hash, kbench_reduction reduction,
                                 kbench_divisor divisor, const uint8_t *base, size_t base_length,
                                 const intptr_t *offsets, size_t count, int32_t *out) {
    if (hash == KBENCH_HASH_CRC32) {
        kbench_batch_crc32_interleaved(base, offsets, count, (uint32_t *)out);
        size_t i = 0;
        for (; i + 8 <= count; i += 8) {
            __m256i h = _mm256_loadu_si256((const __m256i *)(out + i));
            _mm256_storeu_si256((__m256i *)(out + i), partition_x8(h, reduction, divisor));
        }
        for (; i < count; i++) {
            out[i] = (int32_t)kbench_scalar_partition((uint32_t)out[i], reduction, divisor);
        }
        return;
    }
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256i lengths;
        int max_length;
        if (vector_group(offsets + i, base_length, &lengths, &max_length)) {
            __m256i h = hash_x8(hash, base, offsets + i, lengths, max_length);
            _mm256_storeu_si256((__m256i *)(out + i), partition_x8(h, reduction, divisor));
        } else {
            for (size_t j = i; j < i + 8; j++) {
                uint32_t h = kbench_scalar_hash(hash, base + offsets[j], (size_t)(offsets[j + 1] - offsets[j]));
                out[j] = (int32_t)kbench_scalar_partition(h, reduction, divisor);
            }
        }
    }
    for (; i < count; i++) {
        uint32_t h = kbench_scalar_hash(hash, base + offsets[i], (size_t)(offsets[i + 1] - offsets[i]));
        out[i] = (int32_t)kbench_scalar_partition(h, reduction, divisor);
    }
}

#else

int kbench_cpu_has_avx2(void) { return 0; }

void kbench_batch_hash_avx2(kbench_hash_kind hash, const uint8_t *base, size_t base_length,
                            const intptr_t *offsets, size_t count, uint32_t *out) {
    (void)base_length;
    for (size_t i = 0; i < count; i++) {
        out[i] = kbench_scalar_hash(hash, base + offsets[i], (size_t)(offsets[i + 1] - offsets[i]));
    }
}

void kbench_batch_partition_avx2(kbench_hash_kind hash, kbench_reduction reduction,
                                 kbench_divisor divisor, const uint8_t *base, size_t base_length,
                                 const intptr_t *offsets, size_t count, int32_t *out) {
    (void)base_length;
    for (size_t i = 0; i < count; i++) {
        uint32_t h = kbench_scalar_hash(hash, base + offsets[i], (size_t)(offsets[i + 1] - offsets[i]));
        out[i] = (int32_t)kbench_scalar_partition(h, reduction, divisor);
    }
}

#endif
