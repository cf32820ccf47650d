// CRC-32 (IEEE) for long inputs: portable slicing-by-8, and carry-less multiplication
// folding (the method of Intel's "Fast CRC Computation for Generic Polynomials Using
// PCLMULQDQ", bit-reflected domain) compiled with a target attribute behind a runtime check.
#include "hash_kernels.h"
#include <string.h>

static inline uint64_t load_le64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

uint32_t kbench_crc32_update_tables(uint32_t state, const void *data, size_t length) {
    const uint32_t (*t)[256] = kbench_crc32_table_data;
    const unsigned char *p = (const unsigned char *)data;
    uint32_t c = state;
    while (length >= 8) {
        uint64_t v = load_le64(p) ^ c;
        c = t[7][v & 0xff] ^ t[6][(v >> 8) & 0xff] ^ t[5][(v >> 16) & 0xff]
          ^ t[4][(v >> 24) & 0xff] ^ t[3][(v >> 32) & 0xff] ^ t[2][(v >> 40) & 0xff]
          ^ t[1][(v >> 48) & 0xff] ^ t[0][v >> 56];
        p += 8;
        length -= 8;
    }
    while (length > 0) {
        c = t[0][(c ^ *p) & 0xff] ^ (c >> 8);
        p++;
        length--;
    }
    return c;
}

#if defined(__x86_64__)
#include <immintrin.h>

int kbench_cpu_has_pclmul(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
}

#define PCLMUL_TARGET __attribute__((target("pclmul,sse4.1")))

/// One fold step: multiplies both 64-bit halves of `x` by the distance constants in `k`
/// (x.lo * k.lo, x.hi * k.hi) and adds (xors) `next`.
PCLMUL_TARGET
static inline __m128i fold(__m128i x, __m128i k, __m128i next) {
    __m128i lo = _mm_clmulepi64_si128(x, k, 0x00);
    __m128i hi = _mm_clmulepi64_si128(x, k, 0x11);
    return _mm_xor_si128(_mm_xor_si128(lo, hi), next);
}

PCLMUL_TARGET
uint32_t kbench_crc32_update_pclmul(uint32_t state, const void *data, size_t length) {
    if (length < 64) {
        return kbench_crc32_update_tables(state, data, length);
    }
    // Distance constants x^(n) mod P(x), bit-reflected, for folding across 512 bits
    // (four accumulators) and 128 bits, then 128 -> 64 bits, then Barrett (P', mu).
    const __m128i k_512 = _mm_set_epi64x(0x01c6e41596LL, 0x0154442bd4LL);
    const __m128i k_128 = _mm_set_epi64x(0x00ccaa009eLL, 0x01751997d0LL);
    const __m128i k_64 = _mm_set_epi64x(0, 0x0163cd6124LL);
    const __m128i barrett = _mm_set_epi64x(0x01f7011641LL, 0x01db710641LL);
    const __m128i low32 = _mm_setr_epi32(-1, 0, -1, 0);

    const unsigned char *p = (const unsigned char *)data;
    __m128i a0 = _mm_loadu_si128((const __m128i *)(p + 0));
    __m128i a1 = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i a2 = _mm_loadu_si128((const __m128i *)(p + 32));
    __m128i a3 = _mm_loadu_si128((const __m128i *)(p + 48));
    a0 = _mm_xor_si128(a0, _mm_cvtsi32_si128((int)state));
    p += 64;
    length -= 64;

    while (length >= 64) {
        a0 = fold(a0, k_512, _mm_loadu_si128((const __m128i *)(p + 0)));
        a1 = fold(a1, k_512, _mm_loadu_si128((const __m128i *)(p + 16)));
        a2 = fold(a2, k_512, _mm_loadu_si128((const __m128i *)(p + 32)));
        a3 = fold(a3, k_512, _mm_loadu_si128((const __m128i *)(p + 48)));
        p += 64;
        length -= 64;
    }

    // Four accumulators into one.
    __m128i x = fold(a0, k_128, a1);
    x = fold(x, k_128, a2);
    x = fold(x, k_128, a3);

    while (length >= 16) {
        x = fold(x, k_128, _mm_loadu_si128((const __m128i *)p));
        p += 16;
        length -= 16;
    }

    // 128 -> 96 bits: low half times x^(128+32)... folded into the high half.
    __m128i t = _mm_clmulepi64_si128(x, k_128, 0x10);
    x = _mm_xor_si128(_mm_srli_si128(x, 8), t);
    // 96 -> 64 bits.
    t = _mm_srli_si128(x, 4);
    x = _mm_and_si128(x, low32);
    x = _mm_clmulepi64_si128(x, k_64, 0x00);
    x = _mm_xor_si128(x, t);
    // Barrett reduction to 32 bits.
    t = _mm_and_si128(x, low32);
    t = _mm_clmulepi64_si128(t, barrett, 0x10);
    t = _mm_and_si128(t, low32);
    t = _mm_clmulepi64_si128(t, barrett, 0x00);
    x = _mm_xor_si128(x, t);
    uint32_t c = (uint32_t)_mm_extract_epi32(x, 1);

    return kbench_crc32_update_tables(c, p, length);
}

#else

int kbench_cpu_has_pclmul(void) { return 0; }

uint32_t kbench_crc32_update_pclmul(uint32_t state, const void *data, size_t length) {
    return kbench_crc32_update_tables(state, data, length);
}

#endif
