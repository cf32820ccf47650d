// RecordBatch v2 encode and decode next to a memcpy of the same bytes, in the same run.
//
//   encode N records     RecordBatchBuilder reused: reset, N appends of [UInt8] keys/values
//                        (16-byte key, 100-byte value, no headers), finish (header + CRC-32C)
//   encode slices N      the same from two contiguous buffers, appended as borrowed slices
//   encode appender N    the same slices through one RecordAppender (withAppender)
//   decode views N       LogSegmentReader (header, bounds, CRC-32C) + RecordIterator.nextView()
//                        over every record: every length and varint validated, nothing copied
//   decode forEachView N the same walk through forEachView (one buffer access per batch)
//   decode+copy N        RecordBatchDecoder.decodeBatch: every record copied out as BatchRecord
//                        (allocates its key and value arrays: per-record mallocs expected)
//   memcpy batch bytes   copyMemory of the same number of bytes between two warm buffers
//   crc32c folding/hardware/portable   the checksum alone over the bytes after the header
//
// N = 1000 (the target) and 100 (to show that mallocs per batch do not grow with records).
// Read throughput (batches/s) x batch size for MB/s; ratio = p50 wall clock / memcpy's.
//
// Run: cd Benchmarks && swift package --disable-sandbox benchmark --target RecordBatchBenchmarks
//
// Measured here (2 shared x86-64 cores, 1000 records = 126,933 bytes), 2026-11-22 with the
// RecordWriter encoder, min / p50: encode appender 6.9-8.3 / 7.1-12.8 µs in two runs (includes
// the CRC-32C, 2.3 µs: 4.6-6 ns a record; 13.2 / 16.1 µs when its loop was written out apart from
// encode slices', before both went through forEachSlice), encode slices 14.3-14.5 / 15.1 µs
// (14.6 / 22.2 µs before), encode [UInt8] 36.1-36.6 / 37.5-41.5 µs (the caller's
// per-record array retains and releases); memcpy 1.2 µs; decode views 21.2 µs min, forEachView
// 33 µs min (noisy run); decode+copy 249 µs (2 mallocs per record). Earlier (p50): encode slices
// 18.9 µs, before the retain-free encoder 21.1 µs. Mallocs per iteration: 16-18 for every
// benchmark including memcpy (harness baseline), for 100 and 1000 records alike: encode and view
// decoding allocate nothing per batch or per record.
// CRC-32C of the 126,912 bytes, 22:20 run: folding (AVX-512 VPCLMULQDQ) 2.25 µs, SSE4.2 three
// streams 4.41 µs, portable 59.9 µs; memcpy of the batch 1.17 µs.

import Benchmark
import KafkaRecords

/// Inputs and warm buffers shared by the iterations of one benchmark.
final class RecordBatchFixture {
    let keys: [[UInt8]]
    let values: [[UInt8]]
    var builder: RecordBatchBuilder
    let encoded: [UInt8]
    var source: [UInt8]
    var destination: [UInt8]
    let keyBlob: [UInt8]
    let valueBlob: [UInt8]

