#!/usr/bin/env python3
"""Writes kbench's sample RecordBatch files with kafka-python 3.0.12 (results/samples/).

Usage: records_make_samples.py OUTPUT_DIR

  kafka-python-batches.bin   three uncompressed batches back to back, as kafka-python's
                             DefaultRecordBatchBuilder.build() returns them (base offsets 0)
  00000000000000000000.log   the same batches as a broker stores them in a segment: base
                             offsets consecutive (0, 3, 5) and leader epoch 4 (neither is
                             covered by the CRC, so the batches stay valid)
  kafka-python-<codec>.bin   one batch of 20 similar records per codec (gzip, snappy, lz4, zstd)
"""
import struct
import sys
from pathlib import Path

from kafka.record.default_records import DefaultRecordBatchBuilder

T0 = 1_700_000_000_000


def batch(records, compression=0, transactional=False, producer_id=-1, producer_epoch=-1, base_sequence=-1):
    builder = DefaultRecordBatchBuilder(
        magic=2, compression_type=compression, is_transactional=transactional,
        producer_id=producer_id, producer_epoch=producer_epoch, base_sequence=base_sequence,
        batch_size=1 << 20,
    )
    for offset, (timestamp, key, value, headers) in enumerate(records):
        builder.append(offset, timestamp, key, value, headers)
    return bytes(builder.build())


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    batches = [
        batch([
            (T0, b"user-42", b'{"total":12}', [("trace", b"abc123")]),
            (T0 + 5, b"user-7", b'{"total":3}', []),
            (T0 + 2, b"user-42", b'{"total":40}', [("trace", b"def456"), ("trace", None)]),
        ]),
        batch([
            (T0 + 100, None, b"no key", []),
            (T0 + 101, b"", b"", []),
        ], producer_id=1000, producer_epoch=0, base_sequence=0),
        batch([
            (T0 + 200, b"user-42", None, [("reason", b"deleted")]),
        ], transactional=True, producer_id=2000, producer_epoch=3, base_sequence=17),
    ]
    (out / "kafka-python-batches.bin").write_bytes(b"".join(batches))

    segment = bytearray()
    next_offset = 0
    for data in batches:
        data = bytearray(data)
        count = struct.unpack_from(">i", data, 57)[0]
        struct.pack_into(">q", data, 0, next_offset)  # baseOffset
        struct.pack_into(">i", data, 12, 4)           # partitionLeaderEpoch
        segment += data
        next_offset += count
    (out / "00000000000000000000.log").write_bytes(bytes(segment))

    similar = [(T0 + i, b"sensor-%d" % (i % 4), b'{"sensor":%d,"reading":%d,"unit":"celsius"}' % (i % 4, 20 + i % 3), [])
               for i in range(20)]
    for code, name in ((1, "gzip"), (2, "snappy"), (3, "lz4"), (4, "zstd")):
        (out / ("kafka-python-%s.bin" % name)).write_bytes(batch(similar, compression=code))


if __name__ == "__main__":
    main()
