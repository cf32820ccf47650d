#!/usr/bin/env python3
"""Writes kbench's sample broker data directory (results/samples/kafka-logs/).

Usage: storage_make_samples.py OUTPUT_DIR      (OUTPUT_DIR is replaced)

What a broker with `log.dirs=OUTPUT_DIR` leaves after a clean shutdown:

  meta.properties               the log directory's identity (KRaft, version 1)
  orders-0/                     topic `orders`, partition 0, `index.interval.bytes=256`:
    00000000000000000000.log    message format v1 (an upgraded topic): 6 uncompressed messages,
                                then a gzip wrapper of 4 inner messages (relative inner offsets,
                                wrapper offset and timestamp rewritten as the broker does)
    00000000000000000010.log    RecordBatch v2: plain batches (one lz4), an idempotent producer,
                                a transaction committed (producer 3000) and one aborted
                                (producer 4000), each closed by a control batch
    00000000000000000033.log    the active segment: more batches, and producer 5000's
                                transaction still open at shutdown
    *.index, *.timeindex        written by Kafka's rules (below), trimmed at shutdown
    00000000000000000010.txnindex  the aborted transaction (Kafka's TransactionIndex)
    *.snapshot                  producer state at each roll and at shutdown
    leader-epoch-checkpoint     epochs 0, 1, 2 and where they start
    partition.metadata          the topic id
  __consumer_offsets-0/         group `billing`: offset commits (key v1, value v3), its group
                                metadata (key v2, value v3, one member), then a tombstone for
                                a deleted partition's commit

Builders: kafka-python 3.0.12's LegacyRecordBatchBuilder (v1 messages, the gzip wrapper) and
DefaultRecordBatchBuilder (v2 batches). kafka-python writes no control batches, indexes,
snapshots or checkpoints: those follow Apache Kafka's definitions (apache/kafka, trunk 2024):
  - control batch: attributes bit 5, key `version int16 0, type int16 (0 ABORT, 1 COMMIT)`,
    value `version int16 0, coordinatorEpoch int32` (clients ControlRecordType.java,
    EndTransactionMarker.java); CRC-32C recomputed over bytes 21..end.
  - .index / .timeindex: LogSegment.append adds an entry when more than index.interval.bytes
    were appended since the last one: offset index (last offset of the append, its position),
    time index (max timestamp so far, offset of the batch holding it, only when it grows);
    onBecomeInactiveSegment/close append the time index's final entry (storage LogSegment.java,
    OffsetIndex.java, TimeIndex.java). Here every batch is its own append.
  - .snapshot: ProducerSnapshot.json v1 with its CRC-32C (ProducerStateManager.writeSnapshot),
    one per segment roll (named after the new segment's base offset) and one at shutdown.
  - .txnindex: TransactionIndex.java (version int16 0, producerId, firstOffset, lastOffset,
    lastStableOffset).
  - leader-epoch-checkpoint: CheckpointFile (version 0, count, `epoch startOffset` lines).
  - partition.metadata: PartitionMetadata.encode (`version: 0`, `topic_id: <base64 uuid>`).
  - __consumer_offsets records: group-coordinator OffsetCommitKey/Value and
    GroupMetadataKey/Value JSON schemas (non-flexible versions, int16-length strings).
"""
import base64
import shutil
import struct
import sys
import zlib
from pathlib import Path

from kafka.record._crc32c import crc as crc32c
from kafka.record.default_records import DefaultRecordBatchBuilder
from kafka.record.legacy_records import LegacyRecordBatchBuilder

T0 = 1_700_000_000_000
INDEX_INTERVAL_BYTES = 256
TOPIC_ID = bytes.fromhex("6f5a1c2e8b3d4f7a9e0c1b2d3e4f5a6b")
OFFSETS_TOPIC_ID = bytes.fromhex("0a1b2c3d4e5f60718293a4b5c6d7e8f9")


def uuid_text(raw):
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class Segment:
    """One segment being appended to, with Kafka's index rules."""

    def __init__(self, base_offset):
        self.base = base_offset
        self.log = bytearray()
        self.index = bytearray()
        self.time_index = bytearray()
        self.bytes_since_index = 0
        self.max_timestamp = -1
        self.offset_of_max = -1
        self.last_time_entry = -1

    def append(self, data, last_offset, max_timestamp):
        position = len(self.log)
        self.log += data
        if max_timestamp > self.max_timestamp:
            self.max_timestamp, self.offset_of_max = max_timestamp, last_offset
        if self.bytes_since_index > INDEX_INTERVAL_BYTES:
            self.index += struct.pack(">ii", last_offset - self.base, position)
            self.maybe_append_time()
            self.bytes_since_index = 0
        self.bytes_since_index += len(data)

    def maybe_append_time(self):
        if self.max_timestamp > self.last_time_entry:
            self.time_index += struct.pack(">qi", self.max_timestamp, self.offset_of_max - self.base)
            self.last_time_entry = self.max_timestamp

    def close(self, directory):
        self.maybe_append_time()
        name = "%020d" % self.base
        (directory / (name + ".log")).write_bytes(bytes(self.log))
        (directory / (name + ".index")).write_bytes(bytes(self.index))
        (directory / (name + ".timeindex")).write_bytes(bytes(self.time_index))


