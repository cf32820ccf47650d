import CSnappy

/// Kafka's snappy codec (attributes codec 2) over libsnappy.
///
/// Writes either the xerial snappy-java stream (Java's framing, the default) or one raw snappy
/// block (librdkafka's); reads both, telling them apart by the xerial magic as librdkafka and
/// kafka-python do. Snappy has no levels. Every block's claimed uncompressed length is checked
/// against the ceiling, and against what its compressed size can expand to, before any room is
/// reserved for it. The codec holds no C state, so a warm output array is all the reuse needed.
public struct SnappyCodec: CompressionCodec, Sendable {
    /// The framing written by ``compress(_:appendingTo:)``.
    public let framing: SnappyFraming

    /// A snappy codec writing `framing`; `level` must be nil or 0 (librdkafka's only value).
    public init(framing: SnappyFraming = .xerial, level: Int? = nil) throws(CompressionError) {
        if level != 0 { try checkLevel(level, for: .snappy) }
        self.framing = framing
    }

    /// Always ``CompressionType/snappy``.
    public var type: CompressionType { .snappy }

    /// Appends `input` snappy-compressed in this codec's framing.
    public mutating func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        try appendingAtomically(&output) { (output: inout [UInt8]) throws(CompressionError) in
            switch framing {
            case .raw: try SnappyBlock.compress(input, appendingTo: &output)
            case .xerial: try XerialFraming.compress(input, appendingTo: &output)
            }
        }
    }

    /// Appends the content of `input` (xerial stream or raw block), at most `limit` bytes.
    public mutating func decompress(
        _ input: UnsafeRawBufferPointer,
        appendingTo output: inout [UInt8],
        limit: Int
    ) throws(CompressionError) {
        try Self.decode(input, appendingTo: &output, limit: limit)
    }

    /// ``decompress(_:appendingTo:limit:)``, which needs no state.
    static func decode(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], limit: Int) throws(CompressionError) {
        try appendingAtomically(&output) { (output: inout [UInt8]) throws(CompressionError) in
            if XerialFraming.isXerial(input) {
                try XerialFraming.decompress(input, appendingTo: &output, limit: limit)
            } else {
                _ = try SnappyBlock.decompress(input, at: 0, appendingTo: &output, budget: limit, limit: limit)
            }
        }
    }
}

/// One raw snappy block (libsnappy's format: varint length, then elements).
enum SnappyBlock {
    /// The most a snappy block can expand: a 3-byte copy element yields at most 64 bytes.
    static func maximumExpansion(ofCompressed count: Int) -> Int {
        saturatingMultiply(count, 64) / 3 + 1
    }

    /// Appends `input` as one raw snappy block.
    static func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        guard input.count <= Int(UInt32.max) else {
            throw .library(codec: .snappy, reason: "snappy blocks hold at most 4 GiB, got \(input.count) bytes")
        }
        let bound = snappy_max_compressed_length(input.count)
        var status = SNAPPY_OK
        output.appendUninitialized(capacity: bound) { buffer in
            compressBlock(input, into: buffer, status: &status)
        }
        guard status == SNAPPY_OK else {
            throw .library(codec: .snappy, reason: "snappy_compress failed (status \(status.rawValue))")
        }
    }

    /// Compresses `input` into the start of `buffer` (at least `snappy_max_compressed_length`).
    static func compressBlock(_ input: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawBufferPointer, status: inout snappy_status) -> Int {
        guard let destination = buffer.baseAddress else { return 0 }
        var length = buffer.count
        let source = input.baseAddress ?? UnsafeRawPointer(destination)  // an empty input reads nothing
        status = snappy_compress(
            source.assumingMemoryBound(to: CChar.self), input.count,
            destination.assumingMemoryBound(to: CChar.self), &length
        )
        return status == SNAPPY_OK ? length : 0
    }

    /// Decompresses the raw block `block` (found at `offset` of the codec input) and appends it,
    /// failing when it would produce more than `budget` bytes (what is left of `limit`).
    /// Returns the number of bytes appended.
    static func decompress(
        _ block: UnsafeRawBufferPointer,
        at offset: Int,
        appendingTo output: inout [UInt8],
        budget: Int,
        limit: Int
    ) throws(CompressionError) -> Int {
        guard let source = block.baseAddress?.assumingMemoryBound(to: CChar.self), !block.isEmpty else {
            throw .corrupt(codec: .snappy, offset: offset, reason: "empty snappy block")
        }
        var claimed = 0
        guard snappy_uncompressed_length(source, block.count, &claimed) == SNAPPY_OK else {
            throw .corrupt(codec: .snappy, offset: offset, reason: "unreadable uncompressed-length varint")
        }
        guard claimed <= budget else { throw .outputLimitExceeded(codec: .snappy, limit: limit) }
        guard claimed <= maximumExpansion(ofCompressed: block.count) else {
            throw .corrupt(
                codec: .snappy, offset: offset,
                reason: "block claims \(claimed) bytes, more than \(block.count) compressed bytes can expand to"
            )
        }
        guard claimed > 0 else {
            guard snappy_validate_compressed_buffer(source, block.count) == SNAPPY_OK else {
                throw .corrupt(codec: .snappy, offset: offset, reason: "invalid empty snappy block")
            }
            return 0
        }
        var status = SNAPPY_OK
        let start = output.count
        output.reserveDecompressed(claimed, start: start, limit: budget)
        output.appendUninitialized(capacity: claimed) { buffer in
            guard let destination = buffer.baseAddress else { return 0 }
            var length = buffer.count
            status = snappy_uncompress(source, block.count, destination.assumingMemoryBound(to: CChar.self), &length)
            return status == SNAPPY_OK ? length : 0
        }
        guard status == SNAPPY_OK else {
            throw .corrupt(codec: .snappy, offset: offset, reason: "invalid snappy block (status \(status.rawValue))")
        }
        return claimed
    }
}
