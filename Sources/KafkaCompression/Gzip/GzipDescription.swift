extension CodecDescription {
    /// gzip (attributes codec 1): ``GzipCodec``, zlib levels 0–9, default 6.
    public static let gzip = CodecDescription(
        type: .gzip,
        name: "gzip",
        levels: CompressionLevels(
            type: .gzip, accepted: 0...9, defaultLevel: 6,
            java: .java("gzip", accepted: 1...9, defaultValue: -1, defaultEquivalent: 6, meaning: "-1 = Deflater.DEFAULT_COMPRESSION, zlib level 6"),
            librdkafka: .librdkafka(accepted: 0...9, defaultEquivalent: 6, meaning: "-1 = Z_DEFAULT_COMPRESSION, zlib level 6"),
            scale: "zlib deflate level: 0 stored (librdkafka only), 1 fastest … 9 smallest"
        ),
        makeCodec: { (options) throws(CompressionError) in try GzipCodec(level: options.level) },
        notes: { options in
            switch options.level {
            case 1: ["fastest"]
            case 9: ["smallest"]
            default: []
            }
        }
    )
}
