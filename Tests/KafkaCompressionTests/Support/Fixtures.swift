import KafkaCompression
import KBenchWorkloads
import Testing

/// Inputs every codec is exercised on.
enum Inputs {
    static let empty: [UInt8] = []
    static let tiny: [UInt8] = Array("k".utf8)
    static let small: [UInt8] = Array("hello, kafka".utf8)
    /// Incompressible: lz4 must store these blocks, snappy/zstd must cope with expansion.
    static let random = Samples.randomBytes(count: 200 * 1024, seed: 7)
    /// Highly compressible: one short line over and over.
    static let repetitive = Array(String(repeating: "compress me, compress me again; ", count: 8 * 1024).utf8)
    /// More than 1 MiB of realistic JSON events: several lz4 blocks and xerial blocks.
    static let largeJSON = Samples.jsonText(count: 1_200_000)

    /// Name and bytes of each input, for parameterised tests.
    static let all: [(String, [UInt8])] = [
        ("empty", empty), ("tiny", tiny), ("small", small), ("random", random),
        ("repetitive", repetitive), ("largeJSON", largeJSON),
    ]
}

/// Deterministic test data from kbench's one generator and one JSON event corpus
/// (KBenchWorkloads): the same seed gives the same bytes on every machine.
enum Samples {
    /// `count` uniformly random bytes (incompressible).
    static func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        generator.appendBytes(count, to: &bytes)
        return bytes
    }

    /// The `json` corpus's events joined by newlines, cut to exactly `count` bytes.
    static func jsonText(count: Int, seed: UInt64 = 42) -> [UInt8] {
        var events = PayloadCorpus.json.generator(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 1024)
        while bytes.count < count {
            if !bytes.isEmpty { bytes.append(0x0A) }
            bytes.append(contentsOf: events.nextRecord())
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}

/// Compresses `input` with `codec` into a fresh array.
func compress(_ codec: inout some CompressionCodec, _ input: [UInt8]) throws -> [UInt8] {
    var output: [UInt8] = []
    try input.withUnsafeBytes { try codec.compress($0, appendingTo: &output) }
    return output
}

/// Decompresses `input` with `codec` into a fresh array.
func decompress(
    _ codec: inout some CompressionCodec,
    _ input: [UInt8],
    limit: Int = defaultDecompressionLimit
) throws -> [UInt8] {
    var output: [UInt8] = []
    try input.withUnsafeBytes { try codec.decompress($0, appendingTo: &output, limit: limit) }
    return output
}

/// Runs `body` and returns the `CompressionError` it throws, recording an issue when it does not.
func compressionError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> CompressionError? {
    do {
        try body()
        Issue.record("expected a CompressionError, got success", sourceLocation: sourceLocation)
    } catch let error as CompressionError {
        return error
    } catch {
        Issue.record("expected a CompressionError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Whether `error` is `.corrupt` for `codec`.
func isCorrupt(_ error: CompressionError?, _ codec: CompressionType) -> Bool {
    if case .corrupt(let actual, _, _) = error { return actual == codec }
    return false
}

/// The offset of a `.corrupt` error.
func corruptOffset(_ error: CompressionError?) -> Int? {
    if case .corrupt(_, let offset, _) = error { return offset }
    return nil
}

/// Every codec configuration that writes a distinct format: all types, both snappy framings.
let writingConfigurations: [(String, CompressionType, CompressionOptions)] = [
    ("gzip", .gzip, CompressionOptions()),
    ("snappy-xerial", .snappy, CompressionOptions(snappyFraming: .xerial)),
    ("snappy-raw", .snappy, CompressionOptions(snappyFraming: .raw)),
    ("lz4", .lz4, CompressionOptions()),
    ("zstd", .zstd, CompressionOptions()),
]

extension Array where Element == UInt8 {
    /// Lower-case hex of the bytes.
    var hex: String { map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }
}
