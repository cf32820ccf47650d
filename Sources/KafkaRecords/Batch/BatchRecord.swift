/// A record decoded from a RecordBatch v2, with its absolute offset and timestamp and the
/// raw deltas and attributes it was stored with (so it can be re-encoded byte for byte with
/// ``RecordBatchBuilder/append(_:)``).
public struct BatchRecord: Sendable, Hashable, Codable {
    /// Absolute offset (`baseOffset + offsetDelta`).
    public var offset: Int64
    /// Timestamp in ms (the batch max timestamp under LogAppendTime).
    public var timestamp: Int64
    /// The batch's timestamp type.
    public var timestampType: TimestampType
    /// Key bytes; `nil` is a null key.
    public var key: [UInt8]?
    /// Value bytes; `nil` is a null value.
    public var value: [UInt8]?
    /// Headers in stored order.
    public var headers: [RecordHeader]
    /// Offset delta as stored.
    public var offsetDelta: Int32
    /// Timestamp delta as stored (relative to the batch base timestamp; may be negative).
    public var timestampDelta: Int64
    /// Record attributes byte as stored (Kafka writes 0).
    public var attributes: Int8
    /// Sequence number (`baseSequence + offsetDelta`, wrapping), -1 without one.
    public var sequence: Int32

    /// Creates a record from its parts (for building batches by hand); `offsetDelta`
    /// defaults to `offset` (a batch whose base offset is 0).
    public init(
        offset: Int64 = 0,
        timestamp: Int64,
        timestampType: TimestampType = .createTime,
        key: [UInt8]?,
        value: [UInt8]?,
        headers: [RecordHeader] = [],
        offsetDelta: Int32? = nil,
        timestampDelta: Int64 = 0,
        attributes: Int8 = 0,
        sequence: Int32 = -1
    ) {
        self.offset = offset
        self.timestamp = timestamp
        self.timestampType = timestampType
        self.key = key
        self.value = value
        self.headers = headers
        self.offsetDelta = offsetDelta ?? Int32(truncatingIfNeeded: offset)
        self.timestampDelta = timestampDelta
        self.attributes = attributes
        self.sequence = sequence
    }

    /// Copies the bytes a ``RecordView`` points at out of `buffer`.
    public init(_ view: RecordView, in buffer: UnsafeRawBufferPointer, timestampType: TimestampType) {
        var headers: [RecordHeader] = []
        // Each header takes at least 2 bytes: never reserve more than the bytes can hold.
        headers.reserveCapacity(Swift.min(Int(view.headerCount), view.headers.count / 2))
        var cursor = ByteCursor(buffer, from: view.headers.lowerBound, end: view.headers.upperBound)
        for number in 0..<Int(view.headerCount) {
            // Already validated by the parser that produced `view`.
            guard let header = try? RecordWire.parseHeader(&cursor, record: view.number, header: number) else { break }
            headers.append(RecordHeader(
                key: String(decoding: UnsafeRawBufferPointer(rebasing: buffer[header.key]), as: UTF8.self),
                value: header.value.map { Array(UnsafeRawBufferPointer(rebasing: buffer[$0])) }
            ))
        }
        self.init(
            offset: view.offset,
            timestamp: view.timestamp,
            timestampType: timestampType,
            key: view.key.map { Array(UnsafeRawBufferPointer(rebasing: buffer[$0])) },
            value: view.value.map { Array(UnsafeRawBufferPointer(rebasing: buffer[$0])) },
            headers: headers,
            offsetDelta: view.offsetDelta,
            timestampDelta: view.timestampDelta,
            attributes: view.attributes,
            sequence: view.sequence
        )
    }
}
