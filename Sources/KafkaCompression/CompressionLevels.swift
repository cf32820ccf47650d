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

extension ClientLevelSetting {
    /// The Java producer's `compression.<codec>.level` (KIP-390, Kafka 3.8+).
    public static func java(
        _ codec: String, accepted: ClosedRange<Int>, defaultValue: Int, defaultEquivalent: Int, meaning: String
    ) -> ClientLevelSetting {
        ClientLevelSetting(
            property: "compression.\(codec).level", accepted: accepted, defaultValue: defaultValue,
            defaultEquivalent: defaultEquivalent, meaning: meaning
        )
    }

    /// librdkafka's `compression.level`: one property for every codec, whose default `-1`
    /// stands for the codec's own default.
    public static func librdkafka(accepted: ClosedRange<Int>, defaultEquivalent: Int?, meaning: String) -> ClientLevelSetting {
        ClientLevelSetting(
            property: "compression.level", accepted: accepted, defaultValue: -1,
            defaultEquivalent: defaultEquivalent, meaning: meaning
        )
    }
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

    /// A codec's level scale (each codec's ``CodecDescription`` holds one; a client profile can
    /// refine a copy).
    public init(
        type: CompressionType, accepted: ClosedRange<Int>?, defaultLevel: Int?,
        java: ClientLevelSetting?, librdkafka: ClientLevelSetting?, scale: String
    ) {
        self.type = type
        self.accepted = accepted
        self.defaultLevel = defaultLevel
        self.java = java
        self.librdkafka = librdkafka
        self.scale = scale
    }

    /// The level information of `type` (its ``CodecDescription/levels``).
    public static func of(_ type: CompressionType) -> CompressionLevels { type.codec.levels }

    /// Every codec's level information, in codec-id order.
    public static var all: [CompressionLevels] { CompressionType.allCases.map(of) }

    /// Whether `level` is accepted (nil, the default, always is).
    public func accepts(_ level: Int?) -> Bool {
        guard let level else { return true }
        return accepted?.contains(level) ?? false
    }

    /// Throws ``CompressionError/invalidLevel(codec:level:accepted:)`` unless `level` is accepted.
    public func check(_ level: Int?) throws(CompressionError) {
        guard accepts(level) else {
            let range = accepted.map { "\($0.lowerBound)...\($0.upperBound)" } ?? "no levels"
            throw .invalidLevel(codec: type, level: level ?? 0, accepted: range)
        }
    }

    /// The kbench level equivalent to the Java producer's `compression.<codec>.level` value: the
    /// Java setting's ``ClientLevelSetting/defaultEquivalent`` for its default value, else the
    /// value itself; nil when Java has no level for the codec.
    ///
    /// Java's gzip default `-1` is zlib's 6; Java's lz4 default 9 uses lz4-java's *fast*
    /// compressor (other values use its HC compressor at that level), i.e. kbench lz4 level 0.
    /// Java lz4 levels 1–2 (HC at those levels in lz4-java) map to kbench 1–2, which follow
    /// LZ4F's scale and compress fast: the closest kbench can name.
    public func kbenchLevel(forJava value: Int) -> Int? {
        guard let java else { return nil }
        return value == java.defaultValue ? java.defaultEquivalent : value
    }

    /// The kbench level equivalent to librdkafka's `compression.level` value (`-1` = codec
    /// default); nil for a codec without levels.
    public func kbenchLevel(forLibrdkafka value: Int) -> Int? {
        guard value != -1 else { return defaultLevel }
        return accepted == nil ? nil : value
    }
}
