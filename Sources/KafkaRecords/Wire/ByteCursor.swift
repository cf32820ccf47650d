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
        Self.shortVarint(bytes, &index, end)
    }

    /// The raw (still zigzagged) value of a one- or two-byte varint at `index` of `bytes`,
    /// moving `index` past it; nil, moving nothing, when the varint is longer or runs past `end`.
    @inlinable @inline(__always)
    static func shortVarint(_ bytes: UnsafeRawBufferPointer, _ index: inout Int, _ end: Int) -> UInt16? {
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

    // MARK: Reads without error context
    //
    // For parsers that try a flat fast path first and, on nil, rerun the throwing reads above
    // to build the error: the same values and bounds as `readVarint(_:)` and
    // `readVarlong(_:)`, no field name, no closure.

    /// The varint at `index` of `bytes` (bytes before `end`), moving `index` past it; nil
    /// when `readVarint(_:)` would throw (`index` then unspecified).
    @inlinable @inline(__always)
    static func varint(_ bytes: UnsafeRawBufferPointer, _ index: inout Int, _ end: Int) -> Int32? {
        if let raw = shortVarint(bytes, &index, end) { return Varint.zigzagDecode(UInt32(truncatingIfNeeded: raw)) }
        return longVarint(bytes, &index, end)
    }

    /// The varlong at `index` of `bytes`, as `varint(_:_:_:)` (nil when `readVarlong(_:)`
    /// would throw).
    @inlinable @inline(__always)
    static func varlong(_ bytes: UnsafeRawBufferPointer, _ index: inout Int, _ end: Int) -> Int64? {
        if let raw = shortVarint(bytes, &index, end) { return Varint.zigzagDecode(UInt64(truncatingIfNeeded: raw)) }
        return longVarlong(bytes, &index, end)
    }

    /// A varint length or count at `index` (moving `index` past it): its value when at least 0,
    /// or -1 (null) when `nullable`; nil for other negatives and when `varint(_:_:_:)` is nil.
    /// The one- and two-byte forms skip the zigzag decoding: even raw values are the lengths.
    @inlinable @inline(__always)
    static func length(_ bytes: UnsafeRawBufferPointer, _ index: inout Int, _ end: Int, nullable: Bool) -> Int32? {
        if let raw = shortVarint(bytes, &index, end) {
            if raw & 1 == 0 { return Int32(truncatingIfNeeded: raw >> 1) }
            return nullable && raw == 1 ? -1 : nil
        }
        guard let value = longVarint(bytes, &index, end), value >= (nullable ? -1 : 0) else { return nil }
        return value
    }

    /// A length-prefixed field at `index`: its length read as `length(_:_:_:nullable:)`, checked
    /// against the bytes left before `end`, and `index` moved past the field's bytes. The length
    /// (-1 null) and the size of its varint; nil when malformed.
    @inlinable @inline(__always)
    static func lengthPrefixed(_ bytes: UnsafeRawBufferPointer, _ index: inout Int, _ end: Int, nullable: Bool) -> (length: Int32, prefixSize: Int)? {
        let start = index
        guard let length = length(bytes, &index, end, nullable: nullable), Int(length) <= end &- index else { return nil }
        let prefixSize = index &- start
        if length > 0 { index &+= Int(length) }
        return (length, prefixSize)
    }

    /// A varint of any length (Java's `ByteUtils.readVarint`: a continuation bit on the 5th
    /// byte is an error, excess high bits are dropped) at `index`, moving `index` past it; nil,
    /// `index` unspecified, when it is longer or runs past `end`. A loop without calls, so that
    /// inlined into a fast path it clobbers no registers.
    @inlinable @inline(__always)
    static func longVarint(_ bytes: UnsafeRawBufferPointer, _ index: inout Int, _ end: Int) -> Int32? {
        guard let raw: UInt32 = longRaw(bytes, &index, end, maxBytes: Varint.maxVarintBytes) else { return nil }
        return Varint.zigzagDecode(raw)
    }

    /// A varlong of any length (at most 10 bytes, as Java's `ByteUtils.readVarlong`), as
    /// `longVarint`.
    @inlinable @inline(__always)
    static func longVarlong(_ bytes: UnsafeRawBufferPointer, _ index: inout Int, _ end: Int) -> Int64? {
        guard let raw: UInt64 = longRaw(bytes, &index, end, maxBytes: Varint.maxVarlongBytes) else { return nil }
        return Varint.zigzagDecode(raw)
    }

    /// The raw (still zigzagged) bits of a varint of at most `maxBytes` bytes at `index`, bits
    /// past `Raw`'s width dropped; nil when its `maxBytes`-th byte still continues or it runs
    /// past `end`.
    @inlinable @inline(__always)
    static func longRaw<Raw: FixedWidthInteger & UnsignedInteger>(_ bytes: UnsafeRawBufferPointer, _ index: inout Int, _ end: Int, maxBytes: Int) -> Raw? {
        var raw: Raw = 0
        var shift = 0
        while index < end {
            let byte = bytes[index]
            index &+= 1
            raw |= Raw(byte & 0x7F) << shift
            if byte < 0x80 { return raw }
            shift &+= 7
            if shift > (maxBytes &- 1) &* 7 { return nil }
        }
        return nil
    }

    @usableFromInline
    mutating func readVarintSlow(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Int32 {
        let start = index
        if let value = Self.longVarint(bytes, &index, end) { return value }
        throw varintError(field(), at: start, maxBytes: Varint.maxVarintBytes)
    }

    /// Why the varint (or varlong) of at most `maxBytes` at `start` cannot be read, named at
    /// `start`: too long when its first `maxBytes` bytes all carry the continuation bit, else
    /// truncated at ``end``.
    @usableFromInline
    func varintError(_ field: String, at start: Int, maxBytes: Int) -> RecordBatchError {
        var continued = 0
        while continued < maxBytes, start &+ continued < end, bytes[start &+ continued] >= 0x80 { continued &+= 1 }
        if continued == maxBytes { return location.error(field, at: start, .varintTooLong(maxBytes: maxBytes)) }
        return location.error(field, at: start, .truncated(needed: continued &+ 1, available: continued))
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
        if let value = Self.longVarlong(bytes, &index, end) { return value }
        throw varintError(field(), at: start, maxBytes: Varint.maxVarlongBytes)
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
