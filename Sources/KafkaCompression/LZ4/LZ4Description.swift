extension CodecDescription {
    /// lz4 (attributes codec 3): ``LZ4FrameCodec``, liblz4 levels -64…17 (≤ 2 fast, 3…12 HC),
    /// default 0.
    public static let lz4 = CodecDescription(
        type: .lz4,
        name: "lz4",
        levels: CompressionLevels(
            type: .lz4, accepted: -64...17, defaultLevel: 0,
            java: .java("lz4", accepted: 1...17, defaultValue: 9, defaultEquivalent: 0, meaning: "9 = lz4-java fast compressor; any other value = HC at that level"),
            librdkafka: .librdkafka(accepted: 0...12, defaultEquivalent: 0, meaning: "-1 = LZ4F level 0: LZ4_compress_fast, acceleration 1"),
            scale: "≤ 2 fast (level -n = acceleration n+1), 3…12 HC, 13…17 = HC 12"
        ),
        makeCodec: { (options) throws(CompressionError) in try LZ4FrameCodec(level: options.level) },
        notes: { options in
            guard let level = options.level else { return [] }
            if level < 0 { return ["fast, acceleration \(1 - level)"] }
            if level <= 2 { return ["fast"] }
            return level <= 12 ? ["HC"] : ["HC (as 12)"]
        }
    )
}
