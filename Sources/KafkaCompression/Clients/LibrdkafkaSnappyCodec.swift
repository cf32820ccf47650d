/// Snappy exactly as librdkafka 2.0.2 writes it: ONE raw snappy block from the compressor
/// librdkafka ships (src/snappy.c, kbench's internal `ClassicSnappyCompressor`), not libsnappy's; reads
/// any snappy input as ``SnappyCodec`` does. A fresh value per batch allocates its hash table
/// once, as librdkafka's `rd_kafka_snappy_init_env` does per batch.
public struct LibrdkafkaSnappyCodec: CompressionCodec, @unchecked Sendable {
    private var compressor: ClassicSnappyCompressor?
    private var reader = SnappyCodec.reader

    /// A codec; its hash table is allocated on first use.
    public init() {}

    /// Always ``CompressionType/snappy``.
    public var type: CompressionType { .snappy }

    /// Appends `input` as one raw snappy block from librdkafka's compressor.
    public mutating func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        let compressor: ClassicSnappyCompressor
        if isKnownUniquelyReferenced(&self.compressor), let existing = self.compressor {
            compressor = existing
        } else {
            compressor = ClassicSnappyCompressor()
            self.compressor = compressor
        }
        try compressor.compress(input, appendingTo: &output)
    }

    /// Appends the content of `input` (raw block or xerial stream), at most `limit` bytes.
    public mutating func decompress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], limit: Int) throws(CompressionError) {
        try reader.decompress(input, appendingTo: &output, limit: limit)
    }
}

extension SnappyCodec {
    /// A codec for reading (any framing; it holds no state).
    static var reader: SnappyCodec {
        // `framing` .xerial with no level cannot fail.
        (try? SnappyCodec(framing: .xerial)) ?? { preconditionFailure("SnappyCodec without a level failed") }()
    }
}
