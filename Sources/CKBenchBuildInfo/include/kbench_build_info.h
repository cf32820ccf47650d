#pragma once

/// The git commit kbench was built from: 40 hex digits, with "-dirty" when the work tree had
/// uncommitted changes, or "unknown" for a build outside `dev.sh` (Package.swift passes the
/// commit dev.sh found in the environment variable KBENCH_GIT_COMMIT as a C define).
const char *kbench_build_commit(void);
