import Foundation

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

    /// Stores one header; returns the next write position.
    @inlinable
    static func store(_ header: RecordHeader, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        var key = header.key
        var p = key.withUTF8 { storeNullable(UnsafeRawBufferPointer($0), at: pointer) }
        p = header.value.withUnsafeBytesIfPresent { storeNullable($0, at: p) }
        return p
    }
}

/// The current time in milliseconds since the Unix epoch.
@usableFromInline
func currentTimeMillis() -> Int64 {
    Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
}

extension Optional where Wrapped == [UInt8] {
    /// Calls `body` with the array's bytes, or with `nil` when the optional is empty.
    @inlinable
    func withUnsafeBytesIfPresent<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer?) throws(Failure) -> Result) throws(Failure) -> Result {
        switch self {
        case .none:
            return try body(nil)
        case .some(let array):
            return try array.withBytes { (raw) throws(Failure) -> Result in try body(raw) }
        }
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` that keeps the closure's typed error (the standard one rethrows `any Error`).
    @inlinable
    func withBytes<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        try withUnsafeBytes { raw in Swift.Result { () throws(Failure) -> Result in try body(raw) } }.get()
    }
}
