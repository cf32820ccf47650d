/// A Kafka producer whose compression kbench reproduces byte for byte: the framing it writes,
/// the levels it accepts and how it calls the codec libraries.
///
/// Each case says exactly which client and version it matches; the batch filling rule of each
/// lives next to the batches (`KafkaRecords.ProducerBatchFilling`).
public enum ProducerClient: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// librdkafka 2.0.2 (Debian's librdkafka-dev, built against a shared libzstd; also the
    /// core of confluent-kafka-go/-python/-dotnet): snappy as ONE raw block from the snappy
    /// compressor librdkafka ships (src/rdkafka_msgset_writer.c, `rd_kafka_snappy_compress_iov`
    /// in src/snappy.c; ``LibrdkafkaSnappyCodec``), gzip as one zlib gzip
    /// stream (`deflateInit2(level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY)`), lz4 through
    /// LZ4F with independent 64 KiB blocks and no checksums (src/rdkafka_lz4.c), zstd through
    /// `ZSTD_initCStream(level)` without the input size (src/rdkafka_zstd.c); a fresh codec
    /// context per batch for every codec. `compression.level` −1…12 (src/rdkafka_conf.c), −1 =
    /// the codec default (src/rdkafka_topic.c: gzip `Z_DEFAULT_COMPRESSION` = 6, lz4 0,
    /// zstd 3; gzip above 9 runs as 9; snappy ignores it).
    case librdkafka
    /// The Apache Kafka Java producer 3.8+ (KIP-390, clients/…/common/compress/*.java):
    /// snappy as the xerial snappy-java stream (`SnappyOutputStream`, 32 KiB blocks), gzip as
    /// `GZIPOutputStream` (`GzipOutputStream`, `Deflater` at the level), lz4 as
    /// `Lz4BlockOutputStream` (64 KiB independent blocks; the default level 9 uses lz4-java's
    /// fast compressor, any other level its HC compressor), zstd through zstd-jni's
    /// `ZstdOutputStreamNoFinalizer` (a fresh stream per batch, no input size); a fresh
    /// compressor per batch. Levels from record/CompressionType.java: gzip 1…9 or −1 (=
    /// `Deflater.DEFAULT_COMPRESSION`, zlib 6), lz4 1…17 (default 9), zstd −131072…22
    /// (default 3).
    case java

    /// `librdkafka` or `java`.
    public var description: String { rawValue }

    /// The client and version matched, in a few words.
    public var matches: String {
        switch self {
        case .librdkafka: "librdkafka 2.0.2"
        case .java: "Apache Kafka Java producer 3.8+"
        }
    }

    /// Parses `librdkafka` or `java` (case-insensitive).
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue == name.lowercased() }) else { return nil }
        self = match
    }

    /// The snappy framing this client writes.
    public var snappyFraming: SnappyFraming {
        switch self {
        case .librdkafka: .raw
        case .java: .xerial
        }
    }
}
