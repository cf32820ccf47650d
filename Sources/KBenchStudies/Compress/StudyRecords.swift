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

    /// Consecutive batches filled by librdkafka's rule (``LibrdkafkaBatchFilling``), starting
    /// at the first record. At most `maximumBatches`; fewer when the records run out.
    package func plan(librdkafka rule: LibrdkafkaBatchFilling, maximumBatches: Int) -> [Range<Int>] {
        plan(from: 0, maximumBatches: maximumBatches) { index, count, recordsBytes, _ in
            rule.admits(count: count, recordsBytes: recordsBytes, keyLength: keys[index].count, valueLength: values[index].count)
        }
    }

    /// Consecutive batches filled by the Java producer's rule (``JavaBatchFilling``), starting
    /// at the first record, the estimate updated after each batch from
    /// `compressedRecordsBytes` (the batch's records block compressed, in bytes).
    ///
    /// A compressed study starts from the estimate a long-running producer settles at, not
    /// Java's cold 1.0 (which takes about a hundred batches to come down by 0.005 steps): one
    /// batch is filled from 1.0, and its observed ratio becomes the starting estimate.
    package func plan(
        java rule: JavaBatchFilling, maximumBatches: Int,
        compressedRecordsBytes: (Range<Int>) throws(CompressionStudyError) -> Int
    ) throws(CompressionStudyError) -> [Range<Int>] {
        var rule = rule
        func nextBatch(from start: Int) -> Range<Int>? {
            plan(from: start, maximumBatches: 1) { _, count, bytes, size in rule.admits(count: count, recordsBytes: bytes, recordSize: size) }.first
        }
        if rule.isCompressed, let first = nextBatch(from: 0) {
            let records = recordsBytes(first)
            rule.estimatedRatio = records > 0 ? Float(try compressedRecordsBytes(first)) / Float(records) : 1
        }
        var batches: [Range<Int>] = []
        var start = 0
        while batches.count < maximumBatches, let batch = nextBatch(from: start) {
            batches.append(batch)
            if rule.isCompressed { rule.batchClosed(compressedBytes: try compressedRecordsBytes(batch), recordsBytes: recordsBytes(batch)) }
            start = batch.upperBound
        }
        return batches
    }

    /// Encoded bytes of the records of `batch` (its records block uncompressed).
    func recordsBytes(_ batch: Range<Int>) -> Int {
        batch.reduce(0) { $0 + encodedSize($1, offsetDelta: $1 - batch.lowerBound, baseTimestamp: timestamps[batch.lowerBound]) }
    }

    /// Consecutive batches from record `first`: record `index` joins while
    /// `fits(index, records in the batch, their encoded bytes, its encoded size)`.
    func plan(from first: Int, maximumBatches: Int, fits: (Int, Int, Int, Int) -> Bool) -> [Range<Int>] {
        var batches: [Range<Int>] = []
        var start = first
        while start < count, batches.count < maximumBatches {
            var size = 0
            var end = start
            while end < count {
                let next = encodedSize(end, offsetDelta: end - start, baseTimestamp: timestamps[start])
                guard fits(end, end - start, size, next) else { break }
                size += next
                end += 1
            }
            batches.append(start..<end)
            start = end
        }
        return batches
    }
}
