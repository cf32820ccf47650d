// Kafka-framed compression next to the bare codec, on the same 1 MiB batch of JSON events, in
// the same run. Per codec and level:
//   raw codec     the library's one-shot call (RawCodecReference)
//   codec         kbench's Kafka-framed codec on the same records block
//   batch         RecordBatchBuilder: append every record, compress, CRC — or
//                 LogSegmentReader + decompress + walk every record view
// The three are timed in the same sample, in rotating order, so machine noise hits all alike;
// the ratio metrics (per mille) are what the 5% target is read from: "codec / raw" is the cost
// of Kafka's framing, "batch / raw" adds batch assembly (record encoding, CRC-32C) or batch
// decoding (CRC, record parsing). The "allocations:" benchmarks count mallocs per warm batch.
//
// Run: cd Benchmarks && swift package --disable-sandbox benchmark --target CompressionBenchmarks

import Benchmark
import KafkaCompression
import KafkaRecords

/// The records of a ~1 MiB batch: keyed JSON events with one header each.
struct Corpus: Sendable {
    struct Record: Sendable {
        var key: [UInt8]
        var value: [UInt8]
        var headers: [RecordHeader]
        var timestamp: Int64
    }

    let records: [Record]
    /// The uncompressed records block (batch bytes after the 61-byte header).
    let recordsBlock: [UInt8]

    init(targetBytes: Int) {
        let events = SamplePayloads.jsonEvents(totalBytes: targetBytes - targetBytes / 8)
        records = events.enumerated().map { index, event in
            Record(
                key: Array("user-\(index % 4_999)".utf8),
                value: event,
                headers: [RecordHeader(key: "trace-id", text: String(index &* 2_654_435_761 % 1_000_003, radix: 16))],
                timestamp: 1_700_000_000_000 + Int64(index)
            )
        }
        var builder = RecordBatchBuilder(capacity: targetBytes + 4096)
        for record in records {
            try? builder.append(key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp)
        }
        _ = try? builder.finish()
        recordsBlock = Array(builder.bytes.dropFirst(61))
    }
}

/// One codec configuration measured.
struct Configuration: Sendable {
    var type: CompressionType
    var level: Int?
    var framing: SnappyFraming

    var options: CompressionOptions { CompressionOptions(level: level, snappyFraming: framing) }

    var name: String {
        switch type {
        case .snappy: "snappy \(framing)"
        default: "\(type) \(level.map { "level \($0)" } ?? "default")"
        }
    }

    var provider: CompressionCodecProvider {
        let options = self.options
        return CompressionCodecProvider { (type, _) throws(CompressionError) in try makeCodec(type, options: options) }
    }

    static let all: [Configuration] =
        CompressionLevels.of(.gzip).representativeLevels.map { Configuration(type: .gzip, level: $0, framing: .xerial) }
        + SnappyFraming.allCases.map { Configuration(type: .snappy, level: nil, framing: $0) }
        + CompressionLevels.of(.lz4).representativeLevels.map { Configuration(type: .lz4, level: $0, framing: .xerial) }
        + CompressionLevels.of(.zstd).representativeLevels.map { Configuration(type: .zstd, level: $0, framing: .xerial) }
}

/// State kept across the samples of one benchmark (codec contexts, warm output arrays).
final class Bench {
    var codec: any CompressionCodec
    var output: [UInt8] = []
    let reference: RawCodecReference
    var builder: RecordBatchBuilder
    let settings: RecordBatchSettings
    let compressedBlock: [UInt8]
    let batch: [UInt8]

    init(_ configuration: Configuration, corpus: Corpus) throws {
        var codec = try makeCodec(configuration.type, options: configuration.options)
        let reference = try RawCodecReference(type: configuration.type, level: configuration.level, capacity: corpus.recordsBlock.count)
        _ = try corpus.recordsBlock.withUnsafeBytes { try reference.compress($0) }
        var block: [UInt8] = []
        try corpus.recordsBlock.withUnsafeBytes { try codec.compress($0, appendingTo: &block) }
        let settings = RecordBatchSettings(compression: configuration.type, compressionLevel: configuration.level)
        var builder = RecordBatchBuilder(settings: settings, capacity: corpus.recordsBlock.count + 4096, codecs: configuration.provider)
        batch = try Bench.buildBatch(&builder, settings: settings, corpus: corpus)
        self.codec = codec
        self.reference = reference
        self.settings = settings
        self.builder = builder
        compressedBlock = block
    }

    static func buildBatch(_ builder: inout RecordBatchBuilder, settings: RecordBatchSettings, corpus: Corpus) throws -> [UInt8] {
        builder.reset(settings)
        for record in corpus.records {
            try builder.append(key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp)
        }
        try builder.finish()
        return builder.bytes
    }
}

/// Nanoseconds `body` takes.
@inline(__always)
func nanoseconds(_ body: () throws -> Void) rethrows -> Int {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Int(elapsed.components.seconds) * 1_000_000_000 + Int(elapsed.components.attoseconds / 1_000_000_000)
}

