/// Kafka's variable-length integers (Java `ByteUtils.writeVarint`/`writeVarlong`): zigzag
/// encoding (`(v << 1) ^ (v >> 31)`, 63 for varlong), then 7 bits a byte, low group first,
/// `0x80` meaning "more bytes follow". A varint takes 1–5 bytes, a varlong 1–10.
public enum Varint {
    /// The most bytes a 32-bit varint may take.
    public static let maxVarintBytes = 5
    /// The most bytes a 64-bit varlong may take.
    public static let maxVarlongBytes = 10

    /// Zigzag-maps a signed 32-bit value (0, -1, 1, -2 … → 0, 1, 2, 3 …).
    @inlinable
    public static func zigzagEncode(_ value: Int32) -> UInt32 {
        UInt32(bitPattern: (value << 1) ^ (value >> 31))
    }

    /// Zigzag-maps a signed 64-bit value.
    @inlinable
    public static func zigzagEncode(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    /// Inverse of ``zigzagEncode(_:)-(Int32)``.
    @inlinable
    public static func zigzagDecode(_ raw: UInt32) -> Int32 {
        Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Inverse of ``zigzagEncode(_:)-(Int64)``.
    @inlinable
    public static func zigzagDecode(_ raw: UInt64) -> Int64 {
        Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Encoded size of `value` as a varint (1–5).
    @inlinable
    public static func size(of value: Int32) -> Int {
        unsignedSize(UInt64(zigzagEncode(value)))
    }

    /// Encoded size of `value` as a varlong (1–10).
    @inlinable
    public static func size(of value: Int64) -> Int {
        unsignedSize(zigzagEncode(value))
    }

    /// Number of 7-bit groups needed for `raw` (at least 1).
    @inlinable @inline(__always)
    static func unsignedSize(_ raw: UInt64) -> Int {
        // Most deltas, counts and lengths take one or two bytes: answer those without the
        // bit scan and division (the branches follow each field's usual size).
        if raw < 0x80 { return 1 }
        if raw < 0x4000 { return 2 }
        let bits = 64 &- raw.leadingZeroBitCount
        return (bits &+ 6) / 7
    }

    /// Appends `value` as a varint.
    @inlinable
    public static func append(_ value: Int32, to output: inout [UInt8]) {
        appendUnsigned(UInt64(zigzagEncode(value)), to: &output)
    }

    /// Appends `value` as a varlong.
    @inlinable
    public static func append(_ value: Int64, to output: inout [UInt8]) {
        appendUnsigned(zigzagEncode(value), to: &output)
    }

    @inlinable
    static func appendUnsigned(_ raw: UInt64, to output: inout [UInt8]) {
        var raw = raw
        while raw >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: raw) | 0x80)
            raw >>= 7
        }
        output.append(UInt8(truncatingIfNeeded: raw))
    }

    /// Writes an already zigzagged value at `pointer`; returns the bytes written.
    /// The caller guarantees room for ``unsignedSize(_:)`` bytes.
    @inlinable @inline(__always)
    static func store(_ raw: UInt64, at pointer: UnsafeMutableRawPointer) -> Int {
        // Fast paths: one byte (small deltas and counts), two bytes (lengths up to 16 KiB).
        if raw < 0x80 {
            pointer.storeBytes(of: UInt8(truncatingIfNeeded: raw), as: UInt8.self)
            return 1
        }
        if raw < 0x4000 {
            pointer.storeBytes(of: twoBytes(raw).littleEndian, as: UInt16.self)
            return 2
        }
        return storeLong(raw, at: pointer)
    }

    /// The two bytes of a varint of 2^7 ≤ `raw` < 2^14, first byte in the low half.
    @inlinable @inline(__always)
    static func twoBytes(_ raw: UInt64) -> UInt16 {
        UInt16(truncatingIfNeeded: raw & 0x7F | 0x80) | UInt16(truncatingIfNeeded: raw >> 7) << 8
    }

    /// The general store, one byte a 7-bit group.
    @inlinable
    static func storeLong(_ raw: UInt64, at pointer: UnsafeMutableRawPointer) -> Int {
        var raw = raw
        var count = 0
        while raw >= 0x80 {
            pointer.storeBytes(of: UInt8(truncatingIfNeeded: raw) | 0x80, toByteOffset: count, as: UInt8.self)
            raw >>= 7
            count &+= 1
        }
        pointer.storeBytes(of: UInt8(truncatingIfNeeded: raw), toByteOffset: count, as: UInt8.self)
        return count &+ 1
    }

    /// Decodes a varint starting at `index` of `bytes`.
    ///
    /// - Returns: the value and the number of bytes it took.
    /// - Throws: ``RecordBatchError`` with ``RecordBatchError/Reason/varintTooLong(maxBytes:)``
    ///   (continuation bit on the 5th byte) or ``RecordBatchError/Reason/truncated(needed:available:)``,
    ///   naming `field` and the varint's first byte `index`.
    public static func decodeVarint(_ bytes: [UInt8], at index: Int = 0, field: String = "varint") throws(RecordBatchError) -> (value: Int32, length: Int) {
        try bytes.withBytes { (buffer) throws(RecordBatchError) in
            guard index >= 0, index <= buffer.count else {
                throw RecordBatchError(field: field, offset: index, reason: .truncated(needed: 1, available: 0))
            }
            var cursor = ByteCursor(buffer, from: index)
            let value = try cursor.readVarint(field)
            return (value, cursor.index - index)
        }
    }

    /// Decodes a varlong starting at `index` of `bytes` (see ``decodeVarint(_:at:field:)``; 10 bytes at most).
    public static func decodeVarlong(_ bytes: [UInt8], at index: Int = 0, field: String = "varlong") throws(RecordBatchError) -> (value: Int64, length: Int) {
        try bytes.withBytes { (buffer) throws(RecordBatchError) in
            guard index >= 0, index <= buffer.count else {
                throw RecordBatchError(field: field, offset: index, reason: .truncated(needed: 1, available: 0))
            }
            var cursor = ByteCursor(buffer, from: index)
            let value = try cursor.readVarlong(field)
            return (value, cursor.index - index)
        }
    }
}
