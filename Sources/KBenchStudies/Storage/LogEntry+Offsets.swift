import KafkaRecords

extension LogEntry {
    /// Bytes of an entry's start that ``lastOffset`` and ``shallowTimestamp`` need (a v2
    /// header up to lastOffsetDelta; a v1 message up to its timestamp).
    package static let headerBytesForOffsets = 27

    /// The last offset the entry holds, as Kafka's `batch.lastOffset`: a v2 batch's base
    /// offset + lastOffsetDelta; a legacy message's offset field (a v1 wrapper carries the
    /// offset of its last inner message).
    package var lastOffset: Int64 {
        guard magic >= RecordBatchHeader.magicV2, bytes.count >= Self.headerBytesForOffsets else { return offsetField }
        return offsetField &+ Int64(LogEntryScanner.int32(bytes, at: 23))
    }

    /// The largest record timestamp of the entry, as kafka-dump-log computes it for the time
    /// index check: every record of the batch (LogAppendTime: the batch's), every message of
    /// a legacy entry (a compressed wrapper's inner messages; -1 for v0).
    package func maxRecordTimestamp(decompressor: inout RecordBatchDecompressor) throws(RecordBatchError) -> Int64 {
        guard magic >= RecordBatchHeader.magicV2 else {
            var records = try decompressor.records(of: try LegacyMessageFrame(parsing: bytes, at: 0))
            var maximum: Int64 = -1
            while let record = try records.next() { maximum = Swift.max(maximum, record.timestamp) }
            return maximum
        }
        var reader = LogSegmentReader(bytes)
        guard let frame = try reader.next() else { return -1 }
        var records = try decompressor.records(of: frame)
        var maximum: Int64 = -1
        while let view = try records.nextView() { maximum = Swift.max(maximum, view.timestamp) }
        return maximum
    }
}
