/// The codec identifiers stored in bits 0–2 of a RecordBatch's `attributes` field.
public enum CompressionType: UInt8, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// No compression (attributes codec bits 0).
    case none = 0
    /// A gzip (RFC 1952) stream (codec bits 1).
    case gzip = 1
    /// Snappy, raw block (librdkafka) or xerial-framed (Java) (codec bits 2).
    case snappy = 2
    /// The LZ4 frame format as Kafka writes it (codec bits 3).
    case lz4 = 3
    /// A standard zstd frame (codec bits 4).
    case zstd = 4

    /// Everything about this codec: name, levels, how to make it (see ``CodecDescription``).
    ///
    /// The registry of codecs: a new codec adds its case above and its line here.
    public var codec: CodecDescription {
        switch self {
        case .none: .none
        case .gzip: .gzip
        case .snappy: .snappy
        case .lz4: .lz4
        case .zstd: .zstd
        }
    }

    /// The name Kafka tools and client configurations use (`compression.type`).
    public var description: String { codec.name }

    /// Parses a `compression.type` name (`none`, `gzip`, `snappy`, `lz4`, `zstd`).
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.description == name.lowercased() }) else {
            return nil
        }
        self = match
    }
}

/// Errors raised while compressing or decompressing a batch's records block.
public enum CompressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The codec is not available (unknown codec bits, or not implemented in this build).
    case unsupported(codec: UInt8)
    /// Decompression would produce more than `limit` bytes (a decompression bomb or a too-low ceiling).
    case outputLimitExceeded(codec: CompressionType, limit: Int)
    /// The compressed input is malformed; `offset` is the byte offset inside the compressed block, when known.
    case corrupt(codec: CompressionType, offset: Int?, reason: String)
    /// The underlying C library reported a failure.
    case library(codec: CompressionType, reason: String)
    /// The requested level is outside what the codec accepts (see ``CompressionLevels``).
    case invalidLevel(codec: CompressionType, level: Int, accepted: String)

    /// A one-line, human-readable explanation.
    public var description: String {
        switch self {
        case .unsupported(let codec):
            "unsupported compression codec \(codec)"
        case .outputLimitExceeded(let codec, let limit):
            "\(codec) block expands past the decompression ceiling of \(limit) bytes"
        case .corrupt(let codec, let offset, let reason):
            if let offset {
                "corrupt \(codec) data at byte \(offset) of the compressed block: \(reason)"
            } else {
                "corrupt \(codec) data: \(reason)"
            }
        case .library(let codec, let reason):
            "\(codec) library error: \(reason)"
        case .invalidLevel(let codec, let level, let accepted):
            "\(codec) does not accept level \(level) (accepted: \(accepted))"
        }
    }
}

/// A codec that turns a batch's records block into Kafka's compressed framing and back.
///
/// Implementations keep their scratch state (contexts, buffers) between calls, so that
/// compressing batch after batch allocates nothing once warm; hence `mutating`.
public protocol CompressionCodec {
    /// Which codec this is (the value written into the batch attributes).
    var type: CompressionType { get }

    /// Appends the compressed form of `input` to `output`.
    mutating func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError)

    /// Appends the decompressed form of `input` to `output`.
    ///
    /// Fails with ``CompressionError/outputLimitExceeded(codec:limit:)`` as soon as the output
    /// would pass `limit` bytes, without first allocating anything near the claimed size.
    mutating func decompress(
        _ input: UnsafeRawBufferPointer,
        appendingTo output: inout [UInt8],
        limit: Int
    ) throws(CompressionError)
}

/// The identity codec (`compression.type=none`).
public struct NoCompression: CompressionCodec, Sendable {
    /// Creates the identity codec.
    public init() {}

    /// Always ``CompressionType/none``.
    public var type: CompressionType { .none }

    /// Appends `input` unchanged.
    public mutating func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        output.append(contentsOf: input)
    }

    /// Appends `input` unchanged, failing when it is longer than `limit`.
    public mutating func decompress(
        _ input: UnsafeRawBufferPointer,
        appendingTo output: inout [UInt8],
        limit: Int
    ) throws(CompressionError) {
        guard input.count <= limit else { throw .outputLimitExceeded(codec: .none, limit: limit) }
        output.append(contentsOf: input)
    }
}

extension CodecDescription {
    /// none (attributes codec 0): ``NoCompression``, no levels.
    public static let none = CodecDescription(
        type: .none,
        name: "none",
        levels: CompressionLevels(
            type: .none, accepted: nil, defaultLevel: nil, java: nil, librdkafka: nil,
            scale: "no compression"
        ),
        makeCodec: { (options) throws(CompressionError) in
            try checkLevel(options.level, for: .none)
            return NoCompression()
        },
        notes: { _ in ["no compression"] }
    )
}
