/// One record inside a records block, located but not copied: every field's position in the
/// buffer it was read from (see ``RecordIterator/withUnsafeBytes(_:)``), and its decoded
/// integers. Reading records as views allocates nothing.
///
/// Wire layout: `length` varint (bytes after it), `attributes` int8, `timestampDelta` varlong,
/// `offsetDelta` varint, `keyLength` varint (-1 = null) + key, `valueLength` varint
/// (-1 = null) + value, `headerCount` varint, headers.
public struct RecordView: Sendable, Hashable {
    // Stored compactly (80 bytes) so that walking records copies little: positions inside
    // the record are 32-bit offsets from `start`, varint sizes are bytes. Every position is
    // kept as read, so non-minimal varint encodings are located exactly.
    @usableFromInline var _start: Int
    @usableFromInline var _offset: Int64
    @usableFromInline var _timestamp: Int64
    @usableFromInline var _timestampDelta: Int64
    @usableFromInline var _number: Int32
    @usableFromInline var _bodyLength: Int32
    @usableFromInline var _offsetDelta: Int32
    @usableFromInline var _headerCount: Int32
    @usableFromInline var _sequence: Int32
    @usableFromInline var _keyLength: Int32      // -1 = null
    @usableFromInline var _valueLength: Int32    // -1 = null
    @usableFromInline var _keyLengthStart: UInt32    // relative to start
    @usableFromInline var _valueLengthStart: UInt32  // relative to start
    @usableFromInline var _headerCountStart: UInt32  // relative to start
    @usableFromInline var _end: UInt32               // relative to start
    @usableFromInline var _lengthSize: UInt8
    @usableFromInline var _timestampDeltaSize: UInt8
    @usableFromInline var _keyLengthSize: UInt8
    @usableFromInline var _valueLengthSize: UInt8
    @usableFromInline var _headerCountSize: UInt8
    @usableFromInline var _attributes: Int8

    @inlinable
    init() {
        _start = 0; _offset = 0; _timestamp = 0; _timestampDelta = 0
        _number = 0; _bodyLength = 0; _offsetDelta = 0; _headerCount = 0; _sequence = -1
        _keyLength = -1; _valueLength = -1
        _keyLengthStart = 0; _valueLengthStart = 0; _headerCountStart = 0; _end = 0
        _lengthSize = 0; _timestampDeltaSize = 0; _keyLengthSize = 0; _valueLengthSize = 0; _headerCountSize = 0
        _attributes = 0
    }

    /// Index of the record in its batch (0-based).
    @inlinable public var number: Int { Int(_number) }
    /// Absolute offset (`baseOffset + offsetDelta`).
    @inlinable public var offset: Int64 { _offset }
    /// Timestamp (`baseTimestamp + timestampDelta`, or the batch max timestamp under LogAppendTime).
    @inlinable public var timestamp: Int64 { _timestamp }
    /// Position of the `length` varint (the record's first byte).
    @inlinable public var start: Int { _start }
    /// The declared `length`: bytes after the length varint.
    @inlinable public var bodyLength: Int { Int(_bodyLength) }
    /// Position of the attributes byte.
    @inlinable public var attributesStart: Int { _start &+ Int(_lengthSize) }
    /// Record attributes (unused by Kafka: 0).
    @inlinable public var attributes: Int8 { _attributes }
    /// Position of the timestamp delta varlong.
    @inlinable public var timestampDeltaStart: Int { attributesStart &+ 1 }
    /// Timestamp delta relative to the batch base timestamp (may be negative).
    @inlinable public var timestampDelta: Int64 { _timestampDelta }
    /// Position of the offset delta varint.
    @inlinable public var offsetDeltaStart: Int { timestampDeltaStart &+ Int(_timestampDeltaSize) }
    /// Offset delta relative to the batch base offset.
    @inlinable public var offsetDelta: Int32 { _offsetDelta }
    /// Position of the key length varint.
    @inlinable public var keyLengthStart: Int { _start &+ Int(_keyLengthStart) }
    /// Key bytes, or `nil` for a null key.
    @inlinable public var key: Range<Int>? {
        guard _keyLength >= 0 else { return nil }
        let from = keyLengthStart &+ Int(_keyLengthSize)
        return Range(uncheckedBounds: (from, from &+ Int(_keyLength)))  // the length is not negative here
    }
    /// Position of the value length varint.
    @inlinable public var valueLengthStart: Int { _start &+ Int(_valueLengthStart) }
    /// Value bytes, or `nil` for a null value.
    @inlinable public var value: Range<Int>? {
        guard _valueLength >= 0 else { return nil }
        let from = valueLengthStart &+ Int(_valueLengthSize)
        return Range(uncheckedBounds: (from, from &+ Int(_valueLength)))  // the length is not negative here
    }
    /// Position of the header count varint.
    @inlinable public var headerCountStart: Int { _start &+ Int(_headerCountStart) }
    /// Number of headers.
    @inlinable public var headerCount: Int32 { _headerCount }
    /// All header bytes (after the count).
    @inlinable public var headers: Range<Int> { (headerCountStart &+ Int(_headerCountSize))..<end }
    /// Sequence number of this record (-1 without a base sequence).
    @inlinable public var sequence: Int32 { _sequence }
    /// One past the record's last byte.
    @inlinable public var end: Int { _start &+ Int(_end) }
    /// Encoded size including the length varint.
    @inlinable public var sizeInBytes: Int { Int(_end) }
    /// Key length, -1 when null (as kafka-dump-log prints `keySize`).
    @inlinable public var keySize: Int { Int(_keyLength) }
    /// Value length, -1 when null (kafka-dump-log's `valueSize`).
    @inlinable public var valueSize: Int { Int(_valueLength) }
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
    public var end: Int

