import KafkaCompression

/// Where the batch builder and decoder get their codecs: by default `KafkaCompression.makeCodec`
/// (gzip, snappy, lz4, zstd in Kafka's framings). Supply your own to plug in another
/// implementation or a test double; the codec bits written to the attributes are always the
/// requested ``KafkaCompression/CompressionType``.
public struct CompressionCodecProvider: Sendable {
    /// Makes a fresh codec for a type and level (`nil` = the codec's default level).
    public let makeCodec: @Sendable (CompressionType, Int?) throws(CompressionError) -> any CompressionCodec

    /// A provider calling `makeCodec`.
    public init(_ makeCodec: @escaping @Sendable (CompressionType, Int?) throws(CompressionError) -> any CompressionCodec) {
        self.makeCodec = makeCodec
    }

    /// `KafkaCompression.makeCodec(_:level:)`.
    public static let kafkaCompression = CompressionCodecProvider { (type, level) throws(CompressionError) in
        try KafkaCompression.makeCodec(type, level: level)
    }
}
