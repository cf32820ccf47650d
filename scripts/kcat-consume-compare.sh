#!/usr/bin/env bash
# kbench consume vs kcat -C -e: the same topic, on the same embedded broker, alternately.
#
# Starts `kbench broker` in the background with a topic, writes MESSAGES records to it once
# (`kbench produce --bootstrap`), then reads the whole topic ROUNDS times with each reader,
# alternating which goes first: `kcat -C -e -o beginning` (its records counted from its
# output) and `kbench consume --bootstrap` (no group, from the beginning, --format json).
# Both must read exactly MESSAGES records. Throughput = records ÷ wall-clock time of the whole
# process (connection included) for both; kbench's own figure (first fetch to last record)
# is printed beside it. Prints each round, the medians and the ratio kbench ÷ kcat.
#
# The broker is librdkafka's mock cluster: it keeps the newest 5 MiB per partition, so the
# defaults (16-byte values, 12 partitions) keep 1M records whole.
#
# Usage: scripts/kcat-consume-compare.sh [MESSAGES] [ROUNDS]
#   env: KBENCH=path/to/kbench (default: .build/release/kbench, built if missing)
#        VALUE_SIZE=16  BROKERS=3  PARTITIONS=12
set -euo pipefail
cd "$(dirname "$0")/.."

messages=${1:-1000000}
rounds=${2:-3}
value_size=${VALUE_SIZE:-16}
brokers=${BROKERS:-3}
partitions=${PARTITIONS:-12}
topic=kbench-consume-vs-kcat

command -v jq >/dev/null || { echo "kcat-consume-compare: jq not found (apt-get install -y jq)" >&2; exit 1; }
name=kcat-consume-compare
# shellcheck source=lib/kcat-broker.sh
source scripts/lib/kcat-broker.sh

"$kbench" produce --bootstrap "$bootstrap" --topic "$topic" --messages "$messages" --value-size "$value_size" --format json >/dev/null

# Each run leaves "wall-seconds" in $work/wall and the reader's stdout in $work/out.
timed() {
    /usr/bin/time -f "%e" -o "$work/wall" "$@" >"$work/out" 2>"$work/err" || { echo "kcat-consume-compare: $1 failed: $(tail -1 "$work/err")" >&2; exit 1; }
}
run_kcat() {
    timed kcat -C -e -q -b "$bootstrap" -t "$topic" -o beginning -f '\n' -X log_level=0
    kcat_count=$(wc -l <"$work/out")
}
run_kbench() {
    timed "$kbench" consume --bootstrap "$bootstrap" --topic "$topic" --format json
    kbench_count=$(jq '.consume.records' "$work/out")
    kbench_own=$(jq '.consume.records / .consume.elapsedSeconds | floor' "$work/out")
}
rate() { echo "$messages / $1" | bc -l | xargs printf '%.0f'; }

echo "broker: $bootstrap ($brokers brokers, topic $topic with $partitions partitions), $messages records of $value_size bytes"
kcat_rates=(); kbench_rates=()
for round in $(seq "$rounds"); do
    if [ $((round % 2)) = 1 ]; then
        run_kcat; w_kcat=$(cat "$work/wall"); run_kbench; w_kbench=$(cat "$work/wall")
    else
        run_kbench; w_kbench=$(cat "$work/wall"); run_kcat; w_kcat=$(cat "$work/wall")
    fi
    [ "$kcat_count" = "$messages" ] || { echo "kcat-consume-compare: kcat read $kcat_count of $messages records" >&2; exit 1; }
    [ "$kbench_count" = "$messages" ] || { echo "kcat-consume-compare: kbench read $kbench_count of $messages records" >&2; exit 1; }
    kcat_rates+=("$(rate "$w_kcat")"); kbench_rates+=("$(rate "$w_kbench")")
    printf 'round %d: kcat %9s rec/s (%s s wall)   kbench %9s rec/s (%s s wall; its own figure %s rec/s)\n' \
        "$round" "${kcat_rates[-1]}" "$w_kcat" "${kbench_rates[-1]}" "$w_kbench" "$kbench_own"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
kcat_median=$(median "${kcat_rates[@]}")
kbench_median=$(median "${kbench_rates[@]}")
echo "both read exactly $messages records every round"
echo "median wall-clock throughput: kcat $kcat_median rec/s, kbench $kbench_median rec/s"
echo "ratio kbench/kcat (wall-clock throughput): $(echo "$kbench_median / $kcat_median" | bc -l | xargs printf '%.3f')"
