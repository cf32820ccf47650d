#pragma once
#include <stddef.h>
#include <stdint.h>

/// Non-zero when this CPU has the SSE4.2 CRC32 instruction (x86-64 only; 0 elsewhere).
int kbench_crc32c_hardware_available(void);

/// kbench_crc32c_hardware_available()'s answer, stored when the library is loaded (a
/// constructor), so that a hot path tests it with one load instead of a lazy initialisation.
extern int kbench_crc32c_hardware_present;

/// kbench_crc32c_hardware_present, read.
static inline int kbench_crc32c_has_hardware(void) { return kbench_crc32c_hardware_present; }

/// Continues a CRC-32C (Castagnoli) over `length` bytes with the SSE4.2 instruction
/// (three interleaved streams for inputs of 192 bytes or more, joined by carry-less
/// multiplication under 768 bytes when PCLMULQDQ is present; shorter ones 32 bytes a step).
/// `crc` is the running, already-inverted state (start with 0xFFFFFFFF, finish with ~).
/// Only call when kbench_crc32c_hardware_available() returned non-zero.
uint32_t kbench_crc32c_hardware_update(uint32_t crc, const void *data, size_t length);

/// Non-zero when this CPU can run kbench_crc32c_folding_update (AVX-512F, VPCLMULQDQ, SSE4.2).
int kbench_crc32c_folding_available(void);

/// Continues a CRC-32C like kbench_crc32c_hardware_update, folding 256 bytes per step with
/// carry-less multiplication (inputs under 512 bytes go to the SSE4.2 path).
/// Only call when kbench_crc32c_folding_available() returned non-zero.
uint32_t kbench_crc32c_folding_update(uint32_t crc, const void *data, size_t length);
