#include "line_kernels.h"

#include <string.h>
#if defined(__x86_64__)
#include <emmintrin.h>
#endif

size_t kbench_find_newlines(const uint8_t *data, size_t length, intptr_t *positions, size_t capacity) {
    size_t found = 0;
    size_t offset = 0;
#if defined(__x86_64__)
    const __m128i newline = _mm_set1_epi8('\n');
    while (offset + 16 <= length && found < capacity) {
        const __m128i block = _mm_loadu_si128((const __m128i *)(const void *)(data + offset));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, newline));
        while (mask != 0) {
            if (found == capacity) return found;
            positions[found++] = (intptr_t)(offset + (size_t)__builtin_ctz(mask));
            mask &= mask - 1;
        }
        offset += 16;
    }
#endif
    while (found < capacity && offset < length) {
        const uint8_t *hit = memchr(data + offset, '\n', length - offset);
        if (hit == NULL) break;
        positions[found++] = (intptr_t)(hit - data);
        offset = (size_t)(hit - data) + 1;
    }
    return found;
}
