#!/usr/bin/env bash
# kbench's entry point on a fresh Debian machine. Each command installs what is missing first.
#   ./dev.sh report   build (release) and run the main job: `kbench report` on embedded defaults
#                     (into results/, with results/instructions/: decoding small batches counted
#                     by callgrind, scripts/decode-instructions.sh)
#   ./dev.sh test     run every test (Swift Testing suites, Python interop included), build the
#                     DocC catalogs, run the CLI suites and every README/--help example against the
#                     release build, build the benchmark suites, then run the decoder, partitioner
#                     and compression suites again under AddressSanitizer
#   ./dev.sh sanitize address|thread [swift test args…]
#                     every test (or the given filter) under ASan or TSan (.build-asan, .build-tsan)
#   ./dev.sh docs     build the libraries' DocC catalogs, warnings as errors (.build/docs/)
#   ./dev.sh build    build the release binary only (.build/release/kbench)
#   ./dev.sh screenshots [DIR]
#                     the top of DIR/index.html (default results/) in headless Chromium at
#                     1280 px and 390 px → DIR/screenshot-1280.png, DIR/screenshot-390.png
#   ./dev.sh package  the .deb and the tarball people install without a Swift toolchain
#                     (static Swift runtime and Foundation, man page, completions) → dist/
#   ./dev.sh package-test
#                     install dist/'s .deb into a fresh debootstrap'd Debian and run kbench there,
#                     lintian the .deb (root or sudo; several minutes: see README, Install)
set -euo pipefail
cd "$(dirname "$0")"

command -v swift >/dev/null || { echo "dev.sh: swift not found on PATH (Swift 6.3 or later is needed)" >&2; exit 1; }

# The commit `kbench --version` names, compiled in by the release builds below (Package.swift
# reads KBENCH_GIT_COMMIT; "-dirty" when tracked files have changes). Without git: "unknown".
export_git_commit() {
    local commit
    commit=$(git rev-parse HEAD 2>/dev/null) || return 0
    git diff --quiet HEAD 2>/dev/null || commit+=-dirty
    export KBENCH_GIT_COMMIT=$commit
}

# The suites CI also runs under AddressSanitizer: every decoder of untrusted bytes and the partitioners.
asan_ci_suites='KafkaRecordsTests|KafkaPartitioningTests|KafkaCompressionTests'

# Builds the tests and kbench under a sanitizer (address|thread) in their own scratch path, then
# runs `swift test` there with the remaining arguments. The CLI tests spawn the kbench binary
# next to the test bundle, so child processes are instrumented too.
#   address: LeakSanitizer is off: on Linux it cannot follow Swift's tagged pointers (spare-bit
#            enum payloads, refcount side tables) and reports reachable memory, even with zero
#            tests (llvm/llvm-project#56751, swiftlang/swift-corelibs-xctest#534). Every memory
#            error (overflow, use after free, double free…) still aborts the run.
#   thread:  librdkafka's C11 threads and locks bypass TSan's interceptors (the runtime crashes
#            on its first thread) and a contended Synchronization.Mutex is taken by the kernel;
#            scripts/sanitizers/tsan-preload.c, preloaded into the tests and the kbench
#            processes they start, shows both to TSan (see its header).
# Options already in ASAN_OPTIONS come last and win.
sanitized_tests() {
    local sanitizer=$1 scratch preload=
    shift
    case "$sanitizer" in
    address)
        scratch=.build-asan
        export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
        ;;
    thread)
        scratch=.build-tsan
        preload=$PWD/$scratch/libtsan-preload.so
        mkdir -p "$scratch"
        clang -O1 -Wall -Wextra -Werror -shared -fPIC scripts/sanitizers/tsan-preload.c -o "$preload"
        ;;
    *)
        echo "dev.sh: sanitize takes address or thread, not '$sanitizer'" >&2
        return 2
        ;;
    esac
    # ld.gold warns once per ASan register helper it cannot export: harmless, hundreds of lines.
    swift build --build-tests --scratch-path "$scratch" --sanitize "$sanitizer" 2>&1 |
        sed "/ld.gold: warning: Cannot export local symbol '__asan/d"
    LD_PRELOAD="$preload${LD_PRELOAD:+ $LD_PRELOAD}" swift test --skip-build --scratch-path "$scratch" --sanitize "$sanitizer" "$@"
}

