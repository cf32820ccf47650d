# Shared by the kcat comparison scripts (sourced, not run): checks for kcat, builds kbench when
# missing, makes a work folder, starts `kbench broker` in the background with one topic and
# removes both on exit.
#   needs: name (the script's, for messages), brokers, topic, partitions
#   sets:  kbench (KBENCH or .build/release/kbench), work, bootstrap

command -v kcat >/dev/null || { echo "$name: kcat not found (apt-get install -y kcat)" >&2; exit 1; }
kbench=${KBENCH:-.build/release/kbench}
if [ ! -x "$kbench" ]; then
    echo "$name: building $kbench" >&2
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
[ -n "$bootstrap" ] || { echo "$name: the broker printed no address" >&2; cat "$work/broker.err" >&2; exit 1; }
