"""Consume a topic with confluent-kafka (librdkafka's Python client, not kbench's code).

Usage: live_consume.py BOOTSTRAP TOPIC COUNT [TIMEOUT_SECONDS]

Reads every partition from the beginning until COUNT records arrived (or the timeout passed:
exit 1), then prints one JSON object per record, sorted by partition and offset:
{"partition": p, "offset": o, "key": hex or null, "value": hex or null,
 "headers": [[name, hex or null], ...], "timestamp": ms}.
"""
import json
import sys
import time

from confluent_kafka import Consumer, TopicPartition


def main() -> int:
    bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 20.0
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": "kbench-live-consume",
        "enable.auto.commit": False,
        "log_level": 0,
    })
    metadata = consumer.list_topics(topic, timeout=timeout)
    partitions = sorted(metadata.topics[topic].partitions)
    consumer.assign([TopicPartition(topic, p, 0) for p in partitions])
    records = []
    deadline = time.monotonic() + timeout
    while len(records) < count and time.monotonic() < deadline:
        message = consumer.poll(0.2)
        if message is None:
            continue
        if message.error():
            print(f"consume error: {message.error()}", file=sys.stderr)
            return 1
        key, value = message.key(), message.value()
        records.append({
            "partition": message.partition(),
            "offset": message.offset(),
            "key": None if key is None else key.hex(),
            "value": None if value is None else value.hex(),
            "headers": [[name, None if v is None else v.hex()] for name, v in (message.headers() or [])],
            "timestamp": message.timestamp()[1],
        })
    consumer.close()
    if len(records) < count:
        print(f"only {len(records)} of {count} records within {timeout} s", file=sys.stderr)
        return 1
    records.sort(key=lambda r: (r["partition"], r["offset"]))
    for record in records:
        print(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
