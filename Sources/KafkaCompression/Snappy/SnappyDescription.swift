extension CodecDescription {
    /// snappy (attributes codec 2): ``SnappyCodec``, no levels, xerial (Java) or raw
    /// (librdkafka) framing.
    public static let snappy = CodecDescription(
        type: .snappy,
        name: "snappy",
        levels: CompressionLevels(
            type: .snappy, accepted: nil, defaultLevel: nil, java: nil,
            librdkafka: .librdkafka(accepted: 0...0, defaultEquivalent: nil, meaning: "snappy has no levels (librdkafka: only 0)"),
            scale: "no levels; framing is raw (librdkafka) or xerial (Java)"
        ),
        makeCodec: { (options) throws(CompressionError) in
            try SnappyCodec(framing: options.snappyFraming, level: options.level)
        },
        notes: { options in
            switch options.snappyFraming {
            case .xerial: ["xerial framing (Java)"]
            case .raw: ["raw framing (librdkafka)"]
            }
        }
    )
}
