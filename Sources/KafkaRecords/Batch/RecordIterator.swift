/// Reads the records of one batch lazily, one at a time, validating each as it goes.
///
/// ``nextView()`` locates a record without copying (no allocation); ``next()`` copies it
/// out as a ``BatchRecord``. After the declared number of records, leftover bytes are an
/// error (``RecordBatchError/Reason/unconsumedBytes(_:)``); running out of bytes before it is
/// ``RecordBatchError/Reason/recordCountMismatch(declared:found:)``.
public struct RecordIterator: Sendable {
    /// The batch header the records belong to.
    public let header: RecordBatchHeader
    /// The buffer the records are read from: the input itself for uncompressed batches,
    /// the decompressed records block otherwise. ``RecordView`` ranges index into it.
    public let storage: [UInt8]
    @usableFromInline var index: Int
    @usableFromInline let end: Int
    @usableFromInline let location: ByteLocation
    /// Records produced so far.
    public private(set) var count: Int = 0
    @usableFromInline var finished = false

    @usableFromInline
    init(header: RecordBatchHeader, storage: [UInt8], range: Range<Int>, location: ByteLocation) {
        self.header = header
        self.storage = storage
        self.index = range.lowerBound
        self.end = range.upperBound
        self.location = location
    }

    /// Locates the next record, or returns `nil` after the last one.
    public mutating func nextView() throws(RecordBatchError) -> RecordView? {
        if finished { return nil }
        let declared = Int(header.recordsCount)
        if count >= declared {
            finished = true
            if index < end {
                throw location.error("records", at: index, .unconsumedBytes(end &- index))
            }
            return nil
        }
        if index >= end {
            throw location.error("records[\(count)]", at: index, .recordCountMismatch(declared: header.recordsCount, found: count))
        }
        let view = try storage.withBytes { (buffer) throws(RecordBatchError) -> RecordView in
            var cursor = ByteCursor(buffer, from: index, end: end, location: location)
            return try RecordWire.parseRecord(&cursor, number: count, header: header)
        }
        index = view.end
        count &+= 1
        return view
    }

    /// Decodes the next record, or returns `nil` after the last one.
    public mutating func next() throws(RecordBatchError) -> BatchRecord? {
        guard let view = try nextView() else { return nil }
        return record(view)
    }

    /// Copies a located record out of ``storage``.
    public func record(_ view: RecordView) -> BatchRecord {
        storage.withUnsafeBytes { BatchRecord(view, in: $0, timestampType: header.attributes.timestampType) }
    }

    /// Decodes every remaining record.
    public mutating func collect() throws(RecordBatchError) -> [BatchRecord] {
        var records: [BatchRecord] = []
        // A record takes at least 7 bytes: a hostile recordsCount cannot inflate the reservation.
        records.reserveCapacity(Swift.max(0, Swift.min(Int(header.recordsCount) &- count, (end &- index) / 7)))
        while let record = try next() { records.append(record) }
        return records
    }

    /// Gives access to the bytes ``RecordView`` and ``HeaderView`` ranges point into.
    public func withUnsafeBytes<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        try storage.withBytes { (buffer) throws(Failure) -> Result in try body(buffer) }
    }

    /// The headers of a located record, each located but not copied.
    public func headerViews(of view: RecordView) -> [HeaderView] {
        storage.withUnsafeBytes { buffer in
            var cursor = ByteCursor(buffer, from: view.headers.lowerBound, end: view.headers.upperBound)
            var headers: [HeaderView] = []
            headers.reserveCapacity(Swift.min(Int(view.headerCount), view.headers.count / 2))
            for number in 0..<Int(view.headerCount) {
                guard let header = try? RecordWire.parseHeader(&cursor, record: view.number, header: number) else { break }
                headers.append(header)
            }
            return headers
        }
    }
}
