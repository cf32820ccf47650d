extension CodecDescription {
    /// zstd (attributes codec 4): ``ZstdCodec``, zstd levels `ZSTD_minCLevel()`…22, default 3.
    public static let zstd = CodecDescription(
        type: .zstd,
        name: "zstd",
        levels: CompressionLevels(
            type: .zstd, accepted: ZstdCodec.minimumLevel...ZstdCodec.maximumLevel, defaultLevel: 3,
            java: .java("zstd", accepted: ZstdCodec.minimumLevel...ZstdCodec.maximumLevel, defaultValue: 3, defaultEquivalent: 3, meaning: "3 = ZSTD_CLEVEL_DEFAULT"),
            librdkafka: .librdkafka(accepted: 0...12, defaultEquivalent: 3, meaning: "-1 = ZSTD_CLEVEL_DEFAULT (3); the property caps at 12"),
            scale: "zstd level: negative = fast levels, 1…19 regular, 20…22 ultra; 0 = 3"
        ),
        makeCodec: { (options) throws(CompressionError) in try ZstdCodec(level: options.level) },
        notes: { options in
            guard let level = options.level else { return [] }
            if level < 0 { return ["fast"] }
            return level >= 20 ? ["ultra"] : []
        }
    )
}
