// Batch hashing with AVX2: eight independent keys in the eight 32-bit lanes of a ymm
// register. Each group loads a 32-byte window from each of its 8 keys and transposes the
// 8 x 8 words, so lane i of row j is word j of key i (no gathers). Lanes whose key is
// shorter than the window keep their state through a blend; the window bytes beyond a key
// never reach its hash. Remainders use a precomputed multiplier instead of a division.
#include "batch_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2_TARGET __attribute__((target("avx2")))
/// Helpers are forced inline: a call would pass ymm values through memory and vzeroupper.
#define AVX2_INLINE __attribute__((target("avx2"), always_inline)) static inline

/// Longest key a vector group takes (lengths must fit the 32-bit lanes); longer keys make
/// the group run scalar. Lanes win whatever the mix of lengths: a group costs about its
/// longest key in vector steps, its keys one at a time cost at least that key in scalar steps.
enum { VECTOR_KEY_LIMIT = 1 << 30 };

int kbench_cpu_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

/// rows[i] = 8 words of key i  ->  rows[j] = word j of keys 0...7.
AVX2_INLINE void transpose_8x8(__m256i rows[8]) {
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
AVX2_INLINE void load_window(const uint8_t *base, const intptr_t *offsets, int chunk,
                               __m256i rows[8]) {
    for (int i = 0; i < 8; i++) {
        rows[i] = _mm256_loadu_si256((const __m256i *)(base + offsets[i] + 32 * chunk));
    }
    transpose_8x8(rows);
}

/// Mixes block `word` (block index `index`) into the murmur2 chains of 8 lanes. The chain runs
/// on past a key's full blocks (only multiply and xor on the critical path); at the key's
/// tail index its state and its tail word are captured off the chain.
AVX2_INLINE void murmur2_block(__m256i *h, __m256i *captured, __m256i *tail, __m256i word, __m256i blocks, int index) {
    const __m256i m = _mm256_set1_epi32(0x5bd1e995);
    __m256i at_tail = _mm256_cmpeq_epi32(blocks, _mm256_set1_epi32(index));
    *captured = _mm256_blendv_epi8(*captured, *h, at_tail);
    *tail = _mm256_blendv_epi8(*tail, word, at_tail);
    __m256i k = _mm256_mullo_epi32(word, m);
    k = _mm256_xor_si256(k, _mm256_srli_epi32(k, 24));
    k = _mm256_mullo_epi32(k, m);
    *h = _mm256_xor_si256(_mm256_mullo_epi32(*h, m), k);
}

/// murmur2 of 8 keys with lengths `lengths` (each <= VECTOR_KEY_LIMIT, windows readable).
/// Blocks run in quads (4 blocks, half a window) up to the longest key's tail index: the only
/// branches are per quad, so similar-length keys take the same path every time.
AVX2_INLINE __m256i murmur2_x8(const uint8_t *base, const intptr_t *offsets,
                               __m256i lengths, int max_length) {
    const __m256i m = _mm256_set1_epi32(0x5bd1e995);
    const __m256i zero = _mm256_setzero_si256();
    const __m256i one = _mm256_set1_epi32(1);
    __m256i blocks = _mm256_srli_epi32(lengths, 2);
    __m256i rest = _mm256_and_si256(lengths, _mm256_set1_epi32(3));
    __m256i h = _mm256_xor_si256(_mm256_set1_epi32((int)0x9747b28cu), lengths);
    __m256i captured = h;
    __m256i tail = zero;
    int quads = ((max_length >> 2) >> 2) + 1;  // quads up to the longest key's tail index
    for (int c = 0; 2 * c < quads; c++) {      // 2 quads per 32-byte window
        __m256i rows[8];
        load_window(base, offsets, c, rows);
        murmur2_block(&h, &captured, &tail, rows[0], blocks, 8 * c + 0);
        murmur2_block(&h, &captured, &tail, rows[1], blocks, 8 * c + 1);
        murmur2_block(&h, &captured, &tail, rows[2], blocks, 8 * c + 2);
        murmur2_block(&h, &captured, &tail, rows[3], blocks, 8 * c + 3);
        if (2 * c + 1 >= quads) break;
        murmur2_block(&h, &captured, &tail, rows[4], blocks, 8 * c + 4);
        murmur2_block(&h, &captured, &tail, rows[5], blocks, 8 * c + 5);
        murmur2_block(&h, &captured, &tail, rows[6], blocks, 8 * c + 6);
        murmur2_block(&h, &captured, &tail, rows[7], blocks, 8 * c + 7);
    }
    // Tail: the 1-3 bytes after the last full block, little-endian, zero-padded.
    h = captured;
    __m256i tail_mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, _mm256_slli_epi32(rest, 3)), one);
    __m256i with_tail = _mm256_mullo_epi32(_mm256_xor_si256(h, _mm256_and_si256(tail, tail_mask)), m);
    h = _mm256_blendv_epi8(h, with_tail, _mm256_cmpgt_epi32(rest, zero));
    h = _mm256_xor_si256(h, _mm256_srli_epi32(h, 13));
    h = _mm256_mullo_epi32(h, m);
    h = _mm256_xor_si256(h, _mm256_srli_epi32(h, 15));
    return h;
}