/// Runs the calls in a rotating order (so no call always finds the caches warmed by another)
/// and returns each one's nanoseconds, in the calls' order.
func interleaved(_ round: Int, _ calls: [() throws -> Void]) throws -> [Int] {
    var times = [Int](repeating: 0, count: calls.count)
    for step in 0..<calls.count {
        let index = (round + step) % calls.count
        times[index] = try nanoseconds(calls[index])
    }
    return times
}

/// Custom metrics of the paired benchmarks (nanoseconds, and kbench / raw in per mille).
enum Metric {
    static let raw = BenchmarkMetric.custom("raw codec (ns)")
    static let codec = BenchmarkMetric.custom("Kafka-framed codec (ns)")
    static let batch = BenchmarkMetric.custom("batch build/decode (ns)")
    static let codecRatio = BenchmarkMetric.custom("codec / raw (‰)")
    static let batchRatio = BenchmarkMetric.custom("batch / raw (‰)")
    static let paired: [BenchmarkMetric] = [raw, codec, batch, codecRatio, batchRatio]
}

extension Bench {
    func compressRaw(_ input: UnsafeRawBufferPointer) throws { blackHole(try reference.compress(input)) }

    func compressCodec(_ input: UnsafeRawBufferPointer) throws {
        output.removeAll(keepingCapacity: true)
        try codec.compress(input, appendingTo: &output)
        blackHole(output.count)
    }

    func buildBatch(_ corpus: Corpus) throws {
        builder.reset(settings)
        for record in corpus.records {
            try builder.append(key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp)
        }
        blackHole(try builder.finish())
    }

    func decompressRaw(_ size: Int) throws { blackHole(try reference.decompressLast(originalSize: size)) }

    func decompressCodec(_ input: UnsafeRawBufferPointer) throws {
        output.removeAll(keepingCapacity: true)
        try codec.decompress(input, appendingTo: &output, limit: defaultDecompressionLimit)
        blackHole(output.count)
    }

    func decodeBatch(_ codecs: CompressionCodecProvider) throws {
        var reader = LogSegmentReader(batch)
        guard let frame = try reader.next() else { return }
        var records = try frame.records(codecs: codecs)
        var count = 0
        while try records.nextView() != nil { count += 1 }
        blackHole(count)
    }

    /// Records one paired sample: raw, codec and batch times and the two ratios.
    func record(_ times: [Int], in benchmark: Benchmark) {
        benchmark.measurement(Metric.raw, times[0])
        benchmark.measurement(Metric.codec, times[1])
        benchmark.measurement(Metric.batch, times[2])
        benchmark.measurement(Metric.codecRatio, times[1] * 1000 / Swift.max(times[0], 1))
        benchmark.measurement(Metric.batchRatio, times[2] * 1000 / Swift.max(times[0], 1))
    }
}

let benchmarks: @Sendable () -> Void = {
    let corpus = Corpus(targetBytes: 1 << 20)
    let blockSize = corpus.recordsBlock.count
    let paired = Benchmark.Configuration(metrics: Metric.paired, warmupIterations: 2, maxDuration: .seconds(3), maxIterations: 300)
    let allocations = Benchmark.Configuration(metrics: [.mallocCountTotal], warmupIterations: 2, maxDuration: .seconds(1), maxIterations: 10)

    for configuration in Configuration.all {
        guard let state = try? Bench(configuration, corpus: corpus) else {
            Benchmark("setup failed: \(configuration.name)") { benchmark in benchmark.error("could not set up \(configuration.name)") }
            continue
        }
        let ratio = Double(blockSize) / Double(state.compressedBlock.count)
        let label = "\(configuration.name) [\(blockSize / 1024) KiB, ratio \((ratio * 100).rounded() / 100)]"
        var round = 0
        let provider = configuration.provider

        // Same bytes, same run, interleaved: bare library call, Kafka framing, whole batch.
        Benchmark("compress \(label)", configuration: paired) { benchmark in
            try corpus.recordsBlock.withUnsafeBytes { input in
                round += 1
                state.record(try interleaved(round, [
                    { try state.compressRaw(input) }, { try state.compressCodec(input) }, { try state.buildBatch(corpus) },
                ]), in: benchmark)
            }
        }
        Benchmark("decompress \(label)", configuration: paired) { benchmark in
            try state.compressedBlock.withUnsafeBytes { input in
                round += 1
                state.record(try interleaved(round, [
                    { try state.decompressRaw(blockSize) }, { try state.decompressCodec(input) }, { try state.decodeBatch(provider) },
                ]), in: benchmark)
            }
        }

        // Allocations per batch once warm.
        Benchmark("allocations: codec compress \(label)", configuration: allocations) { _ in
            try corpus.recordsBlock.withUnsafeBytes { try state.compressCodec($0) }
        }
        Benchmark("allocations: codec decompress \(label)", configuration: allocations) { _ in
            try state.compressedBlock.withUnsafeBytes { try state.decompressCodec($0) }
        }
        Benchmark("allocations: batch build \(label)", configuration: allocations) { _ in try state.buildBatch(corpus) }
        Benchmark("allocations: batch decode \(label)", configuration: allocations) { _ in try state.decodeBatch(provider) }
    }
}
