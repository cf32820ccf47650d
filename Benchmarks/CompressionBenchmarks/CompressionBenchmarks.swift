// Kafka-framed compression next to the bare codec, on the same 1 MiB batch of JSON events, in
// the same run. Per codec and level:
//   raw compress / raw decompress      the library's one-shot call (RawCodecReference)
//   codec compress / codec decompress  kbench's Kafka framing on the same records block
//   batch build                        RecordBatchBuilder: append every record, compress, CRC
//   batch decode                       LogSegmentReader + decompress + walk every record view
// Target: framing + batch assembly within 5% of the raw codec. Ratios: compare p50 wall clock
// of "codec …" / "batch …" with "raw …" of the same configuration. mallocs show reuse: warm
// codec compress/decompress allocate nothing per batch.
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
        codec = try makeCodec(configuration.type, options: configuration.options)
        reference = try RawCodecReference(type: configuration.type, level: configuration.level, capacity: corpus.recordsBlock.count)
        try corpus.recordsBlock.withUnsafeBytes { try reference.compress($0) }
        settings = RecordBatchSettings(compression: configuration.type, compressionLevel: configuration.level)
        builder = RecordBatchBuilder(settings: settings, capacity: corpus.recordsBlock.count + 4096, codecs: configuration.provider)
        var block: [UInt8] = []
        try corpus.recordsBlock.withUnsafeBytes { try codec.compress($0, appendingTo: &block) }
        compressedBlock = block
        batch = try Bench.buildBatch(&builder, settings: settings, corpus: corpus)
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

let benchmarks: @Sendable () -> Void = {
    let corpus = Corpus(targetBytes: 1 << 20)
    let blockSize = corpus.recordsBlock.count
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 2,
        maxDuration: .seconds(2),
        maxIterations: 400
    )

    for configuration in Configuration.all {
        guard let state = try? Bench(configuration, corpus: corpus) else {
            Benchmark("setup failed: \(configuration.name)") { benchmark in benchmark.error("could not set up \(configuration.name)") }
            continue
        }
        let ratio = Double(blockSize) / Double(state.compressedBlock.count)
        let label = "\(configuration.name) [\(blockSize / 1024) KiB → ratio \((ratio * 100).rounded() / 100)]"

        Benchmark("raw compress \(label)") { benchmark in
            try corpus.recordsBlock.withUnsafeBytes { input in
                for _ in benchmark.scaledIterations { blackHole(try state.reference.compress(input)) }
            }
        }
        Benchmark("codec compress \(label)") { benchmark in
            try corpus.recordsBlock.withUnsafeBytes { input in
                for _ in benchmark.scaledIterations {
                    state.output.removeAll(keepingCapacity: true)
                    try state.codec.compress(input, appendingTo: &state.output)
                    blackHole(state.output.count)
                }
            }
        }
        Benchmark("batch build \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                state.builder.reset(state.settings)
                for record in corpus.records {
                    try state.builder.append(key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp)
                }
                blackHole(try state.builder.finish())
            }
        }
        Benchmark("raw decompress \(label)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try state.reference.decompressLast(originalSize: blockSize)) }
        }
        Benchmark("codec decompress \(label)") { benchmark in
            try state.compressedBlock.withUnsafeBytes { input in
                for _ in benchmark.scaledIterations {
                    state.output.removeAll(keepingCapacity: true)
                    try state.codec.decompress(input, appendingTo: &state.output, limit: defaultDecompressionLimit)
                    blackHole(state.output.count)
                }
            }
        }
        Benchmark("batch decode \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                var reader = LogSegmentReader(state.batch)
                guard let frame = try reader.next() else { continue }
                var records = try frame.records(codecs: configuration.provider)
                var count = 0
                while try records.nextView() != nil { count += 1 }
                blackHole(count)
            }
        }
    }
}
