#!/usr/bin/env bash
# Instructions per key, kbench vs librdkafka, counted by valgrind's callgrind: a count that
# does not depend on the machine's load or clock (hardware counters are not exposed in most
# VMs: `perf stat -e instructions` says "not supported" here). Prints a Markdown table.
#
# Usage: scripts/hash-instructions.sh [KBENCH] [SIZES] [FUNCTIONS]
#   KBENCH     an optimised kbench (default .build/release/kbench)
#   SIZES      key sizes in bytes, comma-separated (default 8,16,32,64,256,1024,4096)
#   FUNCTIONS  murmur2, crc32, fnv1a, comma-separated (default all three)
#   env: HASH_BATCH_KEYS  keys per batch-mode run (default 4096)
#
# Per function and size, one `kbench hash --min-time 0` runs under callgrind; the instructions
# of the four timed loops (kbench's one-key loop, librdkafka's partitioner per key over the same
# keys; BatchHasher.partition, librdkafka per key over the batch's keys) are summed over their
# calls from HashStudy.measure (the verification before timing is left out) and divided by the
# keys those calls hashed. Valgrind runs the code it can decode: it hides AVX-512 from the CPU
# probe, so the batch column counts the AVX2 kernel (16-key AVX-512 groups execute fewer).
set -euo pipefail
kbench=${1:-.build/release/kbench}
sizes=${2:-8,16,32,64,256,1024,4096}
functions=${3:-murmur2,crc32,fnv1a}
batch_keys=${HASH_BATCH_KEYS:-4096}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v valgrind >/dev/null || { echo "hash-instructions: valgrind is not installed" >&2; exit 1; }
# Valgrind 3.19 cannot read the DWARF 5 the Swift toolchain writes: count a copy without it.
strip --strip-debug -o "$work/kbench" "$kbench"

echo "| function | key size | kbench one-key (instr/key) | librdkafka (instr/key) | ratio | kbench batch (instr/key) | librdkafka per key over the batch (instr/key) | ratio |"
echo "| :-- | --: | --: | --: | --: | --: | --: | --: |"
for function in ${functions//,/ }; do
    for size in ${sizes//,/ }; do
        valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/kbench" hash \
            --functions "$function" --sizes "$size" --min-time 0 --batch-keys "$batch_keys" --format csv \
            > "$work/hash.csv" 2>/dev/null
        # keys/run of the single and batch rows (CSV: mode,key size,keys/run,...).
        single_keys=$(awk -F, '$1 == "single" { print $3 }' "$work/hash.csv")
        batch_keys_run=$(awk -F, '$1 == "batch" { print $3 }' "$work/hash.csv")
        python3 "$here/callgrind/calls.py" "$work/callgrind.out" 'HashStudy.*measure' \
            'SingleKeyLoopO3run_' 'SingleKeyLoopO4runC.*4base' 'BatchHasherO9partition.*4keys' 'SingleKeyLoopO4runC.*4keys' \
            > "$work/calls.txt"
        awk -v f="$function" -v s="$size" -v sk="$single_keys" -v bk="$batch_keys_run" '
            { calls[NR] = $2; cost[NR] = $3 }
            END {
                for (i = 1; i <= 4; i++) per[i] = calls[i] > 0 ? cost[i] / (calls[i] * (i <= 2 ? sk : bk)) : 0
                single_ratio = per[1] > 0 ? per[2] / per[1] : 0
                batch_ratio = per[3] > 0 ? per[4] / per[3] : 0
                printf "| %s | %d B | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f |\n", f, s, per[1], per[2], single_ratio, per[3], per[4], batch_ratio
            }' "$work/calls.txt"
    done
done
echo
echo "ratio = librdkafka instructions ÷ kbench instructions (above 1: kbench executes fewer)."
