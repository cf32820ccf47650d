#include "kbench_build_info.h"

// Package.swift defines KBENCH_GIT_COMMIT as a C string literal (hex digits and "-dirty" only).
#ifndef KBENCH_GIT_COMMIT
#define KBENCH_GIT_COMMIT "unknown"
#endif

const char *kbench_build_commit(void) {
    return KBENCH_GIT_COMMIT;
}
