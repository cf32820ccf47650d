"""Print the cluster's topics, one per line, with confluent-kafka (a metadata request for all
topics, which never auto-creates one).

Usage: list_topics.py BOOTSTRAP
"""
import sys

from confluent_kafka.admin import AdminClient


def main() -> int:
    topics = AdminClient({"bootstrap.servers": sys.argv[1], "log_level": 0}).list_topics(timeout=20).topics
    for name in sorted(topics):
        print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
