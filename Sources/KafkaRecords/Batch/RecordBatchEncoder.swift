import KafkaCompression

/// Encode everything at once.
public enum RecordBatchEncoder {
    /// Encodes `messages` into one batch; messages without a timestamp get `defaultTimestamp`
    /// (current time when `nil`).
    public static func encode(
        _ messages: [ProducerMessage],
        settings: RecordBatchSettings = RecordBatchSettings(),
        defaultTimestamp: Int64? = nil,
        codecs: CompressionCodecProvider = .kafkaCompression
    ) throws(RecordBatchEncodingError) -> [UInt8] {
        var builder = RecordBatchBuilder(settings: settings, capacity: estimatedCapacity(messages.count), codecs: codecs)
        let now = defaultTimestamp ?? currentTimeMillis()
        for message in messages {
            try builder.append(message, defaultTimestamp: now)
        }
        try builder.finish()
        return builder.bytes
    }

    /// Encodes decoded records with their stored deltas; with `RecordBatchSettings(header:)`
    /// of the batch they came from, the output equals the original uncompressed batch.
    public static func encode(
        _ records: [BatchRecord],
        settings: RecordBatchSettings,
        codecs: CompressionCodecProvider = .kafkaCompression
    ) throws(RecordBatchEncodingError) -> [UInt8] {
        var builder = RecordBatchBuilder(settings: settings, capacity: estimatedCapacity(records.count), codecs: codecs)
        for record in records {
            try builder.append(record)
        }
        try builder.finish()
        return builder.bytes
    }

    static func estimatedCapacity(_ count: Int) -> Int {
        RecordBatchHeader.size + Swift.min(count, 1 << 16) &* 64
    }
}
