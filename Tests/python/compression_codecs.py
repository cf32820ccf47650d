#!/usr/bin/env python3
"""Raw codec interop for kbench's KafkaCompression tests.

Encodes and decodes with code nobody in kbench wrote: kafka-python's kafka.codec and the Python
bindings behind it (gzip, python-snappy, lz4.frame, zstandard).

stdin:  JSON list of tasks {"op": "encode"|"decode", "codec": ..., "variant": ..., "level": n|null,
        "data": base64}
stdout: JSON list, one per task: {"data": base64} or {"error": "message"}
"""
import base64
import gzip
import json
import sys

import lz4.frame
import snappy
import zstandard

from kafka import codec


def encode(name, variant, level, data):
    if name == "gzip":
        if variant == "kafka":
            return codec.gzip_encode(data, compresslevel=level)
        if variant == "members":  # two concatenated gzip members
            half = len(data) // 2
            return gzip.compress(data[:half]) + gzip.compress(data[half:])
        return gzip.compress(data, compresslevel=level if level is not None else 6)
    if name == "snappy":
        if variant == "raw":
            return codec.snappy_encode(data, xerial_compatible=False)
        return codec.snappy_encode(data, xerial_compatible=True)
    if name == "lz4":
        if variant == "kafka":
            return codec.lz4_encode(data)
        if variant == "checksums":
            return lz4.frame.compress(data, block_linked=False, content_checksum=True, block_checksum=True)
        if variant == "bigblocks":
            return lz4.frame.compress(data, block_linked=False, block_size=lz4.frame.BLOCKSIZE_MAX4MB)
        if variant == "linked":
            return lz4.frame.compress(data, block_linked=True)
        if variant == "hc":
            return lz4.frame.compress(data, block_linked=False, compression_level=level or 9)
        raise ValueError("unknown lz4 variant %r" % variant)
    if name == "zstd":
        if variant == "kafka":
            return codec.zstd_encode(data)
        if variant == "stream":  # no content size in the header, as zstd-jni streams write
            compressor = zstandard.ZstdCompressor(level=level if level is not None else 3)
            stream = compressor.compressobj()
            return stream.compress(data) + stream.flush()
        if variant == "frames":
            half = len(data) // 2
            compressor = zstandard.ZstdCompressor()
            return compressor.compress(data[:half]) + compressor.compress(data[half:])
        return zstandard.ZstdCompressor(level=level if level is not None else 3).compress(data)
    raise ValueError("unknown codec %r" % name)


def decode(name, variant, data):
    if variant == "python":
        if name == "gzip":
            return gzip.decompress(data)
        if name == "snappy":
            return snappy.decompress(data)
        if name == "lz4":
            return lz4.frame.decompress(data)
        if name == "zstd":
            return zstandard.ZstdDecompressor().decompressobj().decompress(data)
    if name == "gzip":
        return codec.gzip_decode(data)
    if name == "snappy":
        return codec.snappy_decode(data)
    if name == "lz4":
        return codec.lz4_decode(data)
    if name == "zstd":
        return codec.zstd_decode(data)
    raise ValueError("unknown codec %r" % name)


def run(task):
    data = base64.b64decode(task["data"])
    try:
        if task["op"] == "encode":
            out = encode(task["codec"], task.get("variant"), task.get("level"), data)
        else:
            out = decode(task["codec"], task.get("variant"), data)
        return {"data": base64.b64encode(bytes(out)).decode("ascii")}
    except Exception as error:  # reported to the Swift test, which decides
        return {"error": "%s: %s" % (type(error).__name__, error)}


def main():
    tasks = json.load(sys.stdin)
    json.dump([run(task) for task in tasks], sys.stdout)


if __name__ == "__main__":
    main()
