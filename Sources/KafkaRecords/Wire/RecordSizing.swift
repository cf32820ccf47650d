import Foundation

/// A record whose size is known and whose checks passed: what ``RecordSizing/storeRecord(_:key:value:headers:at:)`` writes.
@usableFromInline
struct PlannedRecord {
    @usableFromInline let body: Int32
    @usableFromInline let total: Int
    @usableFromInline let timestampDelta: Int64
    @usableFromInline let offsetDelta: Int32
    @usableFromInline let attributes: Int8

    @inlinable
    init(body: Int32, total: Int, timestampDelta: Int64, offsetDelta: Int32, attributes: Int8) {
        self.body = body
        self.total = total
        self.timestampDelta = timestampDelta
        self.offsetDelta = offsetDelta
        self.attributes = attributes
    }
}

/// Sizes and raw stores of record fields, shared by the batch builder.
@usableFromInline
enum RecordSizing {
    /// Bytes of a nullable length-prefixed field (`nil` count = null: one byte for -1).
    @inlinable
    static func nullableField(_ count: Int?, _ field: @autoclosure () -> String) throws(RecordBatchEncodingError) -> Int {
        guard let count else { return 1 }
        guard count <= Int(Int32.max) else { throw .fieldTooLarge(field: field(), size: count) }
        return Varint.size(of: Int32(count)) &+ count
    }

    /// Bytes of a record's headers section: the count varint and every header.
    @inlinable @inline(__always)
    static func headers<Headers: EncodableHeaders>(_ headers: Headers) throws(RecordBatchEncodingError) -> Int {
        guard headers.count <= Int(Int32.max) else { throw .fieldTooLarge(field: "headers", size: headers.count) }
        var total = Varint.size(of: Int32(truncatingIfNeeded: headers.count))
        var index = 0
        while index < headers.count {
            total &+= try nullableField(headers.keyCount(index), "header key")
            total &+= try nullableField(headers.valueCount(index), "header value")
            index &+= 1
        }
        return total
    }

    /// Calls `body` with the elements of `headers` read in place (no per-header retain).
    @inlinable
    static func withHeaders<Result>(
        _ headers: [RecordHeader],
        _ body: (OwnedHeaders) throws(RecordBatchEncodingError) -> Result
    ) throws(RecordBatchEncodingError) -> Result {
        try headers.withUnsafeBufferPointer { buffer in
            Swift.Result { () throws(RecordBatchEncodingError) -> Result in try body(OwnedHeaders(buffer)) }
        }.get()
    }

    /// Stores a varint length and the bytes (or -1 for null); returns the next write position.
    @inlinable @inline(__always)
    static func storeNullable(_ bytes: UnsafeRawBufferPointer?, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        guard let bytes else {
            pointer.storeBytes(of: 0x01, as: UInt8.self)  // zigzag(-1)
            return pointer + 1
        }
        var p = pointer + Varint.store(UInt64(Varint.zigzagEncode(Int32(truncatingIfNeeded: bytes.count))), at: pointer)
        if let source = bytes.baseAddress, bytes.count > 0 {
            copy(bytes.count, from: source, to: p)
            p += bytes.count
        }
        return p
    }

