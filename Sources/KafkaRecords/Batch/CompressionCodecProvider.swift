import KafkaCompression

/// Where the batch builder and decoder get their codecs: by default `KafkaCompression.makeCodec`
/// (gzip, snappy, lz4, zstd in Kafka's framings). Supply your own to plug in another
/// implementation or a test double; the codec bits written to the attributes are always the
/// requested `CompressionType`.
///
/// Builders and ``RecordBatchDecompressor`` keep the codecs they get and reuse them batch after
/// batch, so a provider is asked once per codec (and options), not once per batch.
public struct CompressionCodecProvider: Sendable {
    /// Makes a fresh codec for a type and level (`nil` = the codec's default level); other
    /// options (the snappy framing) are those of ``codec(_:options:)``'s defaults.
    public let makeCodec: @Sendable (CompressionType, Int?) throws(CompressionError) -> any CompressionCodec
    private let makeConfigured: @Sendable (CompressionType, CompressionOptions) throws(CompressionError) -> any CompressionCodec
    /// Whether this is ``kafkaCompression``, whose codecs' decoding ``RecordBatchDecompressor``
    /// does itself with KafkaCompression's `DirectDecompressor` (the same decoders, no
    /// existential call per batch).
    let isKafkaCompression: Bool

    /// A provider calling `makeCodec` with the type and level (options other than the level,
    /// such as ``RecordBatchSettings/snappyFraming``, are not passed on).
    public init(_ makeCodec: @escaping @Sendable (CompressionType, Int?) throws(CompressionError) -> any CompressionCodec) {
        self.makeCodec = makeCodec
        makeConfigured = { (type, options) throws(CompressionError) in try makeCodec(type, options.level) }
        isKafkaCompression = false
    }

    private init(
        makeCodec: @escaping @Sendable (CompressionType, Int?) throws(CompressionError) -> any CompressionCodec,
        makeConfigured: @escaping @Sendable (CompressionType, CompressionOptions) throws(CompressionError) -> any CompressionCodec,
        isKafkaCompression: Bool
    ) {
        self.makeCodec = makeCodec
        self.makeConfigured = makeConfigured
        self.isKafkaCompression = isKafkaCompression
    }

    /// A provider calling `makeCodec` with the type and every option (level, snappy framing).
    public static func configured(
        _ makeCodec: @escaping @Sendable (CompressionType, CompressionOptions) throws(CompressionError) -> any CompressionCodec
    ) -> CompressionCodecProvider {
        configured(makeCodec, isKafkaCompression: false)
    }

    private static func configured(
        _ makeCodec: @escaping @Sendable (CompressionType, CompressionOptions) throws(CompressionError) -> any CompressionCodec,
        isKafkaCompression: Bool
    ) -> CompressionCodecProvider {
        CompressionCodecProvider(
            makeCodec: { (type, level) throws(CompressionError) in try makeCodec(type, CompressionOptions(level: level)) },
            makeConfigured: makeCodec,
            isKafkaCompression: isKafkaCompression
        )
    }

    /// Makes a fresh codec for `type` configured by `options`.
    public func codec(_ type: CompressionType, options: CompressionOptions = .default) throws(CompressionError) -> any CompressionCodec {
        try makeConfigured(type, options)
    }

    /// `KafkaCompression.makeCodec(_:options:)`: every option of the settings honoured.
    public static let kafkaCompression = configured({ (type, options) throws(CompressionError) in
        try KafkaCompression.makeCodec(type, options: options)
    }, isKafkaCompression: true)
}
