#!/usr/bin/env python3
"""kafka-python's partition of keys, for kbench's inspect-message tests.

Usage: inspect_partition.py PARTITIONS HEX_KEY...
Prints one line per key: the murmur2 hash as unsigned hex and the partition kafka-python's
DefaultPartitioner picks among PARTITIONS partitions (all available).
"""
import sys

from kafka.partitioner.default import DefaultPartitioner, murmur2


class OneTopicCluster:
    """The slice of ClusterMetadata the partitioner reads: one topic, every partition up."""

    def __init__(self, count):
        self.partitions = set(range(count))

    def topics(self):
        return {"topic"}

    def partitions_for_topic(self, topic):
        return self.partitions

    def available_partitions_for_topic(self, topic):
        return self.partitions


def main():
    cluster = OneTopicCluster(int(sys.argv[1]))
    partitioner = DefaultPartitioner()
    for text in sys.argv[2:]:
        key = bytes.fromhex(text)
        partition = partitioner.partition("topic", key, key, None, None, cluster)
        print("%08x %d" % (murmur2(key) & 0xFFFFFFFF, partition))


if __name__ == "__main__":
    main()
