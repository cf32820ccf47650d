// Batch hashing with AVX-512: sixteen independent keys in the sixteen 32-bit lanes of a zmm
// register, whatever their lengths. Each step loads 16 bytes (a quad of 4 words) of each of
// the 16 keys into four registers, key 4b + r in 128-bit block b of register r, and one 4 x 4
// transpose per block puts word j of key i in lane i of row j (natural lane order, no gathers).
// A lane's chain runs on past its key's end (only multiply and xor on the critical path); its
// state is captured under a mask once its key ends, and only the quads in which some key ends
// pay for that capture. Groups whose windows would cross the end of the buffer, and the last
// partial group, load through byte masks (fault-suppressing), so every key runs in lanes.
// Remainders use a precomputed multiplier instead of a division.
#include "batch_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq")))
/// Helpers are forced inline: a call would pass zmm values through memory.
#define AVX512_INLINE __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq"), always_inline)) static inline

enum {
    /// Keys per group: one per 32-bit lane of a zmm register.
    LANES = 16,
    /// Bytes of each key one step reads (4 words).
    QUAD_BYTES = 16,
    /// Bytes of keys fetched ahead of the group being hashed (streams from memory otherwise
    /// stall the lanes: measured 8 KiB best of 0.5-32 KiB over 16 MiB of keys).
    PREFETCH_DISTANCE = 8192,
};

/// Keys longer than this (1 GiB) run one at a time: lengths must fit the 32-bit lanes.
static const intptr_t LANE_LENGTH_LIMIT = (intptr_t)1 << 30;

int kbench_cpu_has_avx512(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
}

/// The 16 keys of one group as the hash kernels read them.
typedef struct {
    /// The buffer the offsets point into.
    const uint8_t *base;
    /// Key i is base[offsets[i] ..< offsets[i + 1]].
    const intptr_t *offsets;
    /// Bytes of each key (filled only for masked loads).
    uint32_t length[LANES];
    /// Shortest and longest length in the group.
    uint32_t shortest, longest;
} key_group;

/// 16 bytes of `key` from byte `at`; with `masked`, bytes past the key's end read as zero and
/// are never touched in memory.
AVX512_INLINE __m128i load_16(const key_group *g, int key, uint32_t at, int masked) {
    const uint8_t *start = g->base + g->offsets[key];
    if (!masked) return _mm_loadu_si128((const __m128i *)(start + at));
    uint32_t length = g->length[key];
    uint32_t left = length > at ? length - at : 0;
    __mmask16 keep = left >= QUAD_BYTES ? (__mmask16)0xffff : (__mmask16)((1u << left) - 1u);
    return _mm_maskz_loadu_epi8(keep, start + at);
}

/// Quad `quad` (bytes 16*quad ..< 16*quad + 16) of the 16 keys: words[j] lane i = word j of key i.
AVX512_INLINE void load_quad(const key_group *g, uint32_t quad, int masked, __m512i words[4]) {
    uint32_t at = QUAD_BYTES * quad;
    __m512i rows[4];
    for (int r = 0; r < 4; r++) {  // register r, block b: key 4b + r
        __m512i v = _mm512_castsi128_si512(load_16(g, r, at, masked));
        v = _mm512_inserti32x4(v, load_16(g, 4 + r, at, masked), 1);
        v = _mm512_inserti32x4(v, load_16(g, 8 + r, at, masked), 2);
        rows[r] = _mm512_inserti32x4(v, load_16(g, 12 + r, at, masked), 3);
    }
    __m512i t0 = _mm512_unpacklo_epi32(rows[0], rows[1]);
    __m512i t1 = _mm512_unpackhi_epi32(rows[0], rows[1]);
    __m512i t2 = _mm512_unpacklo_epi32(rows[2], rows[3]);
    __m512i t3 = _mm512_unpackhi_epi32(rows[2], rows[3]);
    words[0] = _mm512_unpacklo_epi64(t0, t2);
    words[1] = _mm512_unpackhi_epi64(t0, t2);
    words[2] = _mm512_unpacklo_epi64(t1, t3);
    words[3] = _mm512_unpackhi_epi64(t1, t3);
}

