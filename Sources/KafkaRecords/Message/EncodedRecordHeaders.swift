/// The headers of a record encoded once, as the RecordBatch v2 headers section (the count
/// varint, then each key and value length-prefixed), for the append path that re-encodes
/// nothing and touches no reference count per header
/// (``RecordBatchBuilder/append(keyBytes:valueBytes:headers:timestamp:offsetDelta:)-(_,_,EncodedRecordHeaders,_,_)``).
///
/// Build one per distinct header list and append it to as many records as carry those
/// headers: the bytes written are those of the same `[RecordHeader]`.
public struct EncodedRecordHeaders: Sendable, Hashable {
    /// The encoded headers section.
    @usableFromInline let section: [UInt8]
    /// Number of headers.
    @usableFromInline let count: Int
    /// Key and value bytes of every header (0 for a null value).
    @usableFromInline let payload: Int
    /// Every key and value length ORed (-1 for a null value), for the builder's fast-path test.
    @usableFromInline let fields: Int

    /// Encodes `headers`; fails when one of them, or their number, passes the `Int32.max`
    /// the wire format can express (``RecordBatchEncodingError/Code/fieldTooLarge``, field
    /// `headers`, `header key` or `header value`).
    public init(_ headers: [RecordHeader]) throws(RecordBatchEncodingError) {
        let limit = Int(Int32.max)
        guard headers.count <= limit else { throw .fieldTooLarge(field: "headers", size: headers.count) }
        for header in headers {
            let keyLength = header.key.utf8.count
            guard keyLength <= limit else { throw .fieldTooLarge(field: "header key", size: keyLength) }
            let valueLength = header.value?.count ?? 0
            guard valueLength <= limit else { throw .fieldTooLarge(field: "header value", size: valueLength) }
        }
        (section, payload, fields) = headers.withUnsafeBufferPointer { buffer in
            let owned = OwnedHeaders(buffer)
            var payload = 0
            var fields = 0
            owned.addPayloads(to: &payload, fields: &fields)
            let section = [UInt8](unsafeUninitializedCapacity: owned.encodedSize) { bytes, initialized in
                guard let base = bytes.baseAddress else { return }
                initialized = owned.storeAll(at: UnsafeMutableRawPointer(base)) - UnsafeMutableRawPointer(base)
            }
            return (section, payload, fields)
        }
        count = headers.count
    }

    /// No headers (the section is the single count byte `0x00`).
    public init() {
        section = [0]
        count = 0
        payload = 0
        fields = 0
    }

    /// Number of headers.
    public var headerCount: Int { count }

    /// The encoded headers section, as it appears in every record that carries these headers.
    public var encodedBytes: [UInt8] { section }

    /// Lends the section to the encoder.
    @inlinable @inline(__always)
    func withSection<Result>(
        _ body: (SectionHeaders) throws(RecordBatchEncodingError) -> Result
    ) throws(RecordBatchEncodingError) -> Result {
        try section.withUnsafeBytes { bytes in
            Swift.Result { () throws(RecordBatchEncodingError) -> Result in
                try body(SectionHeaders(bytes, count: count, payload: payload, fields: fields))
            }
        }.get()
    }
}
