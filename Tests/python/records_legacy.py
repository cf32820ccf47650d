#!/usr/bin/env python3
"""Writes log segments in message format v0/v1 (and mixed with v2 and control batches) with
kafka-python 3.0.12, then reads them back with kafka-python's MemoryRecords.

Usage: records_legacy.py OUTPUT_DIR

Writes into OUTPUT_DIR (file names are the test cases):
  v0-none.log, v1-none.log           uncompressed messages, one log entry each
  v0-gzip.log, v0-snappy.log, v0-lz4.log, v1-gzip.log, v1-snappy.log, v1-lz4.log
                                     compressed wrapper messages (two sets per file)
  v1-logappend-gzip.log              a v1 wrapper with LogAppendTime (inner timestamps ignored)
  mixed.log                          v0 then v1 entries, then v2 batches: plain, transactional,
                                     a COMMIT control batch, an ABORT control batch
  consumer-offsets.log               a __consumer_offsets batch: OffsetCommit key v1 + value v3,
                                     a tombstone, GroupMetadata key + value v2 (one member),
                                     a value of an unknown version (5)
  transaction-state.log              a __transaction_state batch: TransactionLog key v0 + value v0
                                     (Ongoing, two partitions), a tombstone
and prints JSON on stdout: for each file, its entries and records as kafka-python reads them.

Wrapper messages are stored as a broker stores them: kafka-python's LegacyRecordBatchBuilder
writes a wrapper with offset 0 and timestamp 0 (the producer side), so the broker's rewrite is
done here: a v1 wrapper gets the absolute offset of its last inner message (inner offsets stay
relative, 0..n-1) and the largest inner timestamp (or the append time, LogAppendTime), a v0
set is built with absolute inner offsets; the wrapper CRC-32 is recomputed.

kafka-python writes no control batches: they are DefaultRecordBatchBuilder batches whose
records carry the control key and value of Apache Kafka's ControlRecordType.java (key:
version int16 0, type int16 0 ABORT / 1 COMMIT) and EndTransactionMarker.java (value: version
int16 0, coordinatorEpoch int32), with attributes bits 4 (transactional) and 5 (control) set and
the CRC-32C recomputed, as the broker's transaction coordinator writes them.

Magic-0 lz4 needs kafka-python's lz4_encode_old_kafka, which hashes with the `xxhash` module;
when it is missing, a small pure-Python XXH32 stands in for it (its digest() only).
"""
import json
import struct
import sys
from pathlib import Path

import kafka.codec
from kafka.record.default_records import DefaultRecordBatchBuilder
from kafka.record.legacy_records import LegacyRecordBatchBuilder
from kafka.record.memory_records import MemoryRecords
from kafka.record.util import calc_crc32, calc_crc32c

T0 = 1_700_000_000_000
CODECS = {"none": 0, "gzip": 1, "snappy": 2, "lz4": 3}


class _XXH32:
    """XXH32 (seed 0) with xxhash's digest() interface: enough for lz4_encode_old_kafka."""
    P1, P2, P3, P4, P5 = 2654435761, 2246822519, 3266489917, 668265263, 374761393

    def __init__(self, data):
        self.data = bytes(data)

    @staticmethod
    def _rotl(x, r):
        return ((x << r) | (x >> (32 - r))) & 0xFFFFFFFF

    def intdigest(self):
        data, n, M = self.data, len(self.data), 0xFFFFFFFF
        i = 0
        if n >= 16:
            v = [(self.P1 + self.P2) & M, self.P2, 0, (-self.P1) & M]
            while i + 16 <= n:
                for j in range(4):
                    lane = struct.unpack_from("<I", data, i + 4 * j)[0]
                    v[j] = (self._rotl((v[j] + lane * self.P2) & M, 13) * self.P1) & M
                i += 16
            h = (self._rotl(v[0], 1) + self._rotl(v[1], 7) + self._rotl(v[2], 12) + self._rotl(v[3], 18)) & M
        else:
            h = self.P5
        h = (h + n) & M
        while i + 4 <= n:
            h = (self._rotl((h + struct.unpack_from("<I", data, i)[0] * self.P3) & M, 17) * self.P4) & M
            i += 4
        while i < n:
            h = (self._rotl((h + data[i] * self.P5) & M, 11) * self.P1) & M
            i += 1
        h ^= h >> 15
        h = (h * self.P2) & M
        h ^= h >> 13
        h = (h * self.P3) & M
        h ^= h >> 16
        return h

    def digest(self):
        return struct.pack(">I", self.intdigest())


if kafka.codec.xxhash is None:
    kafka.codec.xxhash = type("xxhash", (), {"xxh32": _XXH32})


def messages(first, count, key_prefix=b"k"):
    """(timestamp, key, value) triples: a null key and a null value among them."""
    out = []
    for i in range(first, first + count):
        key = None if i % 5 == 3 else key_prefix + b"-%d" % i
        value = None if i % 7 == 6 else b'{"n":%d,"text":"message %d"}' % (i, i)
        out.append((T0 + 10 * i + (i % 3), key, value))
    return out


def uncompressed_entries(magic, first_offset, msgs):
    builder = LegacyRecordBatchBuilder(magic=magic, compression_type=0, batch_size=1 << 20)
    for i, (ts, key, value) in enumerate(msgs):
        builder.append(first_offset + i, ts, key, value)
    return bytes(builder.build())


