// CRC-32C (Castagnoli) with the x86-64 SSE4.2 `crc32` instruction, compiled with a
// target attribute so the package needs no unsafe flags; callers check availability
// at run time and fall back to kbench's portable Swift implementation.
//
// The instruction has a latency of 3 cycles and a throughput of 1 per cycle, so one
// dependency chain uses a third of the unit. Long inputs are cut into three streams that
// run interleaved; the three register values are then joined with "shift by N zero bytes"
// operators (CRC is linear: crc(A || B) = shift(crc(A), |B|) ^ crc_from_zero(B)).
// The operators are 4 x 256 lookup tables built once from the instruction itself.
//
// Inputs of 192 to 767 bytes are too short for those blocks, and one chain over them costs three
// cycles per 8 bytes (a 720-byte batch: ~270 cycles, more than a small LZ4 block takes to
// decode). They run as three chains of L bytes each (L a multiple of 16 fitting three times),
// joined by carry-less multiplication: for a register c (bit i the coefficient of x^(31-i)) and
// K = x^(8n-33) mod P in the same order, the 64-bit product c*K read by the crc32 instruction from
// a zero state is c * x^(8n) mod P, c shifted over n zero bytes. The constants are in a table per L.
#include "crc32c_kernel.h"
#include <string.h>

#if defined(__x86_64__)
#include <nmmintrin.h>
#include <wmmintrin.h>
#include <pthread.h>

enum { LONG_BLOCK = 8192, SHORT_BLOCK = 256 };

static uint32_t shift_long[4][256];
static uint32_t shift_short[4][256];
static pthread_once_t shift_once = PTHREAD_ONCE_INIT;

int kbench_crc32c_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}

int kbench_crc32c_hardware_present = 0;

/// Whether PCLMULQDQ is present too (every x86-64 CPU since 2010; SSE4.2 alone is older).
static int clmul_present = 0;

__attribute__((constructor))
static void detect_hardware(void) {
    kbench_crc32c_hardware_present = kbench_crc32c_hardware_available();
    clmul_present = kbench_crc32c_hardware_present && __builtin_cpu_supports("pclmul");
}

enum { CHAIN_STEP = 16, CHAINS_MIN = 3 * 4 * CHAIN_STEP };

/// For L = 64, 80, ..., 240 bytes a chain: x^(8L-33) and x^(16L-33) mod P, bit-reflected (bit i
/// the coefficient of x^(31-i)), P = 0x1EDC6F41. Computed by repeated multiplication by x
/// (a right shift, XOR 0x82F63B78 when bit 0 falls out); the tests compare every length from 0
/// to 8 KiB against the portable tables.
static const uint32_t chain_join[12][2] = {
    {0x9e4addf8, 0x0d3b6092}, {0x39d3b296, 0x878a92a7}, {0x0715ce53, 0xab7aff2a},
    {0x47db8317, 0x83348832}, {0x0d3b6092, 0xb9e02b86}, {0xc96cfdc0, 0xb6dd949b},
    {0x878a92a7, 0xbac2fd7b}, {0xdaece73e, 0xce7f39f4}, {0xab7aff2a, 0xd270f1a2},
    {0x2162d385, 0x2b3cac5d}, {0x83348832, 0x1b03397f}, {0x299847d5, 0xb3e32c28},
};

/// Advances register `crc` over `length` zero bytes (length a multiple of 8).
__attribute__((target("sse4.2")))
static uint32_t advance_zeros(uint32_t crc, size_t length) {
    uint64_t c = crc;
    for (size_t i = 0; i < length; i += 8) {
        c = _mm_crc32_u64(c, 0);
    }
    return (uint32_t)c;
}

/// Builds table[k][b] = register after `length` zero bytes, starting from (b << 8k).
/// The operator is linear, so it is derived from the 32 single-bit registers.
__attribute__((target("sse4.2")))
static void build_shift_table(uint32_t table[4][256], size_t length) {
    uint32_t basis[32];
    for (int bit = 0; bit < 32; bit++) {
        basis[bit] = advance_zeros((uint32_t)1 << bit, length);
    }
    for (int k = 0; k < 4; k++) {
        for (int b = 0; b < 256; b++) {
            uint32_t value = 0;
            for (int j = 0; j < 8; j++) {
                if (b & (1 << j)) value ^= basis[8 * k + j];
            }
            table[k][b] = value;
        }
    }
}

static void build_shift_tables(void) {
    build_shift_table(shift_long, LONG_BLOCK);
    build_shift_table(shift_short, SHORT_BLOCK);
}

static inline uint32_t shift(uint32_t table[4][256], uint32_t crc) {
    return table[0][crc & 0xff] ^ table[1][(crc >> 8) & 0xff]
         ^ table[2][(crc >> 16) & 0xff] ^ table[3][crc >> 24];
}