/// One murmur2 block `word` mixed into the 16 chains.
AVX512_INLINE __m512i murmur2_mix(__m512i h, __m512i word) {
    const __m512i m = _mm512_set1_epi32(0x5bd1e995);
    __m512i k = _mm512_mullo_epi32(word, m);
    k = _mm512_xor_si512(k, _mm512_srli_epi32(k, 24));
    k = _mm512_mullo_epi32(k, m);
    return _mm512_xor_si512(_mm512_mullo_epi32(h, m), k);
}

/// murmur2 of the 16 keys of `g`. Block index `blocks` of a key is its tail word: the chain
/// state and that word are captured there, then the 1-3 tail bytes and the final mix run on
/// the captured values.
AVX512_INLINE __m512i murmur2_x16(const key_group *g, __m512i lengths, int masked) {
    const __m512i m = _mm512_set1_epi32(0x5bd1e995);
    __m512i blocks = _mm512_srli_epi32(lengths, 2);
    __m512i h = _mm512_xor_si512(_mm512_set1_epi32((int)0x9747b28cu), lengths);
    __m512i captured = h;
    __m512i tail = _mm512_setzero_si512();
    uint32_t first_tail = g->shortest >> 2, last_tail = g->longest >> 2;
    uint32_t quad = 0;
    __m512i words[4];
    for (; 4 * quad + 3 < first_tail; quad++) {  // every key has all 4 blocks
        load_quad(g, quad, masked, words);
        h = murmur2_mix(h, words[0]);
        h = murmur2_mix(h, words[1]);
        h = murmur2_mix(h, words[2]);
        h = murmur2_mix(h, words[3]);
    }
    for (;; quad++) {  // some key's tail index lies in this quad
        // Past the longest key's bytes no lane has tail bytes left: nothing to load.
        if (QUAD_BYTES * quad < g->longest) {
            load_quad(g, quad, masked, words);
        } else {
            words[0] = words[1] = words[2] = words[3] = _mm512_setzero_si512();
        }
        for (uint32_t j = 0; j < 4; j++) {
            uint32_t index = 4 * quad + j;
            if (index >= first_tail) {
                __mmask16 at_tail = _mm512_cmpeq_epi32_mask(blocks, _mm512_set1_epi32((int)index));
                captured = _mm512_mask_mov_epi32(captured, at_tail, h);
                tail = _mm512_mask_mov_epi32(tail, at_tail, words[j]);
                if (index == last_tail) goto finish;
            }
            h = murmur2_mix(h, words[j]);
        }
    }
finish:
    h = captured;
    __m512i rest = _mm512_and_si512(lengths, _mm512_set1_epi32(3));
    __mmask16 has_tail = _mm512_test_epi32_mask(rest, rest);
    if (has_tail) {  // no key with 1-3 tail bytes (lengths multiple of 4): nothing to mix
        const __m512i one = _mm512_set1_epi32(1);
        __m512i tail_mask = _mm512_sub_epi32(_mm512_sllv_epi32(one, _mm512_slli_epi32(rest, 3)), one);
        __m512i with_tail = _mm512_mullo_epi32(_mm512_xor_si512(h, _mm512_and_si512(tail, tail_mask)), m);
        h = _mm512_mask_mov_epi32(h, has_tail, with_tail);
    }
    h = _mm512_xor_si512(h, _mm512_srli_epi32(h, 13));
    h = _mm512_mullo_epi32(h, m);
    return _mm512_xor_si512(h, _mm512_srli_epi32(h, 15));
}

/// Byte `s` (0-3) of each lane of `word` fed into the 16 FNV-1a chains.
AVX512_INLINE __m512i fnv1a_byte(__m512i h, __m512i word, int s) {
    const __m512i prime = _mm512_set1_epi32(0x01000193);
    const __m512i low_byte = _mm512_set1_epi32(0xff);
    __m512i shifted = s == 0 ? word : _mm512_srli_epi32(word, (unsigned)(8 * s));
    // h ^ (shifted & 0xff) in one instruction (truth table 0x78: a ^ (b & c)).
    return _mm512_mullo_epi32(_mm512_ternarylogic_epi32(h, shifted, low_byte, 0x78), prime);
}

