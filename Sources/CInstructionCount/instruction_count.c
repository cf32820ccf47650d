#include "instruction_count.h"

#include <errno.h>

#if defined(__linux__)
#include <linux/perf_event.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define KBENCH_HAS_CALLGRIND 1
#endif
#endif

int kbench_instructions_open(void) {
#if defined(__linux__)
    struct perf_event_attr attributes;
    memset(&attributes, 0, sizeof attributes);
    attributes.type = PERF_TYPE_HARDWARE;
    attributes.size = sizeof attributes;
    attributes.config = PERF_COUNT_HW_INSTRUCTIONS;
    attributes.disabled = 1;
    attributes.exclude_kernel = 1;
    attributes.exclude_hv = 1;
    long fd = syscall(SYS_perf_event_open, &attributes, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    return fd < 0 ? -errno : (int)fd;
#else
    return -ENOSYS;
#endif
}

int kbench_instructions_start(int fd) {
#if defined(__linux__)
    if (ioctl(fd, PERF_EVENT_IOC_RESET, 0) != 0 || ioctl(fd, PERF_EVENT_IOC_ENABLE, 0) != 0) return -errno;
    return 0;
#else
    (void)fd;
    return -ENOSYS;
#endif
}

int64_t kbench_instructions_stop(int fd) {
#if defined(__linux__)
    if (ioctl(fd, PERF_EVENT_IOC_DISABLE, 0) != 0) return -errno;
    uint64_t count = 0;
    if (read(fd, &count, sizeof count) != (ssize_t)sizeof count) return -EIO;
    return (int64_t)(count & INT64_MAX);
#else
    (void)fd;
    return -ENOSYS;
#endif
}

void kbench_instructions_close(int fd) {
#if defined(__linux__)
    if (fd >= 0) close(fd);
#else
    (void)fd;
#endif
}

int kbench_callgrind_supported(void) {
#if defined(KBENCH_HAS_CALLGRIND)
    return 1;
#else
    return 0;
#endif
}

int kbench_running_on_valgrind(void) {
#if defined(KBENCH_HAS_CALLGRIND)
    return RUNNING_ON_VALGRIND ? 1 : 0;
#else
    return 0;
#endif
}

void kbench_callgrind_begin(void) {
#if defined(KBENCH_HAS_CALLGRIND)
    CALLGRIND_ZERO_STATS;
    CALLGRIND_TOGGLE_COLLECT;
#endif
}

void kbench_callgrind_end(const char *label) {
#if defined(KBENCH_HAS_CALLGRIND)
    CALLGRIND_TOGGLE_COLLECT;
    CALLGRIND_DUMP_STATS_AT(label);
#else
    (void)label;
#endif
}

uint64_t kbench_multiply_chain(uint64_t iterations) {
#if defined(__x86_64__)
    uint64_t value = 3, multiplier = 0x9E3779B97F4A7C15u;
    for (uint64_t i = 0; i < iterations; i++) {
        __asm__ volatile("imul %1, %0\n\timul %1, %0\n\timul %1, %0\n\timul %1, %0\n\t"
                         "imul %1, %0\n\timul %1, %0\n\timul %1, %0\n\timul %1, %0"
                         : "+r"(value)
                         : "r"(multiplier));
    }
    return iterations * 8 * 3;
#else
    (void)iterations;
    return 0;
#endif
}