def wrapper_entry(magic, codec, first_offset, msgs, log_append_time=None):
    """A compressed wrapper as the broker stores it (see the module docstring)."""
    builder = LegacyRecordBatchBuilder(magic=magic, compression_type=codec, batch_size=1 << 20)
    for i, (ts, key, value) in enumerate(msgs):
        builder.append(i if magic == 1 else first_offset + i, ts, key, value)
    data = bytearray(builder.build())
    last = first_offset + len(msgs) - 1
    struct.pack_into(">q", data, 0, last)
    if magic == 1:
        attributes = data[17] | (0x08 if log_append_time is not None else 0)
        data[17] = attributes
        timestamp = log_append_time if log_append_time is not None else max(m[0] for m in msgs)
        struct.pack_into(">q", data, 18, timestamp)
    struct.pack_into(">I", data, 12, calc_crc32(memoryview(data)[16:]))
    return bytes(data)


def v2_batch(base_offset, records, transactional=False, control=False, producer_id=-1, producer_epoch=-1, base_sequence=-1):
    builder = DefaultRecordBatchBuilder(
        magic=2, compression_type=0, is_transactional=transactional,
        producer_id=producer_id, producer_epoch=producer_epoch, base_sequence=base_sequence,
        batch_size=1 << 20,
    )
    for i, (ts, key, value) in enumerate(records):
        builder.append(i, ts, key, value, [])
    data = bytearray(builder.build())
    struct.pack_into(">q", data, 0, base_offset)
    struct.pack_into(">i", data, 12, 7)  # partitionLeaderEpoch, outside the CRC
    if control:
        attributes = struct.unpack_from(">h", data, 21)[0] | 0x20
        struct.pack_into(">h", data, 21, attributes)
        struct.pack_into(">I", data, 17, calc_crc32c(memoryview(data)[21:]))
    return bytes(data)


def end_txn_marker(commit, coordinator_epoch, timestamp):
    return (timestamp, struct.pack(">hh", 0, 1 if commit else 0), struct.pack(">hi", 0, coordinator_epoch))


def kstring(text):
    data = text.encode()
    return struct.pack(">h", len(data)) + data


def consumer_offsets_records():
    """Keys and values laid out by Apache Kafka's group-coordinator schemas
    (OffsetCommitKey/Value.json, GroupMetadataKey/Value.json): version int16 then the fields."""
    commit_key = struct.pack(">h", 1) + kstring("billing") + kstring("orders") + struct.pack(">i", 2)
    commit_value = struct.pack(">hqi", 3, 1234, 5) + kstring("") + struct.pack(">q", T0)
    group_key = struct.pack(">h", 2) + kstring("billing")
    group_value = (struct.pack(">h", 2) + kstring("consumer") + struct.pack(">i", 3) + kstring("range") + kstring("m-1")
                   + struct.pack(">qi", T0 + 1, 1) + kstring("m-1") + kstring("app") + kstring("/10.0.0.1")
                   + struct.pack(">ii", 30000, 10000) + struct.pack(">i", 0) + struct.pack(">i", 0))
    bad_value = struct.pack(">hq", 5, 1)
    return [(T0, commit_key, commit_value), (T0 + 1, commit_key, None), (T0 + 2, group_key, group_value),
            (T0 + 3, commit_key, bad_value)]


def transaction_state_records():
    """TransactionLogKey/Value v0 (transaction-coordinator schemas)."""
    key = struct.pack(">h", 0) + kstring("payments-1")
    value = (struct.pack(">hqhib", 0, 4000, 2, 60000, 1) + struct.pack(">i", 1) + kstring("orders")
             + struct.pack(">iii", 2, 0, 1) + struct.pack(">qq", T0 + 50, T0))
    return [(T0, key, value), (T0 + 1, key, None)]


def hexof(data):
    return None if data is None else bytes(data).hex()


def describe(data):
    """Entries and records of a segment as kafka-python reads them."""
    entries = []
    records = MemoryRecords(data)
    position = 0
    while records.has_next():
        batch = records.next_batch()
        entry = {"position": position, "magic": batch.magic, "size": batch.size_in_bytes, "records": []}
        position += batch.size_in_bytes
        for record in batch:
            entry["records"].append({
                "offset": record.offset, "timestamp": record.timestamp,
                "key": hexof(record.key), "value": hexof(record.value),
                "crc": record.checksum if batch.magic < 2 else None,
            })
        entries.append(entry)
    return entries


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for magic in (0, 1):
        files["v%d-none.log" % magic] = uncompressed_entries(magic, 0, messages(0, 8))
        for name in ("gzip", "snappy", "lz4"):
            files["v%d-%s.log" % (magic, name)] = (
                wrapper_entry(magic, CODECS[name], 0, messages(0, 6))
                + wrapper_entry(magic, CODECS[name], 6, messages(6, 9)))
    files["v1-logappend-gzip.log"] = wrapper_entry(1, 1, 0, messages(0, 4), log_append_time=T0 + 99_999)

    mixed = uncompressed_entries(0, 0, messages(0, 3))
    mixed += wrapper_entry(1, CODECS["gzip"], 3, messages(3, 4))
    mixed += uncompressed_entries(1, 7, messages(7, 2))
    mixed += v2_batch(9, messages(9, 3))
    mixed += v2_batch(12, messages(12, 2), transactional=True, producer_id=4000, producer_epoch=2, base_sequence=0)
    mixed += v2_batch(14, [end_txn_marker(True, 5, T0 + 500)], transactional=True, control=True, producer_id=4000, producer_epoch=2)
    mixed += v2_batch(15, messages(15, 1), transactional=True, producer_id=4001, producer_epoch=0, base_sequence=0)
    mixed += v2_batch(16, [end_txn_marker(False, 5, T0 + 600)], transactional=True, control=True, producer_id=4001, producer_epoch=0)
    files["mixed.log"] = mixed
    files["consumer-offsets.log"] = v2_batch(0, consumer_offsets_records())
    files["transaction-state.log"] = v2_batch(0, transaction_state_records())

    report = {}
    for name, data in files.items():
        (out / name).write_bytes(data)
        report[name] = describe(data)
    json.dump(report, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