class Partition:
    """A partition: segments, producer state, leader epochs."""

    def __init__(self, directory, topic_id):
        self.dir = directory
        self.dir.mkdir(parents=True)
        self.next_offset = 0
        self.segment = Segment(0)
        self.producers = {}
        self.epochs = []
        self.leader_epoch = 0
        (directory / "partition.metadata").write_text("version: 0\ntopic_id: %s" % uuid_text(topic_id))

    def set_leader_epoch(self, epoch):
        self.leader_epoch = epoch
        self.epochs.append((epoch, self.next_offset))

    def roll(self):
        self.segment.close(self.dir)
        self.segment = Segment(self.next_offset)
        self.write_snapshot()

    def write_snapshot(self):
        entries = b"".join(struct.pack(">qhiqiqiq", pid, *state) for pid, state in sorted(self.producers.items()))
        body = struct.pack(">i", len(self.producers)) + entries
        (self.dir / ("%020d.snapshot" % self.next_offset)).write_bytes(struct.pack(">hI", 1, crc32c(body)) + body)

    def append_v2(self, batch, control=None):
        """Appends a kafka-python v2 batch at the next offset under the current leader epoch."""
        data = bytearray(batch)
        struct.pack_into(">q", data, 0, self.next_offset)
        struct.pack_into(">i", data, 12, self.leader_epoch)
        if control is not None:
            attributes = struct.unpack_from(">h", data, 21)[0] | 0x20
            struct.pack_into(">h", data, 21, attributes)
            struct.pack_into(">I", data, 17, crc32c(bytes(data[21:])))
        last_delta, _, max_ts, pid, epoch, base_seq, count = struct.unpack_from(">iqqqhii", data, 23)
        base = self.next_offset
        last = base + last_delta
        self.segment.append(bytes(data), last, max_ts)
        self.next_offset = last + 1
        if pid >= 0:
            state = list(self.producers.get(pid, (epoch, -1, -1, 0, max_ts, -1, -1)))
            state[0] = epoch
            if control is None:
                state[1:5] = [base_seq + last_delta, last, last_delta, max_ts]
                if data[22] & 0x10 and state[6] < 0:
                    state[6] = base
            else:
                state[4], state[5], state[6] = max_ts, control, -1
            self.producers[pid] = tuple(state)
        return base, last

    def append_legacy(self, message_set, last_offset, max_timestamp):
        self.segment.append(message_set, last_offset, max_timestamp)
        self.next_offset = last_offset + 1

    def close(self):
        self.segment.close(self.dir)
        self.write_snapshot()
        lines = ["0", str(len(self.epochs))] + ["%d %d" % epoch for epoch in self.epochs]
        (self.dir / "leader-epoch-checkpoint").write_text("\n".join(lines) + "\n")


def v2(records, compression=0, transactional=False, pid=-1, epoch=-1, sequence=-1):
    builder = DefaultRecordBatchBuilder(
        magic=2, compression_type=compression, is_transactional=transactional,
        producer_id=pid, producer_epoch=epoch, base_sequence=sequence, batch_size=1 << 20)
    for offset, (timestamp, key, value) in enumerate(records):
        builder.append(offset, timestamp, key, value, [])
    return bytes(builder.build())


def marker(commit, pid, epoch, timestamp, coordinator_epoch=7):
    key = struct.pack(">hh", 0, 1 if commit else 0)
    value = struct.pack(">hi", 0, coordinator_epoch)
    return v2([(timestamp, key, value)], transactional=True, pid=pid, epoch=epoch), coordinator_epoch


