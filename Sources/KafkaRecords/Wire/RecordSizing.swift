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

    /// Bytes of one header: key length + UTF-8 key, value length + value (or -1).
    @inlinable
    static func header(_ header: RecordHeader) throws(RecordBatchEncodingError) -> Int {
        try nullableField(header.key.utf8.count, "header key") &+ nullableField(header.value?.count, "header value")
    }

    /// Stores a varint length and the bytes (or -1 for null); returns the next write position.
    @inlinable
    static func storeNullable(_ bytes: UnsafeRawBufferPointer?, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        guard let bytes else {
            pointer.storeBytes(of: 0x01, as: UInt8.self)  // zigzag(-1)
            return pointer + 1
        }
        var p = pointer + Varint.store(UInt64(Varint.zigzagEncode(Int32(truncatingIfNeeded: bytes.count))), at: pointer)
        if let source = bytes.baseAddress, bytes.count > 0 {
            p.copyMemory(from: source, byteCount: bytes.count)
            p += bytes.count
        }
        return p
    }

    /// Stores a planned record (length varint first) at `pointer`; the caller made room for
    /// `record.total` bytes.
    @inlinable
    static func storeRecord(
        _ record: PlannedRecord,
        key: UnsafeRawBufferPointer?,
        value: UnsafeRawBufferPointer?,
        headers: [RecordHeader],
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
        for header in headers {
            p = store(header, at: p)
        }
    }

    /// Calls `body` with the bytes of `array`, or `nil` (non-throwing, no wrappers).
    @inlinable
    static func withOptionalBytes<Result>(_ array: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> Result) -> Result {
        guard let array else { return body(nil) }
        return array.withUnsafeBytes { body($0) }
    }

    /// Stores one header; returns the next write position.
    @inlinable
    static func store(_ header: RecordHeader, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        var key = header.key
        let p = key.withUTF8 { storeNullable(UnsafeRawBufferPointer($0), at: pointer) }
        return withOptionalBytes(header.value) { storeNullable($0, at: p) }
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
