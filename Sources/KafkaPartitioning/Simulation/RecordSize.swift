/// Sizes of records and batches in the RecordBatch v2 format, as the Java producer estimates
/// them for `batch.size` and KIP-794's byte counts (uncompressed).
public enum RecordSize {
    /// Bytes of a RecordBatch v2 header (`DefaultRecordBatch.RECORD_BATCH_OVERHEAD`).
    public static let batchHeader = 61

    /// Bytes of one record in a batch: its length varint plus attributes, timestamp delta,
    /// offset delta, key (length −1 for null), value and an empty header array.
    public static func record(keyLength: Int?, valueLength: Int?, offsetDelta: Int, timestampDelta: Int64) -> Int {
        var body = 1  // attributes
        body += varlongSize(timestampDelta)
        body += varintSize(Int64(offsetDelta))
        body += fieldSize(keyLength)
        body += fieldSize(valueLength)
        body += 1  // header count 0
        return varintSize(Int64(body)) + body
    }

    /// Bytes of a nullable length-prefixed field.
    static func fieldSize(_ length: Int?) -> Int {
        guard let length else { return 1 }  // varint(-1)
        return varintSize(Int64(length)) + length
    }

    /// Bytes of a zigzag varint (32-bit).
    static func varintSize(_ value: Int64) -> Int {
        varlongSize(value)
    }

    /// Bytes of a zigzag varlong.
    static func varlongSize(_ value: Int64) -> Int {
        var zigzag = UInt64(bitPattern: (value &<< 1) ^ (value >> 63))
        var bytes = 1
        while zigzag >= 0x80 {
            zigzag >>= 7
            bytes += 1
        }
        return bytes
    }
}
