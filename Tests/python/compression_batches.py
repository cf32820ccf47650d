#!/usr/bin/env python3
"""RecordBatch interop for kbench's KafkaCompression tests, through kafka-python 3.0.12's own
DefaultRecordBatchBuilder / DefaultRecordBatch (kafka/record/default_records.py) and its codecs
(kafka/codec.py: gzip, python-snappy xerial, lz4.frame, zstandard).

    build: stdin {"records": [record...], "codecs": [1, 2, 3, 4]}
           stdout [{"codec": n, "batch": base64}]   (one batch per codec)
    read:  stdin ["base64 batch", ...]
           stdout [{"compression": n, "crc_ok": bool, "records": [record...]}]

record = {"offset": n, "timestamp": ms, "key": base64|null, "value": base64|null,
          "headers": [[key, base64|null], ...]}
"""
import base64
import json
import sys

from kafka.record.default_records import DefaultRecordBatch, DefaultRecordBatchBuilder


def b64(data):
    return None if data is None else base64.b64encode(bytes(data)).decode("ascii")


def unb64(text):
    return None if text is None else base64.b64decode(text)


def build(spec):
    batches = []
    for codec in spec["codecs"]:
        builder = DefaultRecordBatchBuilder(
            magic=2, compression_type=codec, is_transactional=0,
            producer_id=-1, producer_epoch=-1, base_sequence=-1, batch_size=1 << 30)
        for index, record in enumerate(spec["records"]):
            headers = [(key, unb64(value)) for key, value in record["headers"]]
            builder.append(index, timestamp=record["timestamp"], key=unb64(record.get("key")),
                           value=unb64(record.get("value")), headers=headers)
        batch = bytes(builder.build())
        attributes = int.from_bytes(batch[21:23], "big")
        if attributes & 0x07 != codec:
            raise SystemExit("kafka-python wrote codec bits %d for codec %d (compression did not help?)"
                             % (attributes & 0x07, codec))
        batches.append({"codec": codec, "batch": b64(batch)})
    return batches


def read(encoded):
    results = []
    for text in encoded:
        batch = DefaultRecordBatch(base64.b64decode(text))
        crc_ok = batch.validate_crc()
        records = [{
            "offset": record.offset,
            "timestamp": record.timestamp,
            "key": b64(record.key),
            "value": b64(record.value),
            "headers": [[key, b64(value)] for key, value in record.headers],
        } for record in batch]
        results.append({"compression": batch.compression_type, "crc_ok": crc_ok, "records": records})
    return results


def main():
    command = sys.argv[1]
    payload = json.load(sys.stdin)
    if command == "build":
        json.dump(build(payload), sys.stdout)
    elif command == "read":
        json.dump(read(payload), sys.stdout)
    else:
        raise SystemExit("usage: compression_batches.py build|read < json")


if __name__ == "__main__":
    main()
