/// A fixed block of bytes whose address never changes while it lives: the records buffer of a
/// batch being built. Growing means a new, larger block (``copy(capacity:keeping:)``).
@usableFromInline
final class RecordBytes {
    /// The first byte; `capacity` bytes, all initialized.
    @usableFromInline let start: UnsafeMutableRawPointer
    /// Bytes at ``start``.
    @usableFromInline let capacity: Int

    /// A zeroed block of `capacity` bytes.
    @usableFromInline
    init(capacity: Int) {
        self.capacity = capacity
        start = .allocate(byteCount: capacity, alignment: 16)
        start.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
    }

    deinit { start.deallocate() }

    /// A block of `capacity` bytes (at least `count`) holding a copy of the first `count` bytes
    /// of this one: a larger block to grow into, or the same size for copy-on-write.
    @usableFromInline @inline(never)
    func copy(capacity: Int, keeping count: Int) -> RecordBytes {
        let copy = RecordBytes(capacity: capacity)
        copy.start.copyMemory(from: start, byteCount: count)
        return copy
    }

    /// The first `count` bytes.
    @inlinable
    func prefix(_ count: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: start, count: count)
    }
}

/// The records of the batch being built and what its header needs to know about them: the
/// encoder behind ``RecordBatchBuilder`` and ``RecordAppender``.
///
/// It writes through ``storage`` without asking whether the block is shared: its owner makes
/// sure it is not (the builder checks before each record, the appender once per scope).
@usableFromInline
struct RecordWriter {
    /// Header room plus the records written so far.
    @usableFromInline var storage: RecordBytes
    /// Bytes of ``storage`` in use.
    @usableFromInline var length = RecordBatchHeader.size
    @usableFromInline var recordCount: Int32 = 0
    /// The base timestamp the settings fix (`baseTimestamp`, else `deleteHorizonMs`), if any.
    @usableFromInline var settingsBaseTimestamp: Int64?
    @usableFromInline var resolvedBaseTimestamp: Int64? = nil
    /// The largest record timestamp (`Int64.min` before the first record).
    @usableFromInline var maxTimestampSeen: Int64 = .min
    /// The last record's offset delta (-1 before the first: the next one continues from it).
    @usableFromInline var lastOffsetDeltaSeen: Int32 = -1

    /// An empty batch with `settings` in `storage`.
    @usableFromInline
    init(storage: RecordBytes, settings: RecordBatchSettings) {
        self.storage = storage
        settingsBaseTimestamp = settings.baseTimestamp ?? settings.deleteHorizonMs
    }

    /// An empty batch with `settings` in a new block of `capacity` bytes.
    @usableFromInline
    init(capacity: Int, settings: RecordBatchSettings) {
        self.init(storage: RecordBytes(capacity: Swift.max(capacity, RecordBatchHeader.size)), settings: settings)
    }

    /// Forgets the records (keeping the storage) for a batch with `settings`.
    @usableFromInline
    mutating func reset(_ settings: RecordBatchSettings) {
        self = RecordWriter(storage: storage, settings: settings)
    }

    /// The batch's base timestamp: fixed by the settings, else by the first record.
    @inlinable @inline(__always)
    func baseTimestamp(firstRecordBase: Int64) -> Int64 {
        resolvedBaseTimestamp ?? settingsBaseTimestamp ?? firstRecordBase
    }

    /// Appends a record with an absolute timestamp, continuing the offset deltas unless given.
    @inlinable @inline(__always)
    mutating func append<Headers: EncodableHeaders>(
        key: UnsafeRawBufferPointer?,
        value: UnsafeRawBufferPointer?,
        headers: Headers,
        timestamp: Int64,
        offsetDelta: Int32?
    ) throws(RecordBatchEncodingError) {
        let base = baseTimestamp(firstRecordBase: timestamp)
        let delta = offsetDelta ?? lastOffsetDeltaSeen &+ 1
        try appendRecord(key: key, value: value, headers: headers, timestampDelta: timestamp &- base, offsetDelta: delta, attributes: 0)
        noteAppended(timestamp: timestamp, offsetDelta: delta, base: base)
    }

    /// ``append(key:value:headers:timestamp:offsetDelta:)`` with headers encoded once.
    @inlinable @inline(__always)
    mutating func append(
        key: UnsafeRawBufferPointer?,
        value: UnsafeRawBufferPointer?,
        encodedHeaders: EncodedRecordHeaders,
        timestamp: Int64,
        offsetDelta: Int32?
    ) throws(RecordBatchEncodingError) {
        try encodedHeaders.withSection { (headers) throws(RecordBatchEncodingError) in
            try append(key: key, value: value, headers: headers, timestamp: timestamp, offsetDelta: offsetDelta)
        }
    }

    @inlinable @inline(__always)
    mutating func noteAppended(timestamp: Int64, offsetDelta: Int32, base: Int64) {
        resolvedBaseTimestamp = base
        maxTimestampSeen = Swift.max(maxTimestampSeen, timestamp)
        lastOffsetDeltaSeen = offsetDelta
        recordCount &+= 1
    }

