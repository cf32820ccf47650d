/// One record inside a records block, located but not copied: every field's position in the
/// buffer it was read from (see ``RecordIterator/withUnsafeBytes(_:)``), and its decoded
/// integers. Reading records as views allocates nothing.
///
/// Wire layout: `length` varint (bytes after it), `attributes` int8, `timestampDelta` varlong,
/// `offsetDelta` varint, `keyLength` varint (-1 = null) + key, `valueLength` varint
/// (-1 = null) + value, `headerCount` varint, headers.
public struct RecordView: Sendable, Hashable {
    /// Index of the record in its batch (0-based).
    public var number: Int
    /// Absolute offset (`baseOffset + offsetDelta`).
    public var offset: Int64
    /// Timestamp (`baseTimestamp + timestampDelta`, or the batch max timestamp under LogAppendTime).
    public var timestamp: Int64
    /// Position of the `length` varint (the record's first byte).
    public var start: Int
    /// The declared `length`: bytes after the length varint.
    public var bodyLength: Int
    /// Position of the attributes byte.
    public var attributesStart: Int
    /// Record attributes (unused by Kafka: 0).
    public var attributes: Int8
    /// Position of the timestamp delta varlong.
    public var timestampDeltaStart: Int
    /// Timestamp delta relative to the batch base timestamp (may be negative).
    public var timestampDelta: Int64
    /// Position of the offset delta varint.
    public var offsetDeltaStart: Int
    /// Offset delta relative to the batch base offset.
    public var offsetDelta: Int32
    /// Position of the key length varint.
    public var keyLengthStart: Int
    /// Key bytes, or `nil` for a null key.
    public var key: Range<Int>?
    /// Position of the value length varint.
    public var valueLengthStart: Int
    /// Value bytes, or `nil` for a null value.
    public var value: Range<Int>?
    /// Position of the header count varint.
    public var headerCountStart: Int
    /// Number of headers.
    public var headerCount: Int32
    /// All header bytes (after the count).
    public var headers: Range<Int>
    /// Sequence number of this record (-1 without a base sequence).
    public var sequence: Int32

    /// One past the record's last byte.
    public var end: Int { headers.upperBound }
    /// Encoded size including the length varint.
    public var sizeInBytes: Int { end - start }
    /// Key length, -1 when null (as kafka-dump-log prints `keySize`).
    public var keySize: Int { key?.count ?? -1 }
    /// Value length, -1 when null (kafka-dump-log's `valueSize`).
    public var valueSize: Int { value?.count ?? -1 }
}

/// One header located in a records block buffer.
public struct HeaderView: Sendable, Hashable {
    /// Position of the key length varint.
    public var keyLengthStart: Int
    /// Key bytes (UTF-8).
    public var key: Range<Int>
    /// Position of the value length varint.
    public var valueLengthStart: Int
    /// Value bytes, or `nil` for a null value.
    public var value: Range<Int>?
    /// One past the header's last byte.
    public var end: Int { value?.upperBound ?? (valueLengthStart + 1) }
}

/// The record-level wire parser shared by the decoder and the anatomy view.
@usableFromInline
enum RecordWire {
    /// Parses the record starting at `cursor.index`; `header` supplies offsets and timestamps.
    @usableFromInline
    static func parseRecord(_ cursor: inout ByteCursor, number: Int, header: RecordBatchHeader) throws(RecordBatchError) -> RecordView {
        let start = cursor.index
        let length = try cursor.readVarint("records[\(number)].length")
        let bodyStart = cursor.index
        guard length >= 0, Int(length) <= cursor.remaining else {
            throw cursor.location.error("records[\(number)].length", at: start, .invalidLength(Int64(length), available: Swift.max(cursor.remaining, 0)))
        }
        let attributes = try cursor.readInteger(Int8.self, "records[\(number)].attributes")
        let timestampDeltaStart = cursor.index
        let timestampDelta = try cursor.readVarlong("records[\(number)].timestampDelta")
        let offsetDeltaStart = cursor.index
        let offsetDelta = try cursor.readVarint("records[\(number)].offsetDelta")
        let keyLengthStart = cursor.index
        let key = try cursor.readNullableBytes("records[\(number)].key")
        let valueLengthStart = cursor.index
        let value = try cursor.readNullableBytes("records[\(number)].value")
        let headerCountStart = cursor.index
        let headerCount = try cursor.readVarint("records[\(number)].headerCount")
        guard headerCount >= 0 else {
            throw cursor.location.error("records[\(number)].headerCount", at: headerCountStart, .invalidLength(Int64(headerCount), available: Swift.max(cursor.remaining, 0)))
        }
        let headersStart = cursor.index
        var headerNumber: Int32 = 0
        while headerNumber < headerCount {
            _ = try parseHeader(&cursor, record: number, header: Int(headerNumber))
            headerNumber &+= 1
        }
        let consumed = cursor.index &- bodyStart
        guard consumed == Int(length) else {
            throw cursor.location.error("records[\(number)].length", at: start, .recordLengthMismatch(declared: Int(length), consumed: consumed))
        }
        let timestamp = header.attributes.timestampType == .logAppendTime
            ? header.maxTimestamp
            : header.baseTimestamp &+ timestampDelta
        return RecordView(
            number: number,
            offset: header.baseOffset &+ Int64(offsetDelta),
            timestamp: timestamp,
            start: start,
            bodyLength: Int(length),
            attributesStart: bodyStart,
            attributes: attributes,
            timestampDeltaStart: timestampDeltaStart,
            timestampDelta: timestampDelta,
            offsetDeltaStart: offsetDeltaStart,
            offsetDelta: offsetDelta,
            keyLengthStart: keyLengthStart,
            key: key,
            valueLengthStart: valueLengthStart,
            value: value,
            headerCountStart: headerCountStart,
            headerCount: headerCount,
            headers: headersStart..<cursor.index,
            sequence: header.baseSequence >= 0
                ? RecordBatchHeader.sequence(base: header.baseSequence, delta: offsetDelta)
                : -1
        )
    }

    /// Parses one header (key never null, value nullable).
    @usableFromInline
    static func parseHeader(_ cursor: inout ByteCursor, record: Int, header: Int) throws(RecordBatchError) -> HeaderView {
        let keyLengthStart = cursor.index
        let key = try cursor.readBytes("records[\(record)].headers[\(header)].key")
        let valueLengthStart = cursor.index
        let value = try cursor.readNullableBytes("records[\(record)].headers[\(header)].value")
        return HeaderView(keyLengthStart: keyLengthStart, key: key, valueLengthStart: valueLengthStart, value: value)
    }
}