# The DocC catalogs of the libraries (Sources/<library>/<library>.docc), built with the
# toolchain's docc from the symbol graphs of the debug build (reused when it is up to date).
# Any warning fails: a broken symbol link, an undocumented parameter. The worked examples in
# the catalogs are compiled and run by the test suites (ArticleExampleTests).
# Archives: .build/docs/<library>.doccarchive (`docc preview` serves a catalog while you edit).
documented_libraries='KafkaRecords KafkaPartitioning KafkaCompression'
build_docs() {
    local docc graphs library
    docc=$(command -v docc || echo "$(dirname "$(command -v swift)")/docc")
    graphs=$(swift package dump-symbol-graph --minimum-access-level public --skip-synthesized-members |
        sed -n 's/^Files written to //p')
    [[ -d "$graphs" ]] || { echo "dev.sh: swift package dump-symbol-graph wrote no symbol graphs" >&2; return 1; }
    for library in $documented_libraries; do
        # Only the library's own graphs: other modules' extensions of it are not its API.
        rm -rf ".build/docs/$library.symbolgraphs"
        mkdir -p ".build/docs/$library.symbolgraphs"
        cp "$graphs/$library.symbols.json" ".build/docs/$library.symbolgraphs/"
        for extension in "$graphs/$library"@*.symbols.json; do
            [[ ! -e "$extension" ]] || cp "$extension" ".build/docs/$library.symbolgraphs/"
        done
        "$docc" convert "Sources/$library/$library.docc" \
            --additional-symbol-graph-dir ".build/docs/$library.symbolgraphs" \
            --output-path ".build/docs/$library.doccarchive" \
            --fallback-display-name "$library" --fallback-bundle-identifier "kbench.$library" \
            --warnings-as-errors
    done
}

# The top of DIR/index.html at a laptop's and a phone's width, through the browser check the
# tests use (Tests/python/browser_check.py: standard library only, Chromium over its pipe).
take_screenshots() {
    python3 Tests/python/browser_check.py "$1/index.html" 1280 390 --screenshot-dir "$1" >/dev/null
    echo "dev.sh: $1/screenshot-1280.png, $1/screenshot-390.png" >&2
}

case "${1:-}" in
report)
    shift
    scripts/setup.sh --no-python
    export_git_commit
    swift build -c release --product kbench
    if [[ $# -eq 0 ]]; then
        # Issue 21's decoding target, counted in instructions (valgrind comes with setup.sh);
        # first, so that the contents pages kbench report writes link it.
        mkdir -p results/instructions
        scripts/decode-instructions.sh --document .build/release/kbench > results/instructions/README.md.new
        mv results/instructions/README.md.new results/instructions/README.md
    fi
    .build/release/kbench report "$@"
    # The README shows the top of results/index.html: retake it when results/ was rewritten.
    if [[ $# -eq 0 ]]; then
        if command -v chromium >/dev/null; then take_screenshots results
        else echo "dev.sh: chromium not installed: results/screenshot-*.png not retaken (./dev.sh screenshots)" >&2
        fi
    fi
    ;;
screenshots)
    scripts/setup.sh --no-python --browser
    take_screenshots "${2:-results}"
    ;;
test)
    shift
    scripts/setup.sh
    swift build --build-tests
    # The documented examples start whole studies: they run once, against the release build below.
    swift test --skip-build --skip DocumentedExamplesTests "$@"
    echo "dev.sh: the libraries' DocC catalogs, warnings as errors" >&2
    build_docs
    # What users run is the release build: the CLI suites again against it (a release-only crash
    # once slipped past the debug run), with every README and --help example.
    echo "dev.sh: the CLI suites and every documented example against the release build" >&2
    swift build -c release --product kbench
    # The examples start whole studies: alone, so they do not starve the timed chat/terminal tests.
    KBENCH_BINARY="$PWD/.build/release/kbench" swift test --skip-build --filter KBenchCLITests --skip DocumentedExamplesTests
    KBENCH_BINARY="$PWD/.build/release/kbench" swift test --skip-build --filter DocumentedExamplesTests
    # Nothing runs the package-benchmark suites in CI (their figures need a quiet machine), so
    # at least make sure they still compile against the library as it is now.
    echo "dev.sh: the package-benchmark suites (Benchmarks/) still compile" >&2
    swift build --package-path Benchmarks --scratch-path .build-benchmarks
    echo "dev.sh: decoder, partitioner and compression suites under AddressSanitizer" >&2
    sanitized_tests address --filter "$asan_ci_suites"
    ;;
sanitize)
    shift
    scripts/setup.sh
    sanitized_tests "${1:-}" "${@:2}"
    ;;
docs)
    scripts/setup.sh --no-python
    build_docs
    ;;
build)
    scripts/setup.sh --no-python
    export_git_commit
    exec swift build -c release --product kbench
    ;;
package)
    export_git_commit
    exec scripts/package.sh
    ;;
package-test)
    exec scripts/package-test.sh "${@:2}"
    ;;
*)
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
