/// How one client names and defaults a codec's compression level.
public struct ClientLevelSetting: Sendable, Hashable, Codable {
    /// The client configuration property (`compression.gzip.level`, `compression.level`, …).
    public let property: String
    /// The values the client accepts for this codec.
    public let accepted: ClosedRange<Int>
    /// The value the property has when unset.
    public let defaultValue: Int
    /// The kbench level that reproduces what the client does at its default.
    public let defaultEquivalent: Int?
    /// What the default means, in one line.
    public let meaning: String
}

/// The level scale of one codec in kbench, next to each client's own setting.
///
/// kbench levels are the C libraries' own scales: zlib 0–9, liblz4 (≤ 2 fast, negative =
/// acceleration `1 - level`, 3–12 HC, 13–17 as 12), zstd `ZSTD_minCLevel()`–22 (negative =
/// fast levels). Use ``kbenchLevel(forJava:)`` / ``kbenchLevel(forLibrdkafka:)`` to translate a
/// client's configuration value.
public struct CompressionLevels: Sendable, Hashable, Codable {
    /// The codec described.
    public let type: CompressionType
    /// The kbench levels accepted; `nil` when the codec has no levels (none, snappy).
    public let accepted: ClosedRange<Int>?
    /// The level used when none is given (the level both clients use by default).
    public let defaultLevel: Int?
    /// The Java producer's setting (KIP-390, Kafka 3.8+), `nil` when Java has none.
    public let java: ClientLevelSetting?
    /// librdkafka's `compression.level` for this codec, `nil` when it has no effect.
    public let librdkafka: ClientLevelSetting?
    /// How the level scale maps onto the library, in one line.
    public let scale: String

    /// The level information of `type`.
    public static func of(_ type: CompressionType) -> CompressionLevels {
        switch type {
        case .none: none
        case .gzip: gzip
        case .snappy: snappy
        case .lz4: lz4
        case .zstd: zstd
        }
    }

    /// Every codec's level information, in codec-id order.
    public static var all: [CompressionLevels] { CompressionType.allCases.map(of) }

    /// Whether `level` is accepted (nil, the default, always is).
    public func accepts(_ level: Int?) -> Bool {
        guard let level else { return true }
        return accepted?.contains(level) ?? false
    }

    /// The kbench level equivalent to the Java producer's `compression.<codec>.level` value.
    ///
    /// Java's gzip default `-1` is zlib's 6; Java's lz4 default 9 uses lz4-java's *fast*
    /// compressor (other values use its HC compressor at that level), i.e. kbench lz4 level 0.
    /// Java lz4 levels 1–2 (HC at those levels in lz4-java) map to kbench 1–2, which follow
    /// LZ4F's scale and compress fast: the closest kbench can name.
    public func kbenchLevel(forJava value: Int) -> Int? {
        switch type {
        case .none, .snappy: nil
        case .gzip: value == -1 ? 6 : value
        case .lz4: value == 9 ? 0 : value
        case .zstd: value
        }
    }

    /// The kbench level equivalent to librdkafka's `compression.level` value (`-1` = codec default).
    public func kbenchLevel(forLibrdkafka value: Int) -> Int? {
        guard value != -1 else { return defaultLevel }
        switch type {
        case .none, .snappy: return nil
        case .gzip, .lz4, .zstd: return value
        }
    }

    /// The levels worth sweeping in a report: the fastest, the default and the strongest of
    /// the usual range (no ultra or extreme-acceleration settings).
    public var representativeLevels: [Int?] {
        switch type {
        case .none, .snappy: [nil]
        case .gzip: [1, 6, 9]
        case .lz4: [0, 9, 12]
        case .zstd: [-5, 1, 3, 9, 19]
        }
    }
}

extension CompressionLevels {
    static let none = CompressionLevels(
        type: .none, accepted: nil, defaultLevel: nil, java: nil, librdkafka: nil,
        scale: "no compression"
    )

    static let gzip = CompressionLevels(
        type: .gzip, accepted: 0...9, defaultLevel: 6,
        java: ClientLevelSetting(
            property: "compression.gzip.level", accepted: 1...9, defaultValue: -1, defaultEquivalent: 6,
            meaning: "-1 = Deflater.DEFAULT_COMPRESSION, zlib level 6"
        ),
        librdkafka: ClientLevelSetting(
            property: "compression.level", accepted: 0...9, defaultValue: -1, defaultEquivalent: 6,
            meaning: "-1 = Z_DEFAULT_COMPRESSION, zlib level 6"
        ),
        scale: "zlib deflate level: 0 stored (librdkafka only), 1 fastest … 9 smallest"
    )

    static let snappy = CompressionLevels(
        type: .snappy, accepted: nil, defaultLevel: nil, java: nil,
        librdkafka: ClientLevelSetting(
            property: "compression.level", accepted: 0...0, defaultValue: -1, defaultEquivalent: nil,
            meaning: "snappy has no levels (librdkafka: only 0)"
        ),
        scale: "no levels; framing is raw (librdkafka) or xerial (Java)"
    )

    static let lz4 = CompressionLevels(
        type: .lz4, accepted: -64...17, defaultLevel: 0,
        java: ClientLevelSetting(
            property: "compression.lz4.level", accepted: 1...17, defaultValue: 9, defaultEquivalent: 0,
            meaning: "9 = lz4-java fast compressor; any other value = HC at that level"
        ),
        librdkafka: ClientLevelSetting(
            property: "compression.level", accepted: 0...12, defaultValue: -1, defaultEquivalent: 0,
            meaning: "-1 = LZ4F level 0: LZ4_compress_fast, acceleration 1"
        ),
        scale: "≤ 2 fast (level -n = acceleration n+1), 3…12 HC, 13…17 = HC 12"
    )

    static let zstd = CompressionLevels(
        type: .zstd, accepted: ZstdCodec.minimumLevel...ZstdCodec.maximumLevel, defaultLevel: 3,
        java: ClientLevelSetting(
            property: "compression.zstd.level", accepted: ZstdCodec.minimumLevel...ZstdCodec.maximumLevel,
            defaultValue: 3, defaultEquivalent: 3,
            meaning: "3 = ZSTD_CLEVEL_DEFAULT"
        ),
        librdkafka: ClientLevelSetting(
            property: "compression.level", accepted: 0...12, defaultValue: -1, defaultEquivalent: 3,
            meaning: "-1 = ZSTD_CLEVEL_DEFAULT (3); the property caps at 12"
        ),
        scale: "zstd level: negative = fast levels, 1…19 regular, 20…22 ultra; 0 = 3"
    )
}
