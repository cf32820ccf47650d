#!/usr/bin/env bash
# Instructions per key line of `kbench partitions --keys FILE` (one strategy), counted by
# valgrind's callgrind: a figure that does not depend on the machine's load or clock.
#
# Usage: scripts/keyfile-instructions.sh [KBENCH] [LINES] [STRATEGY]
#   KBENCH    an optimised kbench (default .build/release/kbench)
#   LINES     key lines of the smaller file (default 1000000); the larger has twice as many
#   STRATEGY  --partitioner value (default java)
#
# Two files of distinct 18-byte lines (`key-` and 13 digits), LINES and 2 × LINES long, each
# studied once under callgrind with -n 12; the difference of the two totals over LINES is the
# cost per key line with start-up, report rendering and exit cancelled out. The functions that
# cost most per line follow (self cost, the same difference). Valgrind hides AVX-512 from the
# CPU probe, so the batch hashing counted is the AVX2 kernel.
set -euo pipefail
kbench=${1:-.build/release/kbench}
lines=${2:-1000000}
strategy=${3:-java}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v valgrind >/dev/null || { echo "keyfile-instructions: valgrind is not installed" >&2; exit 1; }
# Valgrind 3.19 cannot read the DWARF 5 the Swift toolchain writes: count a copy without it.
strip --strip-debug -o "$work/kbench" "$kbench"
awk -v n="$((2 * lines))" 'BEGIN { x = 12345; for (i = 0; i < n; i++) { x = (x * 1103515245 + 12345) % 2147483648; printf "key-%06d%07d\n", x % 1000000, i } }' > "$work/large.txt"
head -n "$lines" "$work/large.txt" > "$work/small.txt"
for size in small large; do
    valgrind --tool=callgrind --callgrind-out-file="$work/$size.out" "$work/kbench" partitions --keys "$work/$size.txt" \
        -n 12 --partitioner "$strategy" --format json > /dev/null 2> "$work/$size.err"
done
total() { awk '/^summary:|^totals:/ { print $2; exit }' "$1"; }
small=$(total "$work/small.out")
large=$(total "$work/large.out")
echo "kbench partitions --keys FILE -n 12 --partitioner $strategy: $(( (large - small) / lines )) instructions per key line ($lines vs $((2 * lines)) lines of 18 B)"
echo
echo "| function (self cost) | instructions per key line |"
echo "| :-- | --: |"
for size in small large; do
    callgrind_annotate --inclusive=no "$work/$size.out" > "$work/$size.fn" 2>/dev/null
done
python3 - "$work/small.fn" "$work/large.fn" "$lines" <<'PY' | while IFS=$'\t' read -r per name; do
import re, sys
def costs(path):
    table = {}
    for line in open(path):
        match = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+\S*?:(.+?)\s+\[", line)
        if match:
            table[match.group(2)] = int(match.group(1).replace(",", ""))
    return table
small, large, lines = costs(sys.argv[1]), costs(sys.argv[2]), int(sys.argv[3])
rows = sorted(((large[name] - small.get(name, 0)) / lines, name) for name in large)
for per, name in reversed(rows[-12:]):
    if per >= 1:
        print(f"{per:.1f}\t{name}")
PY
    short=$name
    [[ $name == \$s* ]] && short=$(swift demangle --simplified --compact "$name" 2>/dev/null || echo "$name")
    short=${short:0:120}
    echo "| \`$short\` | $per |"
done
