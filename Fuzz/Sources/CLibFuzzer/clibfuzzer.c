// Empty: the target only exports clibfuzzer.h (the driver lives in libFuzzer).