/// Feeds the 4 bytes of `word` (byte positions 4*index ...) into the FNV-1a chains of 8 lanes.
/// The chain runs on past a key's end (only xor and multiply on the critical path); the state
/// after a key's last byte is captured into `result` off the chain.
AVX2_INLINE void fnv1a_word(__m256i *h, __m256i *result, __m256i word, __m256i last_positions, int index) {
    const __m256i prime = _mm256_set1_epi32(0x01000193);
    const __m256i low_byte = _mm256_set1_epi32(0xff);
    for (int s = 0; s < 4; s++) {
        __m256i byte = _mm256_and_si256(_mm256_srli_epi32(word, 8 * s), low_byte);
        *h = _mm256_mullo_epi32(_mm256_xor_si256(*h, byte), prime);
        __m256i ends_here = _mm256_cmpeq_epi32(last_positions, _mm256_set1_epi32(4 * index + s));
        *result = _mm256_blendv_epi8(*result, *h, ends_here);
    }
}

/// FNV-1a 32 of 8 keys (same preconditions as murmur2_x8), words in quads like murmur2_x8.
AVX2_INLINE __m256i fnv1a_x8(const uint8_t *base, const intptr_t *offsets,
                             __m256i lengths, int max_length) {
    __m256i h = _mm256_set1_epi32((int)0x811c9dc5u);
    __m256i result = h;  // empty keys keep the offset basis
    __m256i last_positions = _mm256_sub_epi32(lengths, _mm256_set1_epi32(1));
    int quads = (max_length + 15) >> 4;
    for (int c = 0; 2 * c < quads; c++) {
        __m256i rows[8];
        load_window(base, offsets, c, rows);
        fnv1a_word(&h, &result, rows[0], last_positions, 8 * c + 0);
        fnv1a_word(&h, &result, rows[1], last_positions, 8 * c + 1);
        fnv1a_word(&h, &result, rows[2], last_positions, 8 * c + 2);
        fnv1a_word(&h, &result, rows[3], last_positions, 8 * c + 3);
        if (2 * c + 1 >= quads) break;
        fnv1a_word(&h, &result, rows[4], last_positions, 8 * c + 4);
        fnv1a_word(&h, &result, rows[5], last_positions, 8 * c + 5);
        fnv1a_word(&h, &result, rows[6], last_positions, 8 * c + 6);
        fnv1a_word(&h, &result, rows[7], last_positions, 8 * c + 7);
    }
    return result;
}

/// High 32 bits of the 8 unsigned products x * magic.
AVX2_INLINE __m256i mulhi_epu32(__m256i x, __m256i magic) {
    __m256i even = _mm256_srli_epi64(_mm256_mul_epu32(x, magic), 32);
    __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), magic);
    return _mm256_blend_epi32(even, odd, 0xAA);
}

