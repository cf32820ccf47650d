/// Where the bytes a ``ByteCursor`` reads sit in the caller's input, so that errors can name
/// absolute positions.
@usableFromInline
struct ByteLocation: Sendable, Hashable {
    /// Absolute offset of index 0 of the cursor's buffer (plain input), or of the compressed
    /// block (decompressed input).
    @usableFromInline var origin: Int
    /// Whether the cursor reads a decompressed records block (positions then count inside it).
    @usableFromInline var isDecompressed: Bool

    /// Plain input whose index 0 is at absolute offset `origin`.
    @inlinable
    init(origin: Int = 0, isDecompressed: Bool = false) {
        self.origin = origin
        self.isDecompressed = isDecompressed
    }

    /// The error for `field` at buffer index `index`.
    @usableFromInline
    func error(_ field: String, at index: Int, _ reason: RecordBatchError.Reason) -> RecordBatchError {
        if isDecompressed {
            return RecordBatchError(field: field, offset: origin, offsetInRecords: index, reason: reason)
        }
        return RecordBatchError(field: field, offset: origin &+ index, reason: reason)
    }
}

/// A bounds-checked reader over borrowed bytes: big-endian integers, Kafka varints, byte ranges.
///
/// Every read checks the remaining length against ``end`` and throws a ``RecordBatchError``
/// naming the field (built only when failing) and its absolute offset; nothing traps.
@usableFromInline
struct ByteCursor {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    /// Next index to read.
    @usableFromInline var index: Int
    /// One past the last readable index (may be narrower than `bytes.count`).
    @usableFromInline var end: Int
    @usableFromInline let location: ByteLocation

    @inlinable
    init(_ bytes: UnsafeRawBufferPointer, from index: Int = 0, end: Int? = nil, location: ByteLocation = ByteLocation()) {
        self.bytes = bytes
        self.index = index
        self.end = Swift.min(end ?? bytes.count, bytes.count)
        self.location = location
    }

    /// Bytes left before `end`.
    @inlinable var remaining: Int { end &- index }

    @inlinable
    func ensure(_ count: Int, _ field: @autoclosure () -> String) throws(RecordBatchError) {
        guard count <= remaining else {
            throw location.error(field(), at: index, .truncated(needed: count, available: Swift.max(remaining, 0)))
        }
    }

    @inlinable
    mutating func readInteger<T: FixedWidthInteger>(_: T.Type, _ field: @autoclosure () -> String) throws(RecordBatchError) -> T {
        try ensure(MemoryLayout<T>.size, field())
        let value = T(bigEndian: bytes.loadUnaligned(fromByteOffset: index, as: T.self))
        index &+= MemoryLayout<T>.size
        return value
    }

    /// Reads a Kafka varint (zigzag, at most 5 bytes) as Java's `ByteUtils.readVarint` does:
    /// a continuation bit on the 5th byte is an error; excess high bits are dropped.
    @inlinable @inline(__always)
    mutating func readVarint(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Int32 {
        // Fast paths: one byte (values -64…63, most deltas and counts), two bytes (lengths up
        // to 8 KiB): no call, no field name set up.
        if let raw = readShortVarint() { return Varint.zigzagDecode(UInt32(truncatingIfNeeded: raw)) }
        return try readVarintSlow(field())
    }

    /// The raw (still zigzagged) value of a one- or two-byte varint at ``index``, moving past
    /// it; nil, moving nothing, when the varint is longer or runs past ``end``.
    @inlinable @inline(__always)
    mutating func readShortVarint() -> UInt16? {
        guard index < end else { return nil }
        let first = bytes[index]
        if first < 0x80 {
            index &+= 1
            return UInt16(first)
        }
        guard end &- index >= 2 else { return nil }
        let second = bytes[index &+ 1]
        guard second < 0x80 else { return nil }
        index &+= 2
        return UInt16(first & 0x7F) | UInt16(second) << 7
    }

    @usableFromInline
    mutating func readVarintSlow(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Int32 {
        let start = index
        var raw: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            guard index < end else {
                throw location.error(field(), at: start, .truncated(needed: index &- start &+ 1, available: index &- start))
            }
            let byte = bytes[index]
            index &+= 1
            raw |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { return Varint.zigzagDecode(raw) }
            shift &+= 7
            if shift > 28 { throw location.error(field(), at: start, .varintTooLong(maxBytes: 5)) }
        }
    }

    /// Reads a Kafka varlong (zigzag, at most 10 bytes), like Java's `ByteUtils.readVarlong`.
    @inlinable @inline(__always)
    mutating func readVarlong(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Int64 {
        if let raw = readShortVarint() { return Varint.zigzagDecode(UInt64(truncatingIfNeeded: raw)) }
        return try readVarlongSlow(field())
    }

    @usableFromInline
    mutating func readVarlongSlow(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Int64 {
        let start = index
        var raw: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < end else {
                throw location.error(field(), at: start, .truncated(needed: index &- start &+ 1, available: index &- start))
            }
            let byte = bytes[index]
            index &+= 1
            raw |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return Varint.zigzagDecode(raw) }
            shift &+= 7
            if shift > 63 { throw location.error(field(), at: start, .varintTooLong(maxBytes: 10)) }
        }
    }

    /// Reads a varint length and checks that many bytes remain, without skipping them.
    /// -1 is accepted when `nullable`; other negatives and overlong lengths are errors.
    @inlinable @inline(__always)
    mutating func readLengthPrefix(nullable: Bool, _ field: @autoclosure () -> String) throws(RecordBatchError) -> Int32 {
        let lengthStart = index
        let length = try readVarint(field())
        guard length >= 0, Int(length) <= remaining else {
            if nullable, length == -1 { return -1 }
            throw location.error(field(), at: lengthStart, .invalidLength(Int64(length), available: Swift.max(remaining, 0)))
        }
        return length
    }

    /// Reads a varint length and the bytes it covers; -1 is null, other negatives are errors.
    /// Returns the range of the bytes inside the buffer.
    @inlinable
    mutating func readNullableBytes(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Range<Int>? {
        let lengthStart = index
        let length = try readVarint(field())
        if length == -1 { return nil }
        guard length >= 0, Int(length) <= remaining else {
            throw location.error(field(), at: lengthStart, .invalidLength(Int64(length), available: Swift.max(remaining, 0)))
        }
        let start = index
        index &+= Int(length)
        return start..<index
    }

    /// Reads a varint length (never -1) and the bytes it covers.
    @inlinable
    mutating func readBytes(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Range<Int> {
        let lengthStart = index
        let length = try readVarint(field())
        guard length >= 0, Int(length) <= remaining else {
            throw location.error(field(), at: lengthStart, .invalidLength(Int64(length), available: Swift.max(remaining, 0)))
        }
        let start = index
        index &+= Int(length)
        return start..<index
    }
}
