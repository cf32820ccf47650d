import KafkaPartitioning
import KafkaRecords
import KBenchWorkloads

/// The records a compression study packs into batches: the payloads with realistic keys and
/// timestamps.
///
/// Keys are 16-character lowercase hex ids of 10,000 entities (the same entity recurs, as
/// customer or device ids do); timestamps start at 1,700,000,000,000 ms and advance 1–3 ms a
/// record (CreateTime). No headers.
package struct StudyRecords: Sendable {
    /// Entities the keys are drawn from.
    package static let keyEntities = 10_000
    /// Length of every key in bytes.
    package static let keyLength = 16
    /// Timestamp of the first record.
    package static let firstTimestamp: Int64 = 1_700_000_000_000

    /// Key of each record.
    package let keys: [[UInt8]]
    /// Value (payload) of each record.
    package let values: [[UInt8]]
    /// Timestamp of each record (ms).
    package let timestamps: [Int64]

    /// Keys and timestamps for `values`, drawn from `seed`.
    package init(values: [[UInt8]], seed: UInt64) {
        var random = SplitMix64(seed: seed ^ 0x6B65_7973)  // "keys"
        var keys: [[UInt8]] = []
        var timestamps: [Int64] = []
        keys.reserveCapacity(values.count)
        timestamps.reserveCapacity(values.count)
        var clock = Self.firstTimestamp
        for _ in values {
            let entity = UInt64(random.next(below: Self.keyEntities))
            let id = (entity &+ 1) &* 0x9E37_79B9_7F4A_7C15
            keys.append((0..<Self.keyLength).map { Hex.digit(UInt8(truncatingIfNeeded: id >> UInt64(60 - 4 * $0))) })
            clock += Int64(1 + random.next(below: 3))
            timestamps.append(clock)
        }
        self.keys = keys
        self.values = values
        self.timestamps = timestamps
    }

    /// Number of records.
    package var count: Int { values.count }

    /// Encoded size of record `index` when it is record `offsetDelta` of a batch whose base
    /// timestamp is `baseTimestamp` (no headers).
    func encodedSize(_ index: Int, offsetDelta: Int, baseTimestamp: Int64) -> Int {
        let key = keys[index].count, value = values[index].count
        let body = 1 + Varint.size(of: timestamps[index] - baseTimestamp) + Varint.size(of: Int32(clamping: offsetDelta))
            + Varint.size(of: Int32(clamping: key)) + key + Varint.size(of: Int32(clamping: value)) + value
            + Varint.size(of: Int32(0))
        return Varint.size(of: Int32(clamping: body)) + body
    }

    /// Consecutive batches of at most `batchSize` bytes (61-byte header plus uncompressed
    /// records), starting at the first record; a record larger than the batch gets a batch of
    /// its own, as producers do. At most `maximumBatches`; fewer when the records run out.
    package func plan(batchSize: Int, maximumBatches: Int) -> [Range<Int>] {
        var batches: [Range<Int>] = []
        var start = 0
        while start < count, batches.count < maximumBatches {
            var size = RecordBatchHeader.size
            var end = start
            while end < count {
                let next = encodedSize(end, offsetDelta: end - start, baseTimestamp: timestamps[start])
                if end > start, size + next > batchSize { break }
                size += next
                end += 1
            }
            batches.append(start..<end)
            start = end
        }
        return batches
    }
}
