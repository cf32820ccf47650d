"""Write keyed records with confluent-kafka to partitions chosen by the caller, not by a hash.

Usage: produce_explicit_partitions.py BOOTSTRAP TOPIC COUNT

Record i has the key "k<i>-" followed by i % 17 letters "x" (every 10th key starts with
the terminal escape sequence ESC [ 2 J, "clear screen", which reports must not pass through
raw) and goes to partition len(key) % (the topic's partition count): a placement no client
partitioner makes, for `kbench audit` to call unexplained. Prints the number of records
delivered.
"""
import sys

from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient


def main() -> int:
    bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    # A metadata request for all topics: the topic is never auto-created here.
    topics = AdminClient({"bootstrap.servers": bootstrap, "log_level": 0}).list_topics(timeout=20).topics
    if topic not in topics:
        print(f"topic {topic} does not exist", file=sys.stderr)
        return 1
    partitions = len(topics[topic].partitions)
    producer = Producer({"bootstrap.servers": bootstrap, "log_level": 0, "linger.ms": 5})
    delivered = 0

    def on_delivery(error, _message):
        nonlocal delivered
        if error is None:
            delivered += 1

    for index in range(count):
        key = ("\x1b[2J" if index % 10 == 0 else "") + f"k{index}-" + "x" * (index % 17)
        while True:
            try:
                producer.produce(topic, key=key.encode(), value=None, partition=len(key) % partitions, on_delivery=on_delivery)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
    producer.flush(20)
    print(delivered)
    return 0 if delivered == count else 1


if __name__ == "__main__":
    sys.exit(main())
