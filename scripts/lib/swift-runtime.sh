# The shared libraries of the Swift runtime, Foundation and Dispatch, as an extended regular
# expression over `ldd` output: a statically linked kbench loads none of them. Sourced by
# scripts/package.sh (checks the build) and scripts/package-test.sh (checks the installed binary).
swift_runtime_libraries='libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime'
