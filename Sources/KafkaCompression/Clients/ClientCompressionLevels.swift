/// The compression levels one client accepts for one codec, in the client's own configuration
/// scale (see ``ProducerClient`` for the sources), and how each value runs.
public struct ClientCompressionLevels: Sendable, Hashable {
    /// The client.
    public let client: ProducerClient
    /// The codec.
    public let type: CompressionType

    /// The levels of `type` as `client` configures them.
    public init(_ client: ProducerClient, _ type: CompressionType) {
        self.client = client
        self.type = type
    }

    /// Whether the codec has a level at all for this client (none and snappy have not).
    public var hasLevels: Bool { type != .none && type != .snappy }

    /// The configuration property (`compression.level`, `compression.zstd.level`); nil
    /// without levels.
    public var property: String? {
        guard hasLevels else { return nil }
        switch client {
        case .librdkafka: return "compression.level"
        case .java: return "compression.\(type).level"
        }
    }

    /// The values the client accepts, for messages: `-1...12 (-1 = default)`.
    public var acceptedText: String {
        guard hasLevels else { return "no levels" }
        switch (client, type) {
        case (.librdkafka, _): return "-1...12 (-1 = the codec default)"
        case (.java, .gzip): return "1...9 or -1 (= 6)"
        case (.java, .lz4): return "1...17"
        default: return "-131072...22"
        }
    }

    /// Whether the client accepts `value` (nil = unset: always).
    public func accepts(_ value: Int?) -> Bool {
        guard let value else { return true }
        guard hasLevels else { return false }
        switch (client, type) {
        case (.librdkafka, _): return (-1...12).contains(value)
        case (.java, .gzip): return (1...9).contains(value) || value == -1
        case (.java, .lz4): return (1...17).contains(value)
        default: return (-131_072...22).contains(value) && value >= ZstdCodec.minimumLevel
        }
    }

    /// The value the client uses when the property is unset, written as the level it runs
    /// (gzip 6, lz4 0 for librdkafka and 9 for Java, zstd 3); nil without levels.
    public var defaultLevel: Int? {
        switch type {
        case .none, .snappy: nil
        case .gzip: 6
        case .lz4: client == .java ? 9 : 0
        case .zstd: 3
        }
    }

    /// `value` written as the one value that runs the same on the wire: the default for
    /// librdkafka's −1, Java's gzip −1 and zstd 0 (Java's zstd −1 is zstd's fast level −1); librdkafka's gzip 10–12 as 9; lz4 13–17
    /// (Java) as 12. Nil stays nil (the default); values the client refuses are returned as
    /// they are.
    public func canonical(_ value: Int?) -> Int? {
        guard let value, hasLevels, accepts(value) else { return value ?? defaultLevel }
        switch (client, type) {
        case (.librdkafka, _) where value == -1, (.java, .gzip) where value == -1: return defaultLevel
        case (_, .zstd) where value == 0: return defaultLevel
        case (.librdkafka, .gzip): return Swift.min(value, 9)
        case (.java, .lz4): return Swift.min(value, 12)
        default: return value
        }
    }

    /// The levels a study sweeps by default: librdkafka gzip 1, 6, 9; lz4 0 (fast, default),
    /// 9 (HC); zstd 1, 3, 9, 12 (its highest). Java gzip 1, 6, 9; lz4 9 (fast, default), 8
    /// (HC); zstd −1, 1, 3, 9, 19.
    public var sweep: [Int?] {
        switch (client, type) {
        case (_, .none), (_, .snappy): [nil]
        case (_, .gzip): [1, 6, 9]
        case (.librdkafka, .lz4): [0, 9]
        case (.java, .lz4): [8, 9]
        case (.librdkafka, .zstd): [1, 3, 9, 12]
        case (.java, .zstd): [-1, 1, 3, 9, 19]
        }
    }

    /// The level on kbench's library scale (``CompressionLevels``) closest to what `value`
    /// runs (for the bare-library reference): Java lz4 9 is the fast compressor (0); Java lz4
    /// 1–2 run HC, which the library scale has not below 3.
    public func libraryLevel(_ value: Int?) -> Int? {
        guard let level = canonical(value) else { return nil }
        guard client == .java, type == .lz4 else { return level }
        return level == 9 ? 0 : Swift.max(level, 3)
    }

    /// What `value` means, in a few words: `fast, default`, `HC`, `raw block`.
    public func note(_ value: Int?) -> String {
        var words: [String] = []
        let level = canonical(value)
        switch type {
        case .none: words.append("no compression")
        case .snappy: words.append(client == .librdkafka ? "one raw block" : "xerial framing")
        case .gzip: if level == 1 { words.append("fastest") } else if level == 9 { words.append("smallest") }
        case .lz4:
            if let level { words.append(client == .java ? (level == 9 ? "fast" : "HC") : (level < 3 ? "fast" : "HC")) }
        case .zstd:
            if let level, level < 0 { words.append("fast") }
            if let level, level >= 20 { words.append("ultra") }
        }
        if level != nil, level == defaultLevel { words.append("default") }
        return words.joined(separator: ", ")
    }

    /// A fresh codec running `value` exactly as the client does (framing, compressor, zstd
    /// without the input size). Throws ``CompressionError/invalidLevel(codec:level:accepted:)``
    /// for a value the client refuses.
    public func makeCodec(_ value: Int?) throws(CompressionError) -> any CompressionCodec {
        guard accepts(value) else { throw .invalidLevel(codec: type, level: value ?? 0, accepted: "\(client): \(acceptedText)") }
        let level = canonical(value)
        switch type {
        case .none: return NoCompression()
        case .gzip: return try GzipCodec(level: level)
        case .snappy: return client == .librdkafka ? LibrdkafkaSnappyCodec() : try SnappyCodec(framing: .xerial)
        case .lz4:
            if client == .java, let level, level != 9 { return try LZ4FrameCodec(highCompressionLevel: level) }
            return try LZ4FrameCodec(level: client == .java ? 0 : level)
        case .zstd: return try ZstdCodec(level: level, pledgesContentSize: false)
        }
    }
}

extension ProducerClient {
    /// This client's levels for `type`.
    public func levels(_ type: CompressionType) -> ClientCompressionLevels {
        ClientCompressionLevels(self, type)
    }
}
