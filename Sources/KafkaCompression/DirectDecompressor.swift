/// Kafka's own decoders of every codec, kept batch after batch, that decode a records block
/// straight into memory the caller owns: for a reader of many small batches, what a batch
/// costs besides the codec call itself is a few checks (no existential codec, no output array
/// to grow, no closures).
///
/// ```swift
/// var decoder = DirectDecompressor()
/// let written = output.withUnsafeMutableBytes { decoder.decompress(.lz4, input, into: $0, limit: limit) }
/// if written == nil {  // did not fit, or needs the careful path: decode, or get the exact error
///     try decoder.decompress(.lz4, input, appendingTo: &grown, limit: limit)
/// }
/// ```
///
/// ``decompress(_:_:into:limit:)`` decodes what Kafka clients write when its content fits:
/// lz4 frames with Kafka's header (``LZ4Frame/header``), raw or xerial snappy, a single
/// standard zstd frame, uncompressed bytes. Anything else, and any input it finds wrong, it
/// leaves to ``decompress(_:_:appendingTo:limit:)``, which is exactly what the codecs of
/// ``makeCodec(_:options:)`` do (every check, typed errors with offsets). Both give the same
/// bytes for the same input. The zstd and gzip contexts are made on first use; copies share
/// them until one of them is used (copy-on-write).
public struct DirectDecompressor: Sendable {
    private var zstd: ZstdCodec?
    private var gzip: GzipCodec?

    /// A decompressor; nothing is allocated until a zstd or gzip block is read.
    public init() {}

    /// Decodes `input`, a records block compressed with `type`, into the start of `output`
    /// when that can be done directly: returns the number of bytes written (at most `limit`),
    /// or nil when the content does not fit `output` or `limit`, when the input is not in the
    /// form decoded directly, or when it is invalid. After nil the bytes of `output` are
    /// unspecified; ``decompress(_:_:appendingTo:limit:)`` then decodes the input or throws
    /// its error. gzip is never decoded directly.
    public mutating func decompress(
        _ type: CompressionType,
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer,
        limit: Int
    ) -> Int? {
        switch type {
        case .lz4: return LZ4FrameCodec.decodeDirect(input, into: output, limit: limit)
        case .snappy: return SnappyCodec.decodeDirect(input, into: output, limit: limit)
        case .zstd:
            if zstd == nil {
                guard let made = try? ZstdCodec() else { return nil }
                zstd = made
            }
            return zstd!.decodeDirect(input, into: output, limit: limit)
        case .none:
            guard input.count <= Swift.min(output.count, limit) else { return nil }
            if let source = input.baseAddress, let destination = output.baseAddress {
                destination.copyMemory(from: source, byteCount: input.count)
            }
            return input.count
        case .gzip: return nil
        }
    }

    /// Appends the content of `input`, a records block compressed with `type`, to `output`, at
    /// most `limit` bytes: what `decompress(_:appendingTo:limit:)` of the codec
    /// ``makeCodec(_:options:)`` makes for `type` does, with this decompressor's kept contexts.
    /// On failure `output` is left as it was.
    public mutating func decompress(
        _ type: CompressionType,
        _ input: UnsafeRawBufferPointer,
        appendingTo output: inout [UInt8],
        limit: Int
    ) throws(CompressionError) {
        switch type {
        case .lz4: try LZ4FrameCodec.decode(input, appendingTo: &output, limit: limit, checksHeader: true)
        case .snappy: try SnappyCodec.decode(input, appendingTo: &output, limit: limit)
        case .zstd:
            if zstd == nil { zstd = try ZstdCodec() }
            try zstd!.decompress(input, appendingTo: &output, limit: limit)
        case .gzip:
            if gzip == nil { gzip = try GzipCodec() }
            try gzip!.decompress(input, appendingTo: &output, limit: limit)
        case .none:
            var identity = NoCompression()
            try identity.decompress(input, appendingTo: &output, limit: limit)
        }
    }
}
