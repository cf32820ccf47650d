/// A codec that makes a fresh inner codec for every call, as both producers do per batch
/// (librdkafka: `deflateInit2`, `LZ4F_createCompressionContext`, `ZSTD_createCStream` per
/// batch; Java: a new compressing output stream per batch): what a client pays per batch for
/// setting up a context is then timed too (high zstd levels allocate and clear large tables).
public struct PerBatchCodec: CompressionCodec, Sendable {
    /// The codec made for each call.
    public let type: CompressionType
    private let make: @Sendable () throws(CompressionError) -> any CompressionCodec

    /// A codec calling `make` for every batch; `type` is what `make` returns.
    public init(_ type: CompressionType, make: @escaping @Sendable () throws(CompressionError) -> any CompressionCodec) {
        self.type = type
        self.make = make
    }

    /// Compresses `input` with a fresh codec.
    public mutating func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        var codec = try make()
        try codec.compress(input, appendingTo: &output)
    }

    /// Decompresses `input` with a fresh codec.
    public mutating func decompress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], limit: Int) throws(CompressionError) {
        var codec = try make()
        try codec.decompress(input, appendingTo: &output, limit: limit)
    }
}

extension ProducerClient {
    /// A codec for `type` at `level` (the client's own scale, nil = its default) that writes
    /// what this client writes and, like the client, sets up a fresh context per batch.
    public func perBatchCodec(_ type: CompressionType, level: Int?) throws(CompressionError) -> PerBatchCodec {
        let levels = levels(type)
        _ = try levels.makeCodec(level)  // refuses a level the client refuses, now
        return PerBatchCodec(type) { () throws(CompressionError) in try levels.makeCodec(level) }
    }
}
