/// The headers of one record as the encoder reads them: sizes first (for the record length),
/// then the stores. Implemented for `[RecordHeader]` elements and for borrowed
/// ``RecordHeaderBytes``, so one specialized encoder serves both.
@usableFromInline
protocol EncodableHeaders {
    /// Number of headers.
    var count: Int { get }
    /// UTF-8 length of header `index`'s key.
    func keyLength(_ index: Int) -> Int
    /// Length of header `index`'s value, -1 when null.
    func valueLength(_ index: Int) -> Int
    /// Stores header `index` (key and value, each length-prefixed) at `pointer`; returns the
    /// next write position.
    func store(_ index: Int, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer
}

extension EncodableHeaders {
    /// Bytes of the headers section: the count varint and every header (unchecked: the
    /// builder checks the record's total).
    @inlinable @inline(__always)
    var encodedSize: Int {
        var size = Varint.unsignedSize(RecordSizing.zigzagLength(count))
        var index = 0
        while index < count {
            size &+= RecordSizing.fieldSize(keyLength(index)) &+ RecordSizing.fieldSize(valueLength(index))
            index &+= 1
        }
        return size
    }

    /// Adds every header's key and value length (0 for null) to `payload`, and ORs them into
    /// `fields`.
    @inlinable @inline(__always)
    func addPayloads(to payload: inout Int, fields: inout Int) {
        var index = 0
        while index < count {
            let key = keyLength(index)
            let value = RecordSizing.payload(valueLength(index))
            payload &+= key &+ value
            fields |= key | value
            index &+= 1
        }
    }

    /// Stores the headers section (count varint, then every header); returns the next write
    /// position.
    @inlinable @inline(__always)
    func storeAll(at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        var p = pointer + Varint.store(RecordSizing.zigzagLength(count), at: pointer)
        var index = 0
        while index < count {
            p = store(index, at: p)
            index &+= 1
        }
        return p
    }
}

/// The elements of a caller's `[RecordHeader]`, read in place.
@usableFromInline
struct OwnedHeaders: EncodableHeaders {
    @usableFromInline let headers: UnsafeBufferPointer<RecordHeader>

    @inlinable
    init(_ headers: UnsafeBufferPointer<RecordHeader>) { self.headers = headers }

    @inlinable var count: Int { headers.count }

    @inlinable func keyLength(_ index: Int) -> Int { headers[index].key.utf8.count }

    @inlinable func valueLength(_ index: Int) -> Int { headers[index].value?.count ?? -1 }

    @inlinable @inline(__always)
    func store(_ index: Int, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        // Located before any copy: holding the value array across a copy would retain it.
        let value = LocatedBytes.locate(headers[index].value)
        let p = RecordSizing.storeKey(headers[index].key, at: pointer)
        return RecordSizing.storeField(value.length, from: value.start, at: p)
    }
}

/// Borrowed header bytes.
@usableFromInline
struct BorrowedHeaders: EncodableHeaders {
    @usableFromInline let headers: UnsafeBufferPointer<RecordHeaderBytes>

    @inlinable
    init(_ headers: UnsafeBufferPointer<RecordHeaderBytes>) { self.headers = headers }

    @inlinable var count: Int { headers.count }

    @inlinable func keyLength(_ index: Int) -> Int { headers[index].key.count }

    @inlinable func valueLength(_ index: Int) -> Int { RecordSizing.length(headers[index].value) }

    @inlinable @inline(__always)
    func store(_ index: Int, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        let header = headers[index]
        let p = RecordSizing.storeField(header.key, at: pointer)
        return RecordSizing.storeField(header.value, at: p)
    }
}
