// CRC-32C by carry-less multiplication (AVX-512 VPCLMULQDQ), for long inputs.
//
// CRC is linear over GF(2): a block A followed by D bits of data leaves the same remainder as
// A * x^D mod P XORed into the data D bits later. For a 16-byte lane (reflected bit order, as
// the CRC reads bytes), the first 8 bytes are multiplied by K1 = x^(D+32) mod P and the last 8
// by K2 = x^(D-32) mod P (each bit-reflected and shifted left by one, so that the 96-bit
// products land aligned on the lane D bits on). Four 512-bit accumulators fold 256 bytes per
// step (D = 2048, the same constants for every lane). At the end the accumulators, stored side
// by side, are a 256-byte block with the same CRC state as everything folded so far: the
// SSE4.2 instruction finishes them and the tail from a zero state. The constants below were
// derived with a bit-level model and checked against the table CRC; the tests compare every
// length against the portable path.
#include "crc32c_kernel.h"
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

enum { FOLD_STEP = 256 };

/// x^(2048+32) mod P and x^(2048-32) mod P, reflected and shifted left by one (P = 0x1EDC6F41).
static const uint64_t K_FIRST_HALF = 0xdcb17aa4;
static const uint64_t K_SECOND_HALF = 0xb9e02b86;

int kbench_crc32c_folding_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("vpclmulqdq")
        && __builtin_cpu_supports("sse4.2");
}

__attribute__((target("avx512f,vpclmulqdq")))
static inline __m512i fold(__m512i accumulator, __m512i constants, __m512i data) {
    __m512i low = _mm512_clmulepi64_epi128(accumulator, constants, 0x00);
    __m512i high = _mm512_clmulepi64_epi128(accumulator, constants, 0x11);
    return _mm512_ternarylogic_epi64(low, high, data, 0x96);  // low ^ high ^ data
}

__attribute__((target("avx512f,vpclmulqdq,sse4.2")))
uint32_t kbench_crc32c_folding_update(uint32_t crc, const void *data, size_t length) {
    const unsigned char *p = (const unsigned char *)data;
    if (length < 2 * FOLD_STEP) return kbench_crc32c_hardware_update(crc, data, length);
    const __m512i constants = _mm512_set_epi64(
        K_SECOND_HALF, K_FIRST_HALF, K_SECOND_HALF, K_FIRST_HALF,
        K_SECOND_HALF, K_FIRST_HALF, K_SECOND_HALF, K_FIRST_HALF);
    __m512i a0 = _mm512_xor_si512(_mm512_loadu_si512(p), _mm512_zextsi128_si512(_mm_cvtsi32_si128((int)crc)));
    __m512i a1 = _mm512_loadu_si512(p + 64);
    __m512i a2 = _mm512_loadu_si512(p + 128);
    __m512i a3 = _mm512_loadu_si512(p + 192);
    p += FOLD_STEP;
    length -= FOLD_STEP;
    while (length >= FOLD_STEP) {
        a0 = fold(a0, constants, _mm512_loadu_si512(p));
        a1 = fold(a1, constants, _mm512_loadu_si512(p + 64));
        a2 = fold(a2, constants, _mm512_loadu_si512(p + 128));
        a3 = fold(a3, constants, _mm512_loadu_si512(p + 192));
        p += FOLD_STEP;
        length -= FOLD_STEP;
    }
    unsigned char folded[FOLD_STEP];
    _mm512_storeu_si512(folded, a0);
    _mm512_storeu_si512(folded + 64, a1);
    _mm512_storeu_si512(folded + 128, a2);
    _mm512_storeu_si512(folded + 192, a3);
    crc = kbench_crc32c_hardware_update(0, folded, FOLD_STEP);
    return kbench_crc32c_hardware_update(crc, p, length);
}
#else
int kbench_crc32c_folding_available(void) { return 0; }
uint32_t kbench_crc32c_folding_update(uint32_t crc, const void *data, size_t length) {
    (void)data; (void)length;
    return crc;
}
#endif
