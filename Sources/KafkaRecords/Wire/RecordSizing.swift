import Foundation

/// Sizes and raw stores of record fields, shared by the batch builder and the record appender.
///
/// Field lengths travel as one signed `Int`, -1 meaning null, so that a null and a present
/// field take the same arithmetic: zigzag(-1) is the one-byte varint `0x01` and no payload.
@usableFromInline
enum RecordSizing {
    /// The length of nullable bytes: their count, or -1 for `nil`.
    @inlinable @inline(__always)
    static func length(_ bytes: UnsafeRawBufferPointer?) -> Int { bytes?.count ?? -1 }

    /// Payload bytes of a field of `length` (0 for null), without a branch.
    @inlinable @inline(__always)
    static func payload(_ length: Int) -> Int { length & ~(length &>> 63) }

    /// The zigzagged varint value of a field length (-1 → 1, n → 2n for 0 ≤ n ≤ Int32.max).
    @inlinable @inline(__always)
    static func zigzagLength(_ length: Int) -> UInt64 {
        UInt64(bitPattern: Int64(length) &<< 1 ^ Int64(length) &>> 63)
    }

    /// Bytes of a length-prefixed field: its varint length and payload (one byte for null).
    /// Unchecked: the builder checks the record's total against `Int32.max` afterwards.
    @inlinable @inline(__always)
    static func fieldSize(_ length: Int) -> Int {
        Varint.unsignedSize(zigzagLength(length)) &+ payload(length)
    }

    /// Stores a field's varint length (-1 = null) and its `length` bytes from `source`;
    /// returns the next write position.
    @inlinable @inline(__always)
    static func storeField(_ length: Int, from source: UnsafeRawPointer?, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        let p = pointer + Varint.store(zigzagLength(length), at: pointer)
        guard length > 0, let source else { return p }
        copy(length, from: source, to: p)
        return p + length
    }

    /// ``storeField(_:from:at:)`` for nullable borrowed bytes.
    @inlinable @inline(__always)
    static func storeField(_ bytes: UnsafeRawBufferPointer?, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        storeField(length(bytes), from: bytes?.baseAddress, at: pointer)
    }

    /// The error a record that failed the builder's combined check gets: the first field, in
    /// wire order, whose length does not fit an `Int32`, else the record, else the batch.
    @usableFromInline @inline(never)
    static func oversizeError<Headers: EncodableHeaders>(
        keyLength: Int, valueLength: Int, headers: Headers, recordSize: Int, batchSize: Int
    ) -> RecordBatchEncodingError {
        let limit = Int(Int32.max)
        if keyLength > limit { return .fieldTooLarge(field: "key", size: keyLength) }
        if valueLength > limit { return .fieldTooLarge(field: "value", size: valueLength) }
        if headers.count > limit { return .fieldTooLarge(field: "headers", size: headers.count) }
        for index in 0..<headers.count {
            if headers.keyLength(index) > limit { return .fieldTooLarge(field: "header key", size: headers.keyLength(index)) }
            if headers.valueLength(index) > limit { return .fieldTooLarge(field: "header value", size: headers.valueLength(index)) }
        }
        if recordSize > limit { return .fieldTooLarge(field: "record", size: recordSize) }
        return .fieldTooLarge(field: "batch", size: batchSize)
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

    /// Copies `count` (> 0) bytes; up to 16 with at most two pairs of unaligned loads and
    /// stores (keys, header keys and values are often that short), longer ones with a memory
    /// copy call (libc's, faster here than any inline loop from 17 bytes up).
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

    /// Calls `body` with the bytes of `array`, or `nil` (non-throwing, no wrappers).
    @inlinable
    static func withOptionalBytes<Result, Failure: Error>(
        _ array: [UInt8]?,
        _ body: (UnsafeRawBufferPointer?) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        guard let array else { return try body(nil) }
        return try array.withBytes { (bytes) throws(Failure) in try body(bytes) }
    }

    /// Stores a header key (length and UTF-8); returns the next write position.
    ///
    /// Short keys (usually small strings, kept inside the `String` value) are copied inline:
    /// no call that could release anything runs while the key is borrowed, so the string is
    /// not retained around the copy.
    @inlinable @inline(__always)
    static func storeKey(_ key: String, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        let stored = key.utf8.withContiguousStorageIfAvailable { utf8 in
            storeField(utf8.count, from: utf8.baseAddress, at: pointer)
        }
        return stored ?? storeNoncontiguousKey(key, at: pointer)
    }

    /// Stores a key whose UTF-8 is not contiguous in memory (a foreign string).
    @usableFromInline
    static func storeNoncontiguousKey(_ key: String, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        Array(key.utf8).withUnsafeBytes { storeField($0, at: pointer) }
    }
}

/// Where the bytes of a nullable `[UInt8]` are, located without retaining it: valid while the
/// caller keeps the array alive and unmodified (a header value while the record's borrowed
/// `[RecordHeader]` is being stored).
@usableFromInline
struct LocatedBytes {
    @usableFromInline var start: UnsafeRawPointer?
    /// Byte count; -1 = null.
    @usableFromInline var length: Int

    @inlinable
    init(start: UnsafeRawPointer?, length: Int) {
        self.start = start
        self.length = length
    }

    /// Locates `bytes` (guaranteed by the caller to outlive every use of the result).
    @inlinable
    static func locate(_ bytes: [UInt8]?) -> LocatedBytes {
        guard let count = bytes?.count else { return LocatedBytes(start: nil, length: -1) }
        return LocatedBytes(start: bytes?.withUnsafeBytes { $0.baseAddress }, length: count)
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
