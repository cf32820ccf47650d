// CRC-32C (Castagnoli) with the x86-64 SSE4.2 `crc32` instruction, compiled with a
// target attribute so the package needs no unsafe flags; callers check availability
// at run time and fall back to kbench's portable Swift implementation.
#include "crc32c_kernel.h"
#include <string.h>

#if defined(__x86_64__)
#include <nmmintrin.h>

int kbench_crc32c_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}

__attribute__((target("sse4.2")))
uint32_t kbench_crc32c_hardware_update(uint32_t crc, const void *data, size_t length) {
    const unsigned char *p = (const unsigned char *)data;
    uint64_t c = crc;
    while (length >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        c = _mm_crc32_u64(c, v);
        p += 8;
        length -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (length > 0) {
        c32 = _mm_crc32_u8(c32, *p);
        p++;
        length--;
    }
    return c32;
}
#else
int kbench_crc32c_hardware_available(void) { return 0; }
uint32_t kbench_crc32c_hardware_update(uint32_t crc, const void *data, size_t length) {
    (void)data; (void)length;
    return crc;
}
#endif