/// FNV-1a 32 of the 16 keys of `g`: the state after a key's last byte is captured from the
/// chain in the quads where some key ends (empty keys keep the offset basis).
AVX512_INLINE __m512i fnv1a_x16(const key_group *g, __m512i lengths, int masked) {
    __m512i h = _mm512_set1_epi32((int)0x811c9dc5u);
    if (g->longest == 0) return h;
    __m512i result = h;
    uint32_t first_end = g->shortest == 0 ? 0 : (g->shortest - 1) >> 2;  // word of the first end
    uint32_t quad = 0;
    __m512i words[4];
    for (; 4 * quad + 3 < first_end; quad++) {  // no key ends in these 16 bytes
        load_quad(g, quad, masked, words);
        for (int j = 0; j < 4; j++) {
            h = fnv1a_byte(h, words[j], 0);
            h = fnv1a_byte(h, words[j], 1);
            h = fnv1a_byte(h, words[j], 2);
            h = fnv1a_byte(h, words[j], 3);
        }
    }
    for (;; quad++) {
        load_quad(g, quad, masked, words);
        for (uint32_t j = 0; j < 4; j++) {
            uint32_t index = 4 * quad + j;
            for (int s = 0; s < 4; s++) {
                h = fnv1a_byte(h, words[j], s);
                uint32_t length = 4 * index + (uint32_t)s + 1;  // key length ending at this byte
                if (length >= g->shortest) {
                    __mmask16 ends = _mm512_cmpeq_epi32_mask(lengths, _mm512_set1_epi32((int)length));
                    result = _mm512_mask_mov_epi32(result, ends, h);
                    if (length == g->longest) return result;
                }
            }
        }
    }
}

/// Reduction then remainder of 16 hashes.
AVX512_INLINE __m512i partition_x16(__m512i h, kbench_reduction reduction, kbench_divisor d) {
    __m512i x;
    switch (reduction) {
    case KBENCH_REDUCE_CLEAR_SIGN: x = _mm512_and_si512(h, _mm512_set1_epi32(0x7fffffff)); break;
    case KBENCH_REDUCE_ABSOLUTE: x = _mm512_abs_epi32(h); break;
    default: x = h; break;
    }
    if (d.divisor == 1) return _mm512_setzero_si512();
    __m512i magic = _mm512_set1_epi32((int)d.magic);
    __m512i even = _mm512_srli_epi64(_mm512_mul_epu32(x, magic), 32);
    __m512i odd = _mm512_mul_epu32(_mm512_srli_epi64(x, 32), magic);
    __m512i t = _mm512_mask_blend_epi32((__mmask16)0xAAAA, even, odd);
    __m512i q = _mm512_add_epi32(t, _mm512_srli_epi32(_mm512_sub_epi32(x, t), 1));
    q = _mm512_srl_epi32(q, _mm_cvtsi32_si128((int)d.shift));
    return _mm512_sub_epi32(x, _mm512_mullo_epi32(q, _mm512_set1_epi32((int)d.divisor)));
}