    /// Copies `count` (> 0) bytes; up to 16 with at most two pairs of unaligned loads and
    /// stores (keys, header keys and values are often that short), longer ones with a memory
    /// copy call.
    @inlinable @inline(__always)
    static func copy(_ count: Int, from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer) {
        if count > 16 {
            destination.copyMemory(from: source, byteCount: count)
        } else if count >= 8 {
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            destination.storeBytes(of: head, as: UInt64.self)
            destination.storeBytes(of: tail, toByteOffset: count &- 8, as: UInt64.self)
        } else if count >= 4 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            destination.storeBytes(of: head, as: UInt32.self)
            destination.storeBytes(of: tail, toByteOffset: count &- 4, as: UInt32.self)
        } else {
            let first = source.load(as: UInt8.self)
            let middle = source.load(fromByteOffset: count >> 1, as: UInt8.self)
            let last = source.load(fromByteOffset: count &- 1, as: UInt8.self)
            destination.storeBytes(of: first, as: UInt8.self)
            destination.storeBytes(of: middle, toByteOffset: count >> 1, as: UInt8.self)
            destination.storeBytes(of: last, toByteOffset: count &- 1, as: UInt8.self)
        }
    }

    /// Stores a planned record (length varint first) at `pointer`; the caller made room for
    /// `record.total` bytes.
    @inlinable @inline(__always)
    static func storeRecord<Headers: EncodableHeaders>(
        _ record: PlannedRecord,
        key: UnsafeRawBufferPointer?,
        value: UnsafeRawBufferPointer?,
        headers: Headers,
        at pointer: UnsafeMutableRawPointer
    ) {
        var p = pointer
        p += Varint.store(UInt64(Varint.zigzagEncode(record.body)), at: p)
        p.storeBytes(of: record.attributes, as: Int8.self)
        p += 1
        p += Varint.store(Varint.zigzagEncode(record.timestampDelta), at: p)
        p += Varint.store(UInt64(Varint.zigzagEncode(record.offsetDelta)), at: p)
        p = storeNullable(key, at: p)
        p = storeNullable(value, at: p)
        p += Varint.store(UInt64(Varint.zigzagEncode(Int32(truncatingIfNeeded: headers.count))), at: p)
        var index = 0
        while index < headers.count {
            p = headers.store(index, at: p)
            index &+= 1
        }
    }

    /// Calls `body` with the bytes of `array`, or `nil` (non-throwing, no wrappers).
    @inlinable
    static func withOptionalBytes<Result>(_ array: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> Result) -> Result {
        guard let array else { return body(nil) }
        return array.withUnsafeBytes { body($0) }
    }

    /// Stores a header key (length and UTF-8); returns the next write position.
    ///
    /// Short keys (usually small strings, kept inside the `String` value) are copied inline:
    /// no call that could release anything runs while the key is borrowed, so the string is
    /// not retained around the copy.
    @inlinable @inline(__always)
    static func storeKey(_ key: String, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        let stored = key.utf8.withContiguousStorageIfAvailable { utf8 -> UnsafeMutableRawPointer in
            guard utf8.count <= 16, let source = utf8.baseAddress else {
                return storeNullable(UnsafeRawBufferPointer(utf8), at: pointer)
            }
            let p = pointer + Varint.store(UInt64(Varint.zigzagEncode(Int32(truncatingIfNeeded: utf8.count))), at: pointer)
            if utf8.count > 0 { copy(utf8.count, from: source, to: p) }
            return p + utf8.count
        }
        return stored ?? storeNoncontiguousKey(key, at: pointer)
    }

    /// Stores a key whose UTF-8 is not contiguous in memory (a foreign string).
    @usableFromInline
    static func storeNoncontiguousKey(_ key: String, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        Array(key.utf8).withUnsafeBytes { storeNullable($0, at: pointer) }
    }
}

/// Where the bytes of a nullable `[UInt8]` are, located without retaining it: valid while the
/// caller keeps the array alive and unmodified (a header value while the record's borrowed
/// `[RecordHeader]` is being stored).
@usableFromInline
struct LocatedBytes {
    @usableFromInline var start: UnsafeRawPointer?
    /// Byte count; -1 = null.
    @usableFromInline var rawCount: Int

    @inlinable
    init(start: UnsafeRawPointer?, rawCount: Int) {
        self.start = start
        self.rawCount = rawCount
    }

    /// Locates `bytes` (guaranteed by the caller to outlive every use of the result).
    @inlinable
    static func locate(_ bytes: [UInt8]?) -> LocatedBytes {
        guard let count = bytes?.count else { return LocatedBytes(start: nil, rawCount: -1) }
        return LocatedBytes(start: bytes?.withUnsafeBytes { $0.baseAddress }, rawCount: count)
    }

    @inlinable var isNull: Bool { rawCount < 0 }
    @inlinable var count: Int { Swift.max(rawCount, 0) }
    /// The bytes, or `nil` for null.
    @inlinable var bytes: UnsafeRawBufferPointer? {
        isNull ? nil : UnsafeRawBufferPointer(start: rawCount > 0 ? start : nil, count: rawCount)
    }
}

/// The current time in milliseconds since the Unix epoch.
@usableFromInline
func currentTimeMillis() -> Int64 {
    Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` that keeps the closure's typed error (the standard one rethrows `any Error`).
    @inlinable
    func withBytes<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        try withUnsafeBytes { raw in Swift.Result { () throws(Failure) -> Result in try body(raw) } }.get()
    }
}