/// Reduction then remainder of 8 hashes.
AVX2_INLINE __m256i partition_x8(__m256i h, kbench_reduction reduction, kbench_divisor d) {
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
/// Offsets are non-decreasing (validated by the caller), so the last key's start is the
/// largest: one scalar check covers every key's windows.
AVX2_INLINE int vector_group(const intptr_t *offsets, size_t base_length, __m256i *lengths,
                             int *max_length) {
    __m256i start_low = _mm256_loadu_si256((const __m256i *)(offsets + 0));
    __m256i start_high = _mm256_loadu_si256((const __m256i *)(offsets + 4));
    __m256i end_low = _mm256_loadu_si256((const __m256i *)(offsets + 1));
    __m256i end_high = _mm256_loadu_si256((const __m256i *)(offsets + 5));
    __m256i length_low = _mm256_sub_epi64(end_low, start_low);
    __m256i length_high = _mm256_sub_epi64(end_high, start_high);
    // Every length fits 32 bits when no length exceeds the limit (lengths are >= 0).
    __m256i limit = _mm256_set1_epi64x(VECTOR_KEY_LIMIT);
    __m256i too_long = _mm256_or_si256(_mm256_cmpgt_epi64(length_low, limit), _mm256_cmpgt_epi64(length_high, limit));
    if (!_mm256_testz_si256(too_long, too_long)) return 0;
    // Low dwords of the eight 64-bit lengths, in order.
    const __m256i pick = _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6);
    __m256i low = _mm256_permutevar8x32_epi32(length_low, pick);
    __m256i high = _mm256_permutevar8x32_epi32(length_high, pick);
    __m256i packed = _mm256_permute2x128_si256(low, high, 0x20);
    // Horizontal maximum.
    __m256i m = _mm256_max_epi32(packed, _mm256_permute2x128_si256(packed, packed, 0x01));
    m = _mm256_max_epi32(m, _mm256_shuffle_epi32(m, 0x4e));
    m = _mm256_max_epi32(m, _mm256_shuffle_epi32(m, 0xb1));
    int longest = _mm256_cvtsi256_si32(m);
    // Windows the kernels read: quads up to the tail word, two quads per 32-byte window.
    intptr_t window = 32 * (((longest >> 4) + 2) >> 1);
    if ((size_t)(offsets[7] + window) > base_length) return 0;
    *lengths = packed;
    *max_length = longest;
    return 1;
}

/// Hashes (and, with `partition`, reduces) every full group of 8 that can run in lanes;
/// the rest one key at a time. `hash` is a constant at each call site, so the loop is
/// specialised per hash function.
AVX2_INLINE void batch_loop(kbench_hash_kind hash, int partition, kbench_reduction reduction,
                            kbench_divisor divisor, const uint8_t *base, size_t base_length,
                            const intptr_t *offsets, size_t count, uint32_t *out) {
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256i lengths;
        int max_length;
        if (vector_group(offsets + i, base_length, &lengths, &max_length)) {
            __m256i h = hash == KBENCH_HASH_MURMUR2 ? murmur2_x8(base, offsets + i, lengths, max_length)
                                                   : fnv1a_x8(base, offsets + i, lengths, max_length);
            if (partition) h = partition_x8(h, reduction, divisor);
            _mm256_storeu_si256((__m256i *)(out + i), h);
        } else {
            for (size_t j = i; j < i + 8; j++) {
                uint32_t h = kbench_scalar_hash(hash, base + offsets[j], (size_t)(offsets[j + 1] - offsets[j]));
                out[j] = partition ? kbench_scalar_partition(h, reduction, divisor) : h;
            }
        }
    }
    for (; i < count; i++) {
        uint32_t h = kbench_scalar_hash(hash, base + offsets[i], (size_t)(offsets[i + 1] - offsets[i]));
        out[i] = partition ? kbench_scalar_partition(h, reduction, divisor) : h;
    }
}

KBENCH_LANE_ENTRY_POINTS(avx2, AVX2_TARGET)

#else

int kbench_cpu_has_avx2(void) { return 0; }

KBENCH_SCALAR_ENTRY_POINTS(avx2)

#endif
