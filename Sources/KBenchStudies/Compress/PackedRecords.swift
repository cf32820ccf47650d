import KafkaRecords

/// A study's records in one contiguous buffer, so building a batch reads borrowed key and
/// value bytes — no array retains per record inside the timed loops.
final class PackedRecords {
    /// Keys and values back to back.
    let bytes: UnsafeMutableRawBufferPointer
    /// Where each record's key is in ``bytes``.
    let keys: [Range<Int>]
    /// Where each record's value is in ``bytes``.
    let values: [Range<Int>]
    /// Each record's timestamp.
    let timestamps: [Int64]

    init(_ records: StudyRecords) {
        let total = zip(records.keys, records.values).reduce(0) { $0 + $1.0.count + $1.1.count }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(total, 1), alignment: 64)
        var keys: [Range<Int>] = [], values: [Range<Int>] = []
        keys.reserveCapacity(records.count)
        values.reserveCapacity(records.count)
        var position = 0
        func store(_ field: [UInt8]) -> Range<Int> {
            let start = position
            field.withUnsafeBytes { source in
                if let from = source.baseAddress, let to = storage.baseAddress { (to + start).copyMemory(from: from, byteCount: source.count) }
            }
            position += field.count
            return start..<position
        }
        for (key, value) in zip(records.keys, records.values) {
            keys.append(store(key))
            values.append(store(value))
        }
        bytes = storage
        self.keys = keys
        self.values = values
        timestamps = records.timestamps
    }

    deinit {
        bytes.deallocate()
    }

    /// Appends records `range` to `builder` (the batch must have been reset), through one
    /// appender.
    func append(_ range: Range<Int>, to builder: inout RecordBatchBuilder) throws(RecordBatchEncodingError) {
        let base = UnsafeRawBufferPointer(bytes)
        try builder.withAppender { (appender) throws(RecordBatchEncodingError) in
            for index in range {
                try appender.append(
                    keyBytes: UnsafeRawBufferPointer(rebasing: base[keys[index]]),
                    valueBytes: UnsafeRawBufferPointer(rebasing: base[values[index]]),
                    timestamp: timestamps[index]
                )
            }
        }
    }

    /// Key and value bytes of records `range`.
    func payloadBytes(_ range: Range<Int>) -> Int {
        range.reduce(0) { $0 + keys[$1].count + values[$1].count }
    }
}