def orders(root):
    part = Partition(root / "orders-0", TOPIC_ID)
    part.set_leader_epoch(0)
    # Message format v1: uncompressed messages (absolute offsets), then a gzip wrapper.
    for i in range(6):
        builder = LegacyRecordBatchBuilder(magic=1, compression_type=0, batch_size=1 << 20)
        builder.append(part.next_offset, T0 + i * 10, b"order-%d" % i, b'{"order":%d,"total":%d.50}' % (i, 10 + i))
        part.append_legacy(bytes(builder.build()), part.next_offset, T0 + i * 10)
    builder = LegacyRecordBatchBuilder(magic=1, compression_type=1, batch_size=1 << 20)
    inner_timestamps = [T0 + 100 + i for i in range(4)]
    for i, timestamp in enumerate(inner_timestamps):
        builder.append(i, timestamp, b"order-%d" % (6 + i), b'{"order":%d,"total":%d.00,"currency":"EUR"}' % (6 + i, 20 + i))
    wrapper = bytearray(builder.build())
    last = part.next_offset + len(inner_timestamps) - 1
    # The broker assigns the wrapper the absolute offset of its last inner message and, under
    # CreateTime, the max inner timestamp (LogValidator); the CRC-32 covers magic..end.
    struct.pack_into(">q", wrapper, 0, last)
    struct.pack_into(">q", wrapper, 18, max(inner_timestamps))
    struct.pack_into(">I", wrapper, 12, zlib.crc32(bytes(wrapper[16:])))
    part.append_legacy(bytes(wrapper), last, max(inner_timestamps))
    part.roll()

    # RecordBatch v2 after the upgrade, under leader epoch 1.
    part.set_leader_epoch(1)
    t = T0 + 1000
    part.append_v2(v2([(t, b"order-10", b'{"order":10,"total":5.00}'), (t + 1, b"order-11", b'{"order":11,"total":7.25}')]))
    part.append_v2(v2([(t + 10 + i, b"sensor-%d" % (i % 3), b'{"sensor":%d,"reading":%d,"unit":"celsius"}' % (i % 3, 20 + i % 4))
                       for i in range(12)], compression=3))
    part.append_v2(v2([(t + 40, None, b"idempotent, no key"), (t + 41, b"order-12", b"")], pid=2000, epoch=0, sequence=0))
    part.append_v2(v2([(t + 50, b"order-13", b'{"order":13,"total":99.99}')], transactional=True, pid=3000, epoch=1, sequence=0))
    aborted_first, _ = part.append_v2(v2([(t + 51, b"order-14", b'{"order":14,"total":1.00}')], transactional=True, pid=4000, epoch=0, sequence=0))
    part.append_v2(v2([(t + 52, b"order-15", b'{"order":15,"total":2.00}'), (t + 53, b"order-16", None)], transactional=True, pid=3000, epoch=1, sequence=1))
    batch, coordinator = marker(True, 3000, 1, t + 60)
    part.append_v2(batch, control=coordinator)
    batch, coordinator = marker(False, 4000, 0, t + 61)
    _, abort_offset = part.append_v2(batch, control=coordinator)
    part.append_v2(v2([(t + 70, b"order-17", b'{"order":17,"total":3.10}')], pid=2000, epoch=0, sequence=2))
    # TransactionIndex: producer 4000's aborted transaction.
    (part.dir / ("%020d.txnindex" % part.segment.base)).write_bytes(
        struct.pack(">hqqqq", 0, 4000, aborted_first, abort_offset, aborted_first))
    part.roll()

    # The active segment, leader epoch 2: producer 5000's transaction is still open.
    part.set_leader_epoch(2)
    t = T0 + 2000
    part.append_v2(v2([(t + i, b"order-%d" % (18 + i), b'{"order":%d,"total":%d.00}' % (18 + i, i)) for i in range(5)], compression=1))
    part.append_v2(v2([(t + 20, b"order-23", b'{"order":23,"total":8.00}')], pid=2000, epoch=0, sequence=3))
    part.append_v2(v2([(t + 30, b"order-24", b'{"order":24,"total":12.00}')], transactional=True, pid=5000, epoch=2, sequence=0))
    part.close()


def string(text):
    raw = text.encode()
    return struct.pack(">h", len(raw)) + raw


def consumer_offsets(root):
    part = Partition(root / "__consumer_offsets-0", OFFSETS_TOPIC_ID)
    part.set_leader_epoch(0)
    t = T0 + 3000
    commits = []
    for partition, offset in ((0, 24), (1, 0)):
        key = struct.pack(">h", 1) + string("billing") + string("orders") + struct.pack(">i", partition)
        value = struct.pack(">hqi", 3, offset, 2) + string("") + struct.pack(">q", t)
        commits.append((t, key, value))
    part.append_v2(v2(commits))
    member = (string("consumer-billing-1-4c1f") + struct.pack(">h", -1) + string("consumer-billing-1")
              + string("/10.0.0.7") + struct.pack(">ii", 300000, 45000)
              + struct.pack(">i", 0) + struct.pack(">i", 0))
    group_value = (struct.pack(">h", 3) + string("consumer") + struct.pack(">i", 5) + string("range")
                   + string("consumer-billing-1-4c1f") + struct.pack(">q", t + 5) + struct.pack(">i", 1) + member)
    part.append_v2(v2([(t + 5, struct.pack(">h", 2) + string("billing"), group_value)]))
    tombstone_key = struct.pack(">h", 1) + string("billing") + string("orders") + struct.pack(">i", 1)
    part.append_v2(v2([(t + 10, tombstone_key, None)]))
    part.close()


def meta_properties(root):
    (root / "meta.properties").write_text(
        "#\n#Written by kbench Tests/python/storage_make_samples.py\n"
        "cluster.id=%s\ndirectory.id=%s\nnode.id=1\nversion=1\n"
        % (uuid_text(bytes(range(16))), uuid_text(bytes(range(16, 32)))))


def main():
    root = Path(sys.argv[1])
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    meta_properties(root)
    orders(root)
    consumer_offsets(root)


if __name__ == "__main__":
    main()
