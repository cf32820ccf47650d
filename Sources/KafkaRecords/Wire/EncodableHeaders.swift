/// The headers of one record as the encoder reads them: sizes first (for the record length),
/// then the stores. Implemented for `[RecordHeader]` elements and for borrowed
/// ``RecordHeaderBytes``, so one specialized encoder serves both.
@usableFromInline
protocol EncodableHeaders {
    /// Number of headers.
    var count: Int { get }
    /// UTF-8 length of header `index`'s key.
    func keyCount(_ index: Int) -> Int
    /// Length of header `index`'s value, `nil` when null.
    func valueCount(_ index: Int) -> Int?
    /// Stores header `index` (key and value, each length-prefixed) at `pointer`; returns the
    /// next write position.
    func store(_ index: Int, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer
}

/// The elements of a caller's `[RecordHeader]`, read in place.
@usableFromInline
struct OwnedHeaders: EncodableHeaders {
    @usableFromInline let headers: UnsafeBufferPointer<RecordHeader>

    @inlinable
    init(_ headers: UnsafeBufferPointer<RecordHeader>) { self.headers = headers }

    @inlinable var count: Int { headers.count }

    @inlinable func keyCount(_ index: Int) -> Int { headers[index].key.utf8.count }

    @inlinable func valueCount(_ index: Int) -> Int? { headers[index].value?.count }

    @inlinable @inline(__always)
    func store(_ index: Int, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        // Located before any copy: holding the value array across a copy would retain it.
        let value = LocatedBytes.locate(headers[index].value)
        let p = RecordSizing.storeKey(headers[index].key, at: pointer)
        return RecordSizing.storeNullable(value.bytes, at: p)
    }
}

/// Borrowed header bytes.
@usableFromInline
struct BorrowedHeaders: EncodableHeaders {
    @usableFromInline let headers: UnsafeBufferPointer<RecordHeaderBytes>

    @inlinable
    init(_ headers: UnsafeBufferPointer<RecordHeaderBytes>) { self.headers = headers }

    @inlinable var count: Int { headers.count }

    @inlinable func keyCount(_ index: Int) -> Int { headers[index].key.count }

    @inlinable func valueCount(_ index: Int) -> Int? { headers[index].value?.count }

    @inlinable @inline(__always)
    func store(_ index: Int, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        let header = headers[index]
        let p = RecordSizing.storeNullable(header.key, at: pointer)
        return RecordSizing.storeNullable(header.value, at: p)
    }
}
