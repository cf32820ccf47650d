/// How snappy output is framed (reading always accepts both).
public enum SnappyFraming: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The xerial snappy-java stream the Java producer writes: magic, version 1, compatible
    /// version 1, then `[int32 BE length, raw snappy block]` for each 32 KiB of input.
    case xerial
    /// One raw snappy block, as librdkafka writes it.
    case raw

    /// `xerial` or `raw`.
    public var description: String { rawValue }
}

/// Everything that chooses a codec's output: the level and, for snappy, the framing.
public struct CompressionOptions: Sendable, Hashable, Codable {
    /// The kbench level (see ``CompressionLevels``); `nil` = the codec's default.
    public var level: Int?
    /// The snappy framing to write; ignored by other codecs. Default: ``SnappyFraming/xerial``
    /// (Java's framing, which every client reads).
    public var snappyFraming: SnappyFraming

    /// Options with the given level and snappy framing.
    public init(level: Int? = nil, snappyFraming: SnappyFraming = .xerial) {
        self.level = level
        self.snappyFraming = snappyFraming
    }

    /// Every codec at its default level, snappy xerial-framed.
    public static let `default` = CompressionOptions()
}
