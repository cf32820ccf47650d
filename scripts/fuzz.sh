#!/usr/bin/env bash
# Builds kbench's libFuzzer targets (Fuzz/, release, -sanitize=fuzzer,address) and runs each
# for SECONDS on a copy of its seed corpus, then prints one line per target.
#
# Usage: scripts/fuzz.sh TARGET|all [SECONDS]        (default 600 s per target)
#   TARGET: FuzzRecordBatch FuzzLogSegment FuzzGzip FuzzSnappy FuzzLZ4 FuzzZstd FuzzVarint
#           FuzzKeyFile FuzzTerminalText FuzzLegacyMessages FuzzControlRecord FuzzInternalTopics
#           FuzzProducerSnapshot FuzzStorageIndex FuzzCheckpoint (several may be given, comma-separated)
#   env: FUZZ_JOBS=N            targets run at a time (default 1; each uses one core)
#        FUZZ_SCRATCH=dir       build and run folder (default .build-fuzz, not committed)
#        FUZZ_MALLOC_LIMIT_MB   one allocation above this is a finding (default 12: the
#                               targets' decompression ceiling is 8 MiB)
#        FUZZ_RSS_LIMIT_MB      resident memory above this is a finding (default 1024: ASan
#                               and libFuzzer alone take ~200 MB)
#        FUZZ_TIMEOUT           seconds one input may take before it is a hang (default 10)
#        FUZZ_NO_BUILD=1        run the binaries already built
#
# Per target, under $FUZZ_SCRATCH/runs/<Target>/: corpus/ (the work corpus: the seeds from
# Fuzz/Corpus/<Target> plus what libFuzzer found), artifacts/ (crash-*, timeout-*, oom-*,
# leak-* inputs that triggered a finding), fuzz.log (libFuzzer's output). Re-running reuses
# the work corpus. Reproduce a finding: .build-fuzz/release/<Target> <artifact file>.
# Exit status 1 when any target reported a finding.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

all_targets=(FuzzRecordBatch FuzzLogSegment FuzzGzip FuzzSnappy FuzzLZ4 FuzzZstd FuzzVarint FuzzKeyFile FuzzTerminalText FuzzProducerSnapshot FuzzStorageIndex FuzzCheckpoint FuzzLegacyMessages FuzzControlRecord FuzzInternalTopics)
usage() { echo "usage: scripts/fuzz.sh TARGET|all [SECONDS]  (targets: ${all_targets[*]})" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
seconds=${2:-600}
[[ "$seconds" =~ ^[0-9]+$ ]] || usage
if [ "$1" = all ]; then
    targets=("${all_targets[@]}")
else
    IFS=, read -r -a targets <<< "$1"
    for target in "${targets[@]}"; do
        [[ " ${all_targets[*]} " == *" $target "* ]] || { echo "fuzz.sh: unknown target $target" >&2; usage; }
    done
fi
jobs=${FUZZ_JOBS:-1}
scratch=${FUZZ_SCRATCH:-$root/.build-fuzz}
malloc_limit=${FUZZ_MALLOC_LIMIT_MB:-12}
rss_limit=${FUZZ_RSS_LIMIT_MB:-1024}
timeout=${FUZZ_TIMEOUT:-10}
bin=$scratch/release

if [ -z "${FUZZ_NO_BUILD:-}" ]; then
    for target in "${targets[@]}"; do
        echo "fuzz.sh: building $target" >&2
        (cd Fuzz && swift build -c release --scratch-path "$scratch" \
            -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product "$target" 2>&1 \
            | { grep -v "Cannot export local symbol '__asan_extra_spill_area'" >&2 || true; })
    done
fi

# Runs one target: work corpus seeded from Fuzz/Corpus, findings into artifacts/.
run() {
    local target=$1 dir=$scratch/runs/$1
    mkdir -p "$dir/corpus" "$dir/artifacts"
    cp -n Fuzz/Corpus/"$target"/* "$dir/corpus/" 2>/dev/null || true
    # A small ASan quarantine keeps the resident size meaningful next to -rss_limit_mb.
    ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=32:detect_leaks=1} \
        "$bin/$target" "$dir/corpus" \
        -max_total_time="$seconds" -timeout="$timeout" \
        -rss_limit_mb="$rss_limit" -malloc_limit_mb="$malloc_limit" \
        -artifact_prefix="$dir/artifacts/" -print_final_stats=1 \
        > "$dir/fuzz.log" 2>&1 || true
}

# One line per target from libFuzzer's final statistics and the run folder.
report() {
    local target=$1 dir=$scratch/runs/$1
    local log=$dir/fuzz.log
    final_stat() { grep -m1 "^stat::$1:" "$log" 2>/dev/null | awk '{print $2}'; }
    local findings files bytes
    findings=$(find "$dir/artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) -newer "$dir/started" | wc -l)
    files=$(find "$dir/corpus" -type f | wc -l)
    bytes=$(du -sb "$dir/corpus" | awk '{print $1}')
    printf '%-16s %12s %8s %8s %10s %9s %8s  %s\n' "$target" "$(final_stat number_of_executed_units)" \
        "$(final_stat average_exec_per_sec)" "$files" "$bytes" "$(final_stat peak_rss_mb)" "$findings" \
        "$( [ "$findings" -gt 0 ] && grep -m1 -E '^==[0-9]+==ERROR|^SUMMARY|fuzz finding|Fatal error|out-of-memory|timeout' "$log" | cut -c1-120 )"
    [ "$findings" -eq 0 ]
}

echo "fuzz.sh: ${#targets[@]} target(s), ${seconds} s each, $jobs at a time; malloc limit ${malloc_limit} MB, rss limit ${rss_limit} MB, timeout ${timeout} s" >&2
running=0
for target in "${targets[@]}"; do
    mkdir -p "$scratch/runs/$target"
    touch "$scratch/runs/$target/started"
    run "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

status=0
printf '%-16s %12s %8s %8s %10s %9s %8s  %s\n' target executions exec/s corpus "corpus B" "peak MB" findings first-error
for target in "${targets[@]}"; do
    report "$target" || status=1
done
exit $status