    @usableFromInline
    init(keyLengthStart: Int, key: Range<Int>, valueLengthStart: Int, value: Range<Int>?, end: Int) {
        self.keyLengthStart = keyLengthStart
        self.key = key
        self.valueLengthStart = valueLengthStart
        self.value = value
        self.end = end
    }
}

/// The record-level wire parser shared by the decoder and the anatomy view.
@usableFromInline
enum RecordWire {
    /// Parses the record starting at `cursor.index` into `view`; `header` supplies offsets
    /// and timestamps. Field names for errors are built only when failing.
    @inlinable
    static func parseRecord(_ cursor: inout ByteCursor, number: Int32, header: RecordBatchHeader, into view: inout RecordView) throws(RecordBatchError) {
        let start = cursor.index
        let length = try cursor.readVarint("records[\(number)].length")
        let bodyStart = cursor.index
        guard length >= 0, Int(length) <= cursor.remaining else {
            throw cursor.location.error("records[\(number)].length", at: start, .invalidLength(Int64(length), available: Swift.max(cursor.remaining, 0)))
        }
        view._start = start
        view._number = number
        view._bodyLength = length
        view._lengthSize = UInt8(truncatingIfNeeded: bodyStart &- start)
        view._attributes = try cursor.readInteger(Int8.self, "records[\(number)].attributes")
        let timestampDeltaStart = cursor.index
        view._timestampDelta = try cursor.readVarlong("records[\(number)].timestampDelta")
        view._timestampDeltaSize = UInt8(truncatingIfNeeded: cursor.index &- timestampDeltaStart)
        view._offsetDelta = try cursor.readVarint("records[\(number)].offsetDelta")
        var fieldStart = cursor.index
        view._keyLengthStart = UInt32(truncatingIfNeeded: fieldStart &- start)
        view._keyLength = try cursor.readLengthPrefix(nullable: true, "records[\(number)].key")
        view._keyLengthSize = UInt8(truncatingIfNeeded: cursor.index &- fieldStart)
        if view._keyLength > 0 { cursor.index &+= Int(view._keyLength) }
        fieldStart = cursor.index
        view._valueLengthStart = UInt32(truncatingIfNeeded: fieldStart &- start)
        view._valueLength = try cursor.readLengthPrefix(nullable: true, "records[\(number)].value")
        view._valueLengthSize = UInt8(truncatingIfNeeded: cursor.index &- fieldStart)
        if view._valueLength > 0 { cursor.index &+= Int(view._valueLength) }
        fieldStart = cursor.index
        view._headerCountStart = UInt32(truncatingIfNeeded: fieldStart &- start)
        let headerCount = try cursor.readVarint("records[\(number)].headerCount")
        guard headerCount >= 0 else {
            throw cursor.location.error("records[\(number)].headerCount", at: fieldStart, .invalidLength(Int64(headerCount), available: Swift.max(cursor.remaining, 0)))
        }
        view._headerCount = headerCount
        view._headerCountSize = UInt8(truncatingIfNeeded: cursor.index &- fieldStart)
        var headerNumber: Int32 = 0
        while headerNumber < headerCount {
            _ = try parseHeader(&cursor, record: Int(number), header: Int(headerNumber))
            headerNumber &+= 1
        }
        let consumed = cursor.index &- bodyStart
        guard consumed == Int(length) else {
            throw cursor.location.error("records[\(number)].length", at: start, .recordLengthMismatch(declared: Int(length), consumed: consumed))
        }
        view._end = UInt32(truncatingIfNeeded: cursor.index &- start)
        BatchBase(header).complete(&view)
    }

    /// What a record's offset, timestamp and sequence derive from, read once a batch from its
    /// header so that the per-record parse calls nothing for them.
    @usableFromInline
    struct BatchBase: Sendable {
        @usableFromInline let baseOffset: Int64
        /// The batch max timestamp under LogAppendTime (every record has it), else the base
        /// timestamp the record deltas add to.
        @usableFromInline let timestampBase: Int64
        @usableFromInline let isLogAppendTime: Bool
        @usableFromInline let baseSequence: Int32

