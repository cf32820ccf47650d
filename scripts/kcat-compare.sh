#!/usr/bin/env bash
# kbench produce vs kcat -P: the same messages, to the same embedded broker, alternately.
#
# Starts `kbench broker` in the background (its bootstrap address is the first line of its
# stdout), exports the message stream once (`kbench produce --export-messages`: key<TAB>value
# lines), then runs both producers ROUNDS times, alternating which goes first, each sending
# every message to the same topic and waiting for all delivery reports. Throughput = messages
# ÷ wall-clock time of the whole process (connection and final flush included) for both, so
# neither gets a head start. Prints each run, the median of each, the ratio kbench ÷ kcat of
# the medians and the median of the per-round ratios (each kbench run against the kcat run
# next to it: robust to a machine whose load drifts between rounds).
#
# Usage: scripts/kcat-compare.sh [MESSAGES] [ROUNDS] [-- extra kbench produce options]
#   env: KBENCH=path/to/kbench (default: .build/release/kbench, built if missing)
#        KEYS=seq:key-:100000  VALUE_SIZE=100  BROKERS=3  PARTITIONS=6
set -euo pipefail
cd "$(dirname "$0")/.."

messages=${1:-1000000}
rounds=${2:-5}
shift $(( $# > 2 ? 2 : $# )) || true
[ "${1:-}" = "--" ] && shift
extra=("$@")
keys=${KEYS:-seq:key-:100000}
value_size=${VALUE_SIZE:-100}
brokers=${BROKERS:-3}
partitions=${PARTITIONS:-6}
topic=kbench-vs-kcat

name=kcat-compare
# shellcheck source=lib/kcat-broker.sh
source scripts/lib/kcat-broker.sh

produce_options=(--messages "$messages" --generate "$keys" --value-size "$value_size" --message-timeout 300s "${extra[@]}")
"$kbench" produce --export-messages "$work/messages.txt" "${produce_options[@]}"

# Each run prints "wall-seconds cpu-seconds" (cpu = user + system of the producer process).
# The producer's own stdout goes to $work/out.
timed() {
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >"$work/out" 2>/dev/null || { echo "kcat-compare: $1 failed" >&2; exit 1; }
    awk '{printf "%s %.3f\n", $1, $2 + $3}' "$work/time"
}
run_kcat() {
    timed kcat -P -b "$bootstrap" -t "$topic" -K $'\t' -l "$work/messages.txt" -X log_level=0 -X message.timeout.ms=300000
}
run_kbench() {
    timed "$kbench" produce --bootstrap "$bootstrap" --topic "$topic" "${produce_options[@]}" --format json
}
rate() { echo "$messages / $1" | bc -l | xargs printf '%.0f'; }

echo "broker: $bootstrap ($brokers brokers, topic $topic with $partitions partitions)"
echo "messages: $messages, keys $keys, values $value_size bytes; $rounds rounds, alternating order"
kcat_rates=(); kbench_rates=(); kcat_cpu=(); kbench_cpu=(); round_ratios=(); round_cpu_ratios=()
for round in $(seq "$rounds"); do
    if [ $((round % 2)) = 1 ]; then
        read -r w_kcat c_kcat < <(run_kcat); read -r w_kbench c_kbench < <(run_kbench)
    else
        read -r w_kbench c_kbench < <(run_kbench); read -r w_kcat c_kcat < <(run_kcat)
    fi
    grep -q '"failed"' "$work/out" 2>/dev/null || [ $((round % 2)) = 0 ] || { echo "kcat-compare: kbench produced no report" >&2; exit 1; }
    kcat_rates+=("$(rate "$w_kcat")"); kbench_rates+=("$(rate "$w_kbench")")
    kcat_cpu+=("$(rate "$c_kcat")"); kbench_cpu+=("$(rate "$c_kbench")")
    round_ratios+=("$(echo "$w_kcat / $w_kbench" | bc -l)"); round_cpu_ratios+=("$(echo "$c_kcat / $c_kbench" | bc -l)")
    printf 'round %d: kcat %8s msg/s (%s s wall, %s s cpu)   kbench %8s msg/s (%s s wall, %s s cpu)\n' \
        "$round" "${kcat_rates[-1]}" "$w_kcat" "$c_kcat" "${kbench_rates[-1]}" "$w_kbench" "$c_kbench"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
kcat_median=$(median "${kcat_rates[@]}")
kbench_median=$(median "${kbench_rates[@]}")
ratio=$(echo "$kbench_median / $kcat_median" | bc -l | xargs printf '%.3f')
cpu_ratio=$(echo "$(median "${kbench_cpu[@]}") / $(median "${kcat_cpu[@]}")" | bc -l | xargs printf '%.3f')
echo "median wall-clock throughput: kcat $kcat_median msg/s, kbench $kbench_median msg/s"
echo "median messages per CPU-second: kcat $(median "${kcat_cpu[@]}"), kbench $(median "${kbench_cpu[@]}")"
echo "ratio kbench/kcat (wall-clock throughput): $ratio"
echo "ratio kbench/kcat (messages per CPU-second of the producer process): $cpu_ratio"
echo "median of per-round ratios kbench/kcat: wall-clock $(median "${round_ratios[@]}" | xargs printf '%.3f'), per CPU-second $(median "${round_cpu_ratios[@]}" | xargs printf '%.3f')"