/// Hashes (and, with `partition`, reduces) the `keys` (1...16) keys whose offsets start at
/// `offsets` (LANES + 1 entries readable) into out[0 ..< keys].
AVX512_INLINE void run_group(kbench_hash_kind hash, int partition, kbench_reduction reduction,
                             kbench_divisor divisor, const uint8_t *base, size_t base_length,
                             const intptr_t *offsets, size_t keys, uint32_t *out) {
    __m512i start_low = _mm512_loadu_si512(offsets);
    __m512i start_high = _mm512_loadu_si512(offsets + 8);
    __m512i length_low = _mm512_sub_epi64(_mm512_loadu_si512(offsets + 1), start_low);
    __m512i length_high = _mm512_sub_epi64(_mm512_loadu_si512(offsets + 9), start_high);
    __m512i limit = _mm512_set1_epi64(LANE_LENGTH_LIMIT);
    if (_mm512_cmpgt_epi64_mask(length_low, limit) | _mm512_cmpgt_epi64_mask(length_high, limit)) {
        for (size_t j = 0; j < keys; j++) {
            uint32_t h = kbench_scalar_hash(hash, base + offsets[j], (size_t)(offsets[j + 1] - offsets[j]));
            out[j] = partition ? kbench_scalar_partition(h, reduction, divisor) : h;
        }
        return;
    }
    __m512i lengths = _mm512_inserti64x4(_mm512_castsi256_si512(_mm512_cvtepi64_epi32(length_low)),
                                         _mm512_cvtepi64_epi32(length_high), 1);
    key_group g;
    g.base = base;
    g.offsets = offsets;
    // Keys of one length (common: fixed-format keys) skip the two horizontal reductions.
    uint32_t first_length = (uint32_t)_mm_cvtsi128_si32(_mm512_castsi512_si128(lengths));
    if (_mm512_cmpneq_epi32_mask(lengths, _mm512_set1_epi32((int)first_length)) == 0) {
        g.shortest = g.longest = first_length;
    } else {
        g.shortest = _mm512_reduce_min_epu32(lengths);
        g.longest = _mm512_reduce_max_epu32(lengths);
    }
    // Unmasked loads read every quad holding a byte of the longest key from every key;
    // offsets are non-decreasing, so the last key's start bounds them all.
    size_t reach = (size_t)offsets[LANES - 1] + QUAD_BYTES * (((size_t)g.longest + QUAD_BYTES - 1) / QUAD_BYTES);
    __m512i h;
    if (keys < LANES || reach > base_length) {
        _mm512_storeu_si512(g.length, lengths);
        h = hash == KBENCH_HASH_MURMUR2 ? murmur2_x16(&g, lengths, 1) : fnv1a_x16(&g, lengths, 1);
    } else {
        h = hash == KBENCH_HASH_MURMUR2 ? murmur2_x16(&g, lengths, 0) : fnv1a_x16(&g, lengths, 0);
    }
    if (partition) h = partition_x16(h, reduction, divisor);
    if (keys == LANES) {
        _mm512_storeu_si512(out, h);
    } else {
        _mm512_mask_storeu_epi32(out, (__mmask16)((1u << keys) - 1u), h);
    }
}

/// Every full group of 16 keys, then the last partial group with absent lanes as empty keys.
/// `hash` and `partition` are constants at each call site, so the loop is specialised.
AVX512_INLINE void batch_loop(kbench_hash_kind hash, int partition, kbench_reduction reduction,
                              kbench_divisor divisor, const uint8_t *base, size_t base_length,
                              const intptr_t *offsets, size_t count, uint32_t *out) {
    size_t i = 0;
    const uint8_t *fetched = base + offsets[0];
    for (; i + LANES <= count; i += LANES) {
        const uint8_t *until = base + offsets[i + LANES] + PREFETCH_DISTANCE;
        if (until > base + base_length) until = base + base_length;
        for (; fetched < until; fetched += 64) _mm_prefetch((const char *)fetched, _MM_HINT_T0);
        if (i + LANES + PREFETCH_DISTANCE / sizeof(intptr_t) <= count) {
            _mm_prefetch((const char *)(offsets + i + PREFETCH_DISTANCE / sizeof(intptr_t)), _MM_HINT_T0);
            _mm_prefetch((const char *)(offsets + i + PREFETCH_DISTANCE / sizeof(intptr_t) + 8), _MM_HINT_T0);
        }
        run_group(hash, partition, reduction, divisor, base, base_length, offsets + i, LANES, out + i);
    }
    if (i < count) {
        size_t left = count - i;
        intptr_t padded[LANES + 1];
        for (size_t k = 0; k <= LANES; k++) padded[k] = offsets[i + (k < left ? k : left)];
        run_group(hash, partition, reduction, divisor, base, base_length, padded, left, out + i);
    }
}

KBENCH_LANE_ENTRY_POINTS(avx512, AVX512_TARGET)

#else

int kbench_cpu_has_avx512(void) { return 0; }

KBENCH_SCALAR_ENTRY_POINTS(avx512)

#endif
