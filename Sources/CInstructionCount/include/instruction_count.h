// Counting the instructions a stretch of code executes, for `kbench hash --instructions`:
// the CPU's retired-instruction counter through perf_event_open (Linux, when the kernel and
// hypervisor expose it), or, inside valgrind's callgrind, client requests that collect exactly
// the counted stretch and dump it under a label. Both are no-ops where unavailable.
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: Hardware counter

/// Opens a counter of the user-space instructions this thread retires (disabled until
/// started). Returns a file descriptor, or -errno (-ENOSYS off Linux, -ENOENT when the CPU
/// exposes no such event, as in most VMs, -EACCES under a strict perf_event_paranoid).
int kbench_instructions_open(void);

/// Resets and enables the counter `fd`; 0, or -errno.
int kbench_instructions_start(int fd);

/// Disables the counter `fd` and returns the instructions counted since the start, or -errno.
int64_t kbench_instructions_stop(int fd);

/// Closes the counter `fd`.
void kbench_instructions_close(int fd);

// MARK: Callgrind

/// Non-zero when this binary was built with valgrind's client-request header
/// (<valgrind/callgrind.h>): without it the callgrind functions below do nothing.
int kbench_callgrind_supported(void);

/// Non-zero when running under valgrind (any tool).
int kbench_running_on_valgrind(void);

/// Zeroes callgrind's counters and switches collection on (run with --collect-atstart=no).
void kbench_callgrind_begin(void);

/// Switches collection off and writes the counts since the last begin as a profile part
/// whose trigger is `label`.
void kbench_callgrind_end(const char *label);

// MARK: Clock

/// Runs a chain of `iterations` × 8 dependent 64-bit multiplies (x86-64 `imul`: 3 cycles of
/// latency on every Intel core since Nehalem and every AMD Zen, with no renamer shortcut) and
/// returns the cycles the chain takes, or 0 at once on other architectures. Timed, it
/// measures the core's clock, so that a time per key becomes cycles per key.
uint64_t kbench_multiply_chain(uint64_t iterations);

#ifdef __cplusplus
}
#endif