    /// Writes one record at the end of the records, checked and sized.
    ///
    /// Most records take the fast path: every field shorter than 8 KiB, and a record that is
    /// certainly 64 bytes to 8 KiB long, so that its length varint takes exactly two bytes. The
    /// fields are written after a two-byte gap and the length filled in from where they ended:
    /// no sizing pass and no per-field limit check (no field can come near `Int32.max`). Other
    /// records are sized first (``appendSized(key:value:headers:timestampDelta:offsetDelta:attributes:)``).
    @inlinable @inline(__always)
    mutating func appendRecord<Headers: EncodableHeaders>(
        key: UnsafeRawBufferPointer?,
        value: UnsafeRawBufferPointer?,
        headers: Headers,
        timestampDelta: Int64,
        offsetDelta: Int32,
        attributes: Int8
    ) throws(RecordBatchEncodingError) {
        let keyLength = RecordSizing.length(key)
        let valueLength = RecordSizing.length(value)
        var payload = RecordSizing.payload(keyLength) &+ RecordSizing.payload(valueLength)
        var fields = payload
        headers.addPayloads(to: &payload, fields: &fields)
        // Fields < 8 KiB and < 256 headers: the sums cannot wrap. At most 31 bytes of varints
        // and attributes, 10 a header; at least 6 bytes besides the payload.
        let longest = payload &+ 31 &+ 10 &* headers.count
        guard fields < 0x2000, headers.count < 0x100, payload >= 58, longest < 0x2000,
              length &+ 2 &+ longest <= storage.capacity, recordCount < Int32.max,
              length &+ 2 &+ longest &- RecordBatchHeader.logOverhead <= Int(Int32.max)
        else {
            return try appendSized(key: key, value: value, headers: headers, timestampDelta: timestampDelta, offsetDelta: offsetDelta, attributes: attributes)
        }
        let start = storage.start + length
        let p = Self.storeBody(
            attributes: attributes, timestampDelta: timestampDelta, offsetDelta: offsetDelta,
            key: key, keyLength: keyLength, value: value, valueLength: valueLength, headers: headers, at: start + 2
        )
        let body = p - (start + 2)
        start.storeBytes(of: Varint.twoBytes(UInt64(truncatingIfNeeded: body) &<< 1).littleEndian, as: UInt16.self)
        length = p - storage.start
    }

    /// Sizes, checks and writes one record at the end of the records (any record).
    ///
    /// The sizes are summed unchecked and checked once: the record must fit an `Int32` (so
    /// every field does) and so must the batch; only a record that fails looks for the field
    /// to name in its error. Nothing is written unless every check passes.
    @inlinable
    mutating func appendSized<Headers: EncodableHeaders>(
        key: UnsafeRawBufferPointer?,
        value: UnsafeRawBufferPointer?,
        headers: Headers,
        timestampDelta: Int64,
        offsetDelta: Int32,
        attributes: Int8
    ) throws(RecordBatchEncodingError) {
        guard recordCount < Int32.max else { throw .tooManyRecords }
        let keyLength = RecordSizing.length(key)
        let valueLength = RecordSizing.length(value)
        let body = 1 &+ Varint.size(of: timestampDelta) &+ Varint.size(of: offsetDelta)
            &+ RecordSizing.fieldSize(keyLength) &+ RecordSizing.fieldSize(valueLength) &+ headers.encodedSize
        let total = Varint.unsignedSize(UInt64(truncatingIfNeeded: body) &<< 1) &+ body
        let limit = Int(Int32.max)
        guard body <= limit, length &+ total &- RecordBatchHeader.logOverhead <= limit else {
            throw RecordSizing.oversizeError(keyLength: keyLength, valueLength: valueLength, headers: headers, recordSize: body, batchSize: length &+ total)
        }
        let end = length &+ total
        if end > storage.capacity {
            storage = storage.copy(capacity: Swift.max(end, storage.capacity &* 2), keeping: length)
        }
        let p = storage.start + length
        _ = Self.storeBody(
            attributes: attributes, timestampDelta: timestampDelta, offsetDelta: offsetDelta,
            key: key, keyLength: keyLength, value: value, valueLength: valueLength, headers: headers,
            at: p + Varint.store(UInt64(truncatingIfNeeded: body) &<< 1, at: p)
        )
        length = end
    }

    /// Stores a record's fields after its length varint; returns the next write position.
    @inlinable @inline(__always)
    static func storeBody<Headers: EncodableHeaders>(
        attributes: Int8,
        timestampDelta: Int64,
        offsetDelta: Int32,
        key: UnsafeRawBufferPointer?,
        keyLength: Int,
        value: UnsafeRawBufferPointer?,
        valueLength: Int,
        headers: Headers,
        at pointer: UnsafeMutableRawPointer
    ) -> UnsafeMutableRawPointer {
        var p = pointer
        p.storeBytes(of: attributes, as: Int8.self)
        p += 1
        p += Varint.store(Varint.zigzagEncode(timestampDelta), at: p)
        p += Varint.store(UInt64(Varint.zigzagEncode(offsetDelta)), at: p)
        p = RecordSizing.storeField(keyLength, from: key?.baseAddress, at: p)
        p = RecordSizing.storeField(valueLength, from: value?.baseAddress, at: p)
        return headers.storeAll(at: p)
    }
}
