/// The headers of one record as the encoder reads them: sizes first (for the record length),
/// then the stores. Implemented for `[RecordHeader]` elements, for an ``EncodedRecordHeaders``
/// section and for no headers, so one specialized encoder serves all three.
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
    /// Bytes of the headers section (default: summed from the headers).
    var encodedSize: Int { get }
    /// Adds the key and value payloads to `payload` and ORs their lengths into `fields`
    /// (default: from the headers).
    func addPayloads(to payload: inout Int, fields: inout Int)
    /// Stores the headers section; returns the next write position (default: header by header).
    func storeAll(at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer
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

/// No headers: the section is the count varint 0.
@usableFromInline
struct NoHeaders: EncodableHeaders {
    @inlinable init() {}

    @inlinable var count: Int { 0 }

    @inlinable func keyLength(_ index: Int) -> Int { 0 }

    @inlinable func valueLength(_ index: Int) -> Int { -1 }

    @inlinable func store(_ index: Int, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer { pointer }

    @inlinable var encodedSize: Int { 1 }

    @inlinable func addPayloads(to payload: inout Int, fields: inout Int) {}

    @inlinable @inline(__always)
    func storeAll(at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        pointer.storeBytes(of: 0, as: UInt8.self)
        return pointer + 1
    }
}

/// The section of an ``EncodedRecordHeaders``, borrowed for one append: copied whole.
@usableFromInline
struct SectionHeaders: EncodableHeaders {
    @usableFromInline let section: UnsafeRawBufferPointer
    @usableFromInline let count: Int
    @usableFromInline let payload: Int
    @usableFromInline let fields: Int

    @inlinable
    init(_ section: UnsafeRawBufferPointer, count: Int, payload: Int, fields: Int) {
        self.section = section
        self.count = count
        self.payload = payload
        self.fields = fields
    }

    // Per-header lengths only name an oversized field in an error; EncodedRecordHeaders
    // rejected any header field past Int32.max when it was built.
    @inlinable func keyLength(_ index: Int) -> Int { 0 }

    @inlinable func valueLength(_ index: Int) -> Int { 0 }

    @inlinable func store(_ index: Int, at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer { pointer }

    @inlinable var encodedSize: Int { section.count }

    @inlinable @inline(__always)
    func addPayloads(to payload: inout Int, fields: inout Int) {
        payload &+= self.payload
        fields |= self.fields
    }

    @inlinable @inline(__always)
    func storeAll(at pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        guard let base = section.baseAddress else { return pointer }
        RecordSizing.copy(section.count, from: base, to: pointer)
        return pointer + section.count
    }
}
