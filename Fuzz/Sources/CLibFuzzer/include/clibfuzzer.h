// libFuzzer's driver entry point (compiler-rt, FuzzerInterface.h), linked by -sanitize=fuzzer.
//
// SwiftPM links every executable with `--defsym main=<Module>_main`, so each fuzz target
// defines `<Module>_main` and hands over to this driver instead of libFuzzer's own main.
#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the command line and the test callback.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