        @inlinable
        init(_ header: RecordBatchHeader) {
            baseOffset = header.baseOffset
            isLogAppendTime = header.attributes.timestampType == .logAppendTime
            timestampBase = isLogAppendTime ? header.maxTimestamp : header.baseTimestamp
            baseSequence = header.baseSequence
        }

        /// Sets the absolute offset, timestamp and sequence of a parsed `view` from its deltas.
        @inlinable @inline(__always)
        func complete(_ view: inout RecordView) {
            view._timestamp = isLogAppendTime ? timestampBase : timestampBase &+ view._timestampDelta
            view._offset = baseOffset &+ Int64(view._offsetDelta)
            view._sequence = baseSequence >= 0
                ? RecordBatchHeader.sequence(base: baseSequence, delta: view._offsetDelta)
                : -1
        }
    }

    /// `parseRecord(_:number:header:into:)` without error context, for the hot path: parses
    /// the record at `start` of `bytes` (readable before `end`) into `view` and returns the
    /// index after it, or nil when the record is malformed in any way (`view` then partly
    /// written): the caller reruns the careful parse, which throws the error naming the field.
    ///
    /// Succeeds exactly when the careful parse does, with the same view: every field must end
    /// inside the record's declared length (the careful parse, reading up to `end`, would
    /// otherwise fail with a length mismatch), so reads here stop at the record's end.
    @inlinable @inline(__always)
    static func parseRecordFast(_ bytes: UnsafeRawBufferPointer, at start: Int, end: Int, number: Int32, base: BatchBase, into view: inout RecordView) -> Int? {
        // Each field goes into `view` as soon as it is read: few values live at once.
        var index = start
        let end = Swift.min(end, bytes.count)
        guard let length = ByteCursor.length(bytes, &index, end, nullable: false), Int(length) <= end &- index else { return nil }
        view._start = start
        view._number = number
        view._bodyLength = length
        view._lengthSize = UInt8(truncatingIfNeeded: index &- start)
        let recordEnd = index &+ Int(length)
        guard index < recordEnd else { return nil }
        view._attributes = Int8(bitPattern: bytes[index])
        index &+= 1
        var fieldStart = index
        guard let timestampDelta = ByteCursor.varlong(bytes, &index, recordEnd) else { return nil }
        view._timestampDelta = timestampDelta
        view._timestampDeltaSize = UInt8(truncatingIfNeeded: index &- fieldStart)
        guard let offsetDelta = ByteCursor.varint(bytes, &index, recordEnd) else { return nil }
        view._offsetDelta = offsetDelta
        view._keyLengthStart = UInt32(truncatingIfNeeded: index &- start)
        guard let key = ByteCursor.lengthPrefixed(bytes, &index, recordEnd, nullable: true) else { return nil }
        view._keyLength = key.length
        view._keyLengthSize = UInt8(truncatingIfNeeded: key.prefixSize)
        view._valueLengthStart = UInt32(truncatingIfNeeded: index &- start)
        guard let value = ByteCursor.lengthPrefixed(bytes, &index, recordEnd, nullable: true) else { return nil }
        view._valueLength = value.length
        view._valueLengthSize = UInt8(truncatingIfNeeded: value.prefixSize)
        fieldStart = index
        guard let headerCount = ByteCursor.length(bytes, &index, recordEnd, nullable: false) else { return nil }
        view._headerCountStart = UInt32(truncatingIfNeeded: fieldStart &- start)
        view._headerCount = headerCount
        view._headerCountSize = UInt8(truncatingIfNeeded: index &- fieldStart)
        var headersLeft = headerCount
        while headersLeft > 0 {
            // Key: never null; value: nullable (as parseHeader).
            guard ByteCursor.lengthPrefixed(bytes, &index, recordEnd, nullable: false) != nil,
                  ByteCursor.lengthPrefixed(bytes, &index, recordEnd, nullable: true) != nil else { return nil }
            headersLeft &-= 1
        }
        guard index == recordEnd else { return nil }
        view._end = UInt32(truncatingIfNeeded: index &- start)
        base.complete(&view)
        return index
    }

    /// Parses one header (key never null, value nullable).
    @inlinable
    static func parseHeader(_ cursor: inout ByteCursor, record: Int, header: Int) throws(RecordBatchError) -> HeaderView {
        let keyLengthStart = cursor.index
        let key = try cursor.readBytes("records[\(record)].headers[\(header)].key")
        let valueLengthStart = cursor.index
        let value = try cursor.readNullableBytes("records[\(record)].headers[\(header)].value")
        return HeaderView(keyLengthStart: keyLengthStart, key: key, valueLengthStart: valueLengthStart, value: value, end: cursor.index)
    }
}
