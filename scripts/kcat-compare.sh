#!/usr/bin/env bash
# kbench produce vs kcat -P: the same messages, to the same embedded broker, alternately.
#
# Starts `kbench broker` in the background (its bootstrap address is the first line of its
# stdout), exports the message stream once (`kbench produce --export-messages`: key<TAB>value
# lines), then runs both producers ROUNDS times, alternating which goes first, each sending
# every message to the same topic and waiting for all delivery reports. Throughput = messages
# ÷ wall-clock time of the whole process (connection and final flush included) for both, so
# neither gets a head start. Prints each run, the median of each, and the ratio kbench ÷ kcat.
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

command -v kcat >/dev/null || { echo "kcat-compare: kcat not found (apt-get install -y kcat)" >&2; exit 1; }
kbench=${KBENCH:-.build/release/kbench}
if [ ! -x "$kbench" ]; then
    echo "kcat-compare: building $kbench" >&2
    swift build -c release --product kbench >&2
fi

work=$(mktemp -d)
broker_pid=""
cleanup() {
    if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
        kill -TERM "$broker_pid" && wait "$broker_pid" || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$kbench" broker --brokers "$brokers" --topic "$topic:$partitions" >"$work/broker.out" 2>"$work/broker.err" &
broker_pid=$!
for _ in $(seq 100); do [ -s "$work/broker.out" ] && break; sleep 0.05; done
bootstrap=$(head -1 "$work/broker.out")
[ -n "$bootstrap" ] || { echo "kcat-compare: the broker printed no address" >&2; cat "$work/broker.err" >&2; exit 1; }

produce_options=(--messages "$messages" --generate "$keys" --value-size "$value_size" --message-timeout 300s "${extra[@]}")
"$kbench" produce --export-messages "$work/messages.txt" "${produce_options[@]}"

now() { date +%s.%N; }
run_kcat() {
    local start end
    start=$(now)
    kcat -P -b "$bootstrap" -t "$topic" -K $'\t' -l "$work/messages.txt" -X log_level=0 -X message.timeout.ms=300000
    end=$(now)
    echo "$end - $start" | bc -l
}
run_kbench() {
    local start end
    start=$(now)
    "$kbench" produce --bootstrap "$bootstrap" --topic "$topic" "${produce_options[@]}" --format json >"$work/kbench.json" 2>/dev/null
    end=$(now)
    echo "$end - $start" | bc -l
}
rate() { echo "$messages / $1" | bc -l | xargs printf '%.0f'; }

echo "broker: $bootstrap ($brokers brokers, topic $topic with $partitions partitions)"
echo "messages: $messages, keys $keys, values $value_size bytes; $rounds rounds, alternating order"
kcat_rates=()
kbench_rates=()
for round in $(seq "$rounds"); do
    if [ $((round % 2)) = 1 ]; then
        t_kcat=$(run_kcat); t_kbench=$(run_kbench)
    else
        t_kbench=$(run_kbench); t_kcat=$(run_kcat)
    fi
    kcat_rates+=("$(rate "$t_kcat")")
    kbench_rates+=("$(rate "$t_kbench")")
    printf 'round %d: kcat %8s msg/s (%.3f s)   kbench %8s msg/s (%.3f s)\n' \
        "$round" "${kcat_rates[-1]}" "$t_kcat" "${kbench_rates[-1]}" "$t_kbench"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
kcat_median=$(median "${kcat_rates[@]}")
kbench_median=$(median "${kbench_rates[@]}")
ratio=$(echo "$kbench_median / $kcat_median" | bc -l | xargs printf '%.3f')
echo "median: kcat $kcat_median msg/s, kbench $kbench_median msg/s"
echo "ratio kbench/kcat: $ratio"