    init(records: Int) {
        keys = (0..<records).map { index in
            let digits = String(index)
            return Array(("key-" + String(repeating: "0", count: 12 - digits.count) + digits).utf8)  // 16 bytes
        }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789 {}\":,".utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        values = (0..<records).map { _ in
            (0..<100).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return alphabet[Int(state >> 58) % alphabet.count]
            }
        }
        builder = RecordBatchBuilder(settings: RecordBatchFixture.settings, capacity: 61)
        Self.encode(into: &builder, keys: keys, values: values)
        encoded = builder.bytes
        keyBlob = keys.flatMap { $0 }
        valueBlob = values.flatMap { $0 }
        source = encoded
        destination = [UInt8](repeating: 0, count: encoded.count)
    }

    static let settings = RecordBatchSettings(producerId: 4242, producerEpoch: 0, baseSequence: 0)

    static func encode(into builder: inout RecordBatchBuilder, keys: [[UInt8]], values: [[UInt8]]) {
        builder.reset(settings)
        var timestamp: Int64 = 1_700_000_000_000
        for index in keys.indices {
            try? builder.append(key: keys[index], value: values[index], timestamp: timestamp)
            timestamp &+= 1
        }
        _ = try? builder.finish()
    }

    /// The same records from two contiguous buffers (keys 16 bytes apart, values 100 apart),
    /// appended as borrowed slices: no per-record array access at all.
    func encodeContiguous() {
        Self.encodeSlices(into: &builder, keyBlob: keyBlob, valueBlob: valueBlob, count: keys.count)
    }

    static func encodeSlices(into builder: inout RecordBatchBuilder, keyBlob: [UInt8], valueBlob: [UInt8], count: Int) {
        builder.reset(settings)
        try? forEachSlice(keyBlob: keyBlob, valueBlob: valueBlob, count: count) { key, value, timestamp in
            try builder.append(keyBytes: key, valueBytes: value, timestamp: timestamp)
        }
        _ = try? builder.finish()
    }

    /// The same slices through one appender.
    func encodeContiguousWithAppender() {
        builder.reset(Self.settings)
        try? builder.withAppender { appender in
            try Self.forEachSlice(keyBlob: keyBlob, valueBlob: valueBlob, count: keys.count) { key, value, timestamp in
                try appender.append(keyBytes: key, valueBytes: value, timestamp: timestamp)
            }
        }
        _ = try? builder.finish()
    }

    /// Calls `body` with each of `count` records' key and value sliced from the contiguous
    /// buffers (keys 16 bytes apart, values 100 apart) and its timestamp (1 ms apart).
    @inline(__always)
    static func forEachSlice(
        keyBlob: [UInt8], valueBlob: [UInt8], count: Int,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer, Int64) throws -> Void
    ) rethrows {
        try keyBlob.withUnsafeBytes { keyBytes in
            try valueBlob.withUnsafeBytes { valueBytes in
                var timestamp: Int64 = 1_700_000_000_000
                for index in 0..<count {
                    try body(
                        UnsafeRawBufferPointer(rebasing: keyBytes[(index * 16)..<(index * 16 + 16)]),
                        UnsafeRawBufferPointer(rebasing: valueBytes[(index * 100)..<(index * 100 + 100)]),
                        timestamp
                    )
                    timestamp &+= 1
                }
            }
        }
    }

    /// Walks every record view with `nextView()`; returns a checksum so nothing is optimized away.
    func decodeViews() -> Int {
        var reader = LogSegmentReader(encoded, crcCheck: .strict)
        var total = 0
        while let frame = try? reader.next() {
            guard var records = try? frame.records() else { return -1 }
            while let view = try? records.nextView() {
                total &+= view.keySize &+ view.valueSize &+ Int(view.offsetDelta)
            }
        }
        return total
    }

    /// The same walk with `forEachView`, touching the first key byte of each record.
    func decodeForEach() -> Int {
        var reader = LogSegmentReader(encoded, crcCheck: .strict)
        var total = 0
        while let frame = try? reader.next() {
            guard var records = try? frame.records() else { return -1 }
            try? records.forEachView { view, bytes in
                total &+= view.keySize &+ view.valueSize &+ Int(view.offsetDelta)
                if let key = view.key, !key.isEmpty { total &+= Int(bytes[key.lowerBound]) }
                return true
            }
        }
        return total
    }
}

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal, .cpuTotal, .instructions]
    let configuration = Benchmark.Configuration(
        metrics: metrics,
        timeUnits: .nanoseconds,
        warmupIterations: 5,
        maxDuration: .seconds(3),
        maxIterations: 10_000
    )

    for count in [1000, 100] {
        let fixture = RecordBatchFixture(records: count)
        let bytes = fixture.encoded.count
        let suffix = "\(count) records, \(bytes) bytes"

        Benchmark("encode \(suffix)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                RecordBatchFixture.encode(into: &fixture.builder, keys: fixture.keys, values: fixture.values)
                blackHole(fixture.builder.sizeInBytes)
            }
        }

        Benchmark("encode slices \(suffix)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                fixture.encodeContiguous()
                blackHole(fixture.builder.sizeInBytes)
            }
        }

        fixture.encodeContiguousWithAppender()
        let appenderMatches = fixture.builder.bytes == fixture.encoded
        Benchmark("encode appender \(suffix)", configuration: configuration) { benchmark in
            guard appenderMatches else { return benchmark.error("the appender built a different batch") }
            for _ in benchmark.scaledIterations {
                fixture.encodeContiguousWithAppender()
                blackHole(fixture.builder.sizeInBytes)
            }
        }

        Benchmark("decode views \(suffix)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(fixture.decodeViews())
            }
        }

        Benchmark("decode forEachView \(suffix)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(fixture.decodeForEach())
            }
        }

        Benchmark("decode+copy \(suffix)", configuration: configuration) { benchmark in
            let decoder = RecordBatchDecoder(crcCheck: .strict)
            for _ in benchmark.scaledIterations {
                blackHole(try? decoder.decodeBatch(fixture.encoded).records.count)
            }
        }

        Benchmark("memcpy \(bytes) bytes (\(count)-record batch)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                fixture.destination.withUnsafeMutableBytes { destination in
                    fixture.source.withUnsafeBytes { source in
                        destination.baseAddress?.copyMemory(from: source.baseAddress!, byteCount: source.count)
                    }
                }
                blackHole(fixture.destination[bytes / 2])
            }
        }

        if count == 1000 {
            for implementation in [CRC32C.Implementation.folding, .hardware, .portable] {
                Benchmark("crc32c \(implementation) \(bytes - 21) bytes", configuration: configuration) { benchmark in
                    for _ in benchmark.scaledIterations {
                        fixture.encoded.withUnsafeBytes { raw in
                            blackHole(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[21...]), using: implementation))
                        }
                    }
                }
            }
        }
    }
}