static inline uint64_t load64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/// Three interleaved chains over `count` blocks of 3 x `block` bytes each.
__attribute__((target("sse4.2")))
static uint32_t three_streams(uint32_t crc, const unsigned char **data, size_t *length,
                              size_t block, uint32_t table[4][256]) {
    const unsigned char *p = *data;
    while (*length >= 3 * block) {
        uint64_t c0 = crc, c1 = 0, c2 = 0;
        const unsigned char *end = p + block;
        do {
            c0 = _mm_crc32_u64(c0, load64(p));
            c1 = _mm_crc32_u64(c1, load64(p + block));
            c2 = _mm_crc32_u64(c2, load64(p + 2 * block));
            p += 8;
        } while (p < end);
        crc = shift(table, (uint32_t)c0) ^ (uint32_t)c1;
        crc = shift(table, crc) ^ (uint32_t)c2;
        p += 2 * block;
        *length -= 3 * block;
    }
    *data = p;
    return crc;
}

/// The register `c` shifted over the zero bytes `constant` stands for (see chain_join).
__attribute__((target("sse4.2,pclmul")))
static inline uint64_t shifted(uint64_t c, uint32_t constant) {
    return (uint64_t)_mm_cvtsi128_si64(
        _mm_clmulepi64_si128(_mm_cvtsi64_si128((long long)c), _mm_cvtsi32_si128((int)constant), 0));
}

/// Three chains over the first 3 x L bytes of 192 to 767 (L = the largest multiple of 16 with
/// 3L <= length), joined by carry-less multiplication.
__attribute__((target("sse4.2,pclmul")))
static inline uint32_t three_chains(uint32_t crc, const unsigned char **data, size_t *length) {
    const size_t chain = *length / (3 * CHAIN_STEP) * CHAIN_STEP;
    const unsigned char *p = *data;
    const unsigned char *const end = p + chain;
    uint64_t c0 = crc, c1 = 0, c2 = 0;
    do {
        c0 = _mm_crc32_u64(c0, load64(p));
        c1 = _mm_crc32_u64(c1, load64(p + chain));
        c2 = _mm_crc32_u64(c2, load64(p + 2 * chain));
        c0 = _mm_crc32_u64(c0, load64(p + 8));
        c1 = _mm_crc32_u64(c1, load64(p + chain + 8));
        c2 = _mm_crc32_u64(c2, load64(p + 2 * chain + 8));
        p += CHAIN_STEP;
    } while (p < end);
    const uint32_t *join = chain_join[chain / CHAIN_STEP - 4];
    const uint64_t moved = shifted(c0, join[1]) ^ shifted(c1, join[0]);
    *data = p + 2 * chain;
    *length -= 3 * chain;
    return (uint32_t)_mm_crc32_u64(0, moved) ^ (uint32_t)c2;
}

__attribute__((target("sse4.2,pclmul")))
uint32_t kbench_crc32c_hardware_update(uint32_t crc, const void *data, size_t length) {
    const unsigned char *p = (const unsigned char *)data;
    if (length >= 3 * SHORT_BLOCK) {
        pthread_once(&shift_once, build_shift_tables);
        crc = three_streams(crc, &p, &length, LONG_BLOCK, shift_long);
        crc = three_streams(crc, &p, &length, SHORT_BLOCK, shift_short);
    }
    if (length >= CHAINS_MIN && clmul_present) {
        crc = three_chains(crc, &p, &length);
    }
    // One chain, 32 bytes a step (fewer loop instructions per byte; the chain's latency, not
    // the loop, bounds it), then 8, then a 4-, 2- and 1-byte tail.
    uint64_t c = crc;
    while (length >= 32) {
        c = _mm_crc32_u64(c, load64(p));
        c = _mm_crc32_u64(c, load64(p + 8));
        c = _mm_crc32_u64(c, load64(p + 16));
        c = _mm_crc32_u64(c, load64(p + 24));
        p += 32;
        length -= 32;
    }
    while (length >= 8) {
        c = _mm_crc32_u64(c, load64(p));
        p += 8;
        length -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    if (length & 4) {
        uint32_t v;
        memcpy(&v, p, 4);
        c32 = _mm_crc32_u32(c32, v);
        p += 4;
    }
    if (length & 2) {
        uint16_t v;
        memcpy(&v, p, 2);
        c32 = _mm_crc32_u16(c32, v);
        p += 2;
    }
    if (length & 1) {
        c32 = _mm_crc32_u8(c32, *p);
    }
    return c32;
}
#else
int kbench_crc32c_hardware_available(void) { return 0; }
int kbench_crc32c_hardware_present = 0;
uint32_t kbench_crc32c_hardware_update(uint32_t crc, const void *data, size_t length) {
    (void)data; (void)length;
    return crc;
}
#endif
