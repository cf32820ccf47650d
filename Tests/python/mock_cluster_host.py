"""Host a librdkafka mock cluster from confluent-kafka's bundled librdkafka (newer than the
2.0.2 kbench links: its mock writes transaction control batches (commit/abort markers), but,
like 2.0.2's, its Fetch names no aborted transaction, so read_committed consumers still read
aborted records; only a Kafka broker hides them).

The mock listens on real loopback ports. Prints the bootstrap (host:port,…) on one line, then
stays alive until standard input closes.

Usage: mock_cluster_host.py [BROKERS]
Needs: pip install confluent-kafka (scripts/python-requirements.txt).
"""
import sys

try:
    from confluent_kafka import Producer
except ImportError:
    sys.stderr.write("confluent-kafka missing: pip install confluent-kafka (scripts/python-requirements.txt)\n")
    sys.exit(3)


def main() -> int:
    brokers = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    host = Producer({"test.mock.num.brokers": brokers, "log_level": 3})
    metadata = host.list_topics(timeout=10)
    bootstrap = ",".join(f"{broker.host}:{broker.port}" for broker in sorted(metadata.brokers.values(), key=lambda b: b.id))
    if not bootstrap:
        sys.stderr.write("the mock cluster named no broker\n")
        return 1
    print(bootstrap, flush=True)
    sys.stdin.read()
    return 0


if __name__ == "__main__":
    sys.exit(main())
