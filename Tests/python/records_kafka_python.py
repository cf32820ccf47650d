#!/usr/bin/env python3
"""RecordBatch v2 interop for kbench's KafkaRecords tests, through kafka-python's own codec
(kafka.record.default_records: DefaultRecordBatchBuilder and DefaultRecordBatch).

Usage: records_kafka_python.py build|read   (JSON on stdin, JSON on stdout; bytes as hex)

build  stdin:  {"batches": [{"compression": 0-4, "transactional": bool, "producer_id": int,
                             "producer_epoch": int, "base_sequence": int,
                             "records": [{"offset": int, "timestamp": int, "key": hex|null|absent,
                                          "value": hex|null|absent, "headers": [{"key": str, "value": hex|null}]}]}]}
       stdout: {"batches": [hex, ...]}   (kafka-python's build() output for each batch)

read   stdin:  {"batches": [hex, ...]}  (one batch each)
       stdout: {"batches": [{"base_offset", "leader_epoch", "magic", "crc", "crc_valid",
                             "attributes", "compression_type", "timestamp_type", "is_transactional",
                             "is_control_batch", "last_offset_delta", "first_timestamp",
                             "max_timestamp", "producer_id", "producer_epoch", "base_sequence",
                             "records_count", "size_in_bytes",
                             "records": [{"offset", "timestamp", "timestamp_type", "key", "value",
                                          "headers": [{"key", "value"}]}]}]}
"""
import json
import sys

from kafka.record.default_records import DefaultRecordBatch, DefaultRecordBatchBuilder


def unhex(text):
    return None if text is None else bytes.fromhex(text)


def tohex(data):
    return None if data is None else bytes(data).hex()


def build(spec):
    out = []
    for batch in spec["batches"]:
        builder = DefaultRecordBatchBuilder(
            magic=2,
            compression_type=batch.get("compression", 0),
            is_transactional=batch.get("transactional", False),
            producer_id=batch.get("producer_id", -1),
            producer_epoch=batch.get("producer_epoch", -1),
            base_sequence=batch.get("base_sequence", -1),
            batch_size=1 << 30,
        )
        for record in batch["records"]:
            # Absent and null both mean null (Swift's JSONEncoder leaves nil optionals out).
            headers = [(h["key"], unhex(h.get("value"))) for h in record["headers"]]
            metadata = builder.append(
                record["offset"], record["timestamp"], unhex(record.get("key")), unhex(record.get("value")), headers
            )
            if metadata is None:
                raise SystemExit("kafka-python refused a record (batch_size)")
        out.append(bytes(builder.build()).hex())
    return {"batches": out}


def read(spec):
    out = []
    for text in spec["batches"]:
        batch = DefaultRecordBatch(bytes.fromhex(text))
        entry = {
            "base_offset": batch.base_offset,
            "leader_epoch": batch.leader_epoch,
            "magic": batch.magic,
            "crc": batch.crc,
            "crc_valid": batch.validate_crc(),  # must run before iteration
            "attributes": batch.attributes,
            "compression_type": batch.compression_type,
            "timestamp_type": batch.timestamp_type,
            "is_transactional": batch.is_transactional,
            "is_control_batch": batch.is_control_batch,
            "last_offset_delta": batch.last_offset_delta,
            "first_timestamp": batch.first_timestamp,
            "max_timestamp": batch.max_timestamp,
            "producer_id": batch.producer_id,
            "producer_epoch": batch.producer_epoch,
            "base_sequence": batch.base_sequence,
            "records_count": batch.records_count,
            "size_in_bytes": batch.size_in_bytes,
        }
        entry["records"] = [
            {
                "offset": record.offset,
                "timestamp": record.timestamp,
                "timestamp_type": record.timestamp_type,
                "key": tohex(record.key),
                "value": tohex(record.value),
                "headers": [{"key": k, "value": tohex(v)} for k, v in record.headers],
            }
            for record in batch
        ]
        out.append(entry)
    return {"batches": out}


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("build", "read"):
        raise SystemExit(__doc__)
    spec = json.load(sys.stdin)
    result = build(spec) if sys.argv[1] == "build" else read(spec)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
