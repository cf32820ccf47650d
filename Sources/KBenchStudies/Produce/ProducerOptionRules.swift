/// The producer settings `kbench produce` takes as options (`--compression-level`,
/// `--linger-ms`, `--batch-size`, `--acks`) and `--sweep` takes by the same names: the values
/// each accepts and the librdkafka property each sets, stated once for both.
package enum ProducerOptionRules {
    /// `compression.level`: librdkafka's range (−1 = the codec's default).
    package static let compressionLevels = -1...12
    /// `linger.ms`: librdkafka's range.
    package static let lingerMilliseconds: ClosedRange<Double> = 0...900_000
    /// `batch.size` in bytes: librdkafka's range.
    package static let batchSizes = 1...Int(Int32.max)
    /// `acks` values.
    package static let acks = ["all", "-1", "0", "1"]

    /// kbench's option spellings and the librdkafka property each sets.
    package static let properties = [
        "compression": "compression.type", "compression-level": "compression.level",
        "batch-size": "batch.size", "linger-ms": "linger.ms", "acks": "acks",
    ]
}
