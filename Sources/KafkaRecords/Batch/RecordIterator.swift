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
    /// the decompressed records block otherwise, at its start. ``RecordView`` ranges index into
    /// it. A decompressor's buffer runs past the block (its unused room): the block is
    /// `storage[..<recordsEnd]`.
    public let storage: [UInt8]
    @usableFromInline var state: State
    @usableFromInline let end: Int
    @usableFromInline let location: ByteLocation

    /// Where the walk is: next index, records produced, finished.
    @usableFromInline
    struct State: Sendable {
        @usableFromInline var index: Int
        @usableFromInline var count: Int32 = 0
        @usableFromInline var finished = false

        @usableFromInline
        init(index: Int) { self.index = index }
    }

    @usableFromInline
    init(header: RecordBatchHeader, storage: [UInt8], range: Range<Int>, location: ByteLocation) {
        self.header = header
        self.storage = storage
        self.state = State(index: range.lowerBound)
        self.end = range.upperBound
        self.location = location
    }

    /// Records produced so far.
    public var count: Int { Int(state.count) }

    /// Where the records end in ``storage``: the end of the batch when it is uncompressed, the
    /// length of the decompressed records block otherwise.
    public var recordsEnd: Int { end }

    /// Parses the next record into `view`; false after the last one (checking that no bytes
    /// are left over). Static and over locals so the hot loop touches no reference counts.
    ///
    /// `base` is `RecordWire.BatchBase(header)`, made once per walk. The record is parsed by
    /// the flat `RecordWire/parseRecordFast(_:at:end:number:base:into:)`; when that fails,
    /// by the careful parse, which throws the error naming the field and offset. Always
    /// inlined: a walk's loop is this function.
    @inlinable @inline(__always)
    static func step(
        _ buffer: UnsafeRawBufferPointer,
        header: RecordBatchHeader,
        base: RecordWire.BatchBase,
        end: Int,
        location: ByteLocation,
        state: inout State,
        into view: inout RecordView
    ) throws(RecordBatchError) -> Bool {
        if state.finished { return false }
        if state.count >= header.recordsCount {
            state.finished = true
            if state.index < end {
                throw location.error("records", at: state.index, .unconsumedBytes(end &- state.index))
            }
            return false
        }
        if state.index >= end {
            state.finished = true
            throw location.error("records[\(state.count)]", at: state.index, .recordCountMismatch(declared: header.recordsCount, found: Int(state.count)))
        }
        if let next = RecordWire.parseRecordFast(buffer, at: state.index, end: end, number: state.count, base: base, into: &view) {
            state.index = next
        } else {
            do {
                (state.index, view) = try parseCarefully(buffer, header: header, end: end, location: location, state: state)
            } catch {
                state.finished = true
                throw error
            }
        }
        state.count &+= 1
        return true
    }

    /// The record at `state.index` parsed by the careful parse (which builds the error naming
    /// the field), and the index after it. Out of line, so that the error context it sets up
    /// stays off the hot path; returning the view (not writing an `inout` one) leaves the
    /// fast path's view in registers.
    @usableFromInline @inline(never)
    static func parseCarefully(
        _ buffer: UnsafeRawBufferPointer,
        header: RecordBatchHeader,
        end: Int,
        location: ByteLocation,
        state: State
    ) throws(RecordBatchError) -> (next: Int, view: RecordView) {
        var cursor = ByteCursor(buffer, from: state.index, end: end, location: location)
        var view = RecordView()
        try RecordWire.parseRecord(&cursor, number: state.count, header: header, into: &view)
        return (cursor.index, view)
    }

    /// Locates the next record, or returns `nil` after the last one.
    @inlinable
    public mutating func nextView() throws(RecordBatchError) -> RecordView? {
        var first = FirstView()
        try forEachView(&first)
        return first.view
    }

    /// Walks the remaining records with a single access to the buffer: `body` receives each
    /// located record and the bytes its ranges index into. Stops early when `body` returns
    /// `false`. Always inlined: the walk is a loop in the caller, with the iterator's fields in
    /// registers. A closure that captures state may still be called once per record (the
    /// optimiser does not always inline it); ``forEachView(_:)-(Visitor)`` with a
    /// ``RecordViewVisitor`` whose `visit` is always inlined never is.
    @inlinable @inline(__always)
    public mutating func forEachView(_ body: (RecordView, UnsafeRawBufferPointer) -> Bool) throws(RecordBatchError) {
        try withoutActuallyEscaping(body) { (body) throws(RecordBatchError) in
            var visitor = ClosureViewVisitor(body: body)
            try forEachView(&visitor)
        }
    }

    /// Walks the remaining records with a single access to the buffer, handing each located
    /// record to `visitor`; stops early when it returns `false`. The fastest way to read a
    /// batch: the walk is a loop in the caller, specialised for `Visitor`, and a `visit` marked
    /// `@inline(__always)` is part of it (no call per record).
    @inlinable @inline(__always)
    public mutating func forEachView<Visitor: RecordViewVisitor>(_ visitor: inout Visitor) throws(RecordBatchError) {
        var state = self.state
        defer { self.state = state }  // after an error too: the iterator then stays finished
        try Self.walk(storage, header: header, end: end, location: location, state: &state, visitor: &visitor)
    }

    /// The walk behind ``forEachView(_:)-(Visitor)`` over `storage` up to `end`, from
    /// `state` (which it advances): one access to the bytes, then ``walk(_:header:end:location:state:visitor:)-(UnsafeRawBufferPointer,_,_,_,_,_)``.
    @inlinable @inline(__always)
    static func walk<Visitor: RecordViewVisitor>(
        _ storage: [UInt8], header: RecordBatchHeader, end: Int, location: ByteLocation,
        state: inout State, visitor: inout Visitor
    ) throws(RecordBatchError) {
        var failure: RecordBatchError? = nil
        storage.withUnsafeBytes { buffer in
            do throws(RecordBatchError) {
                _ = try Self.walk(buffer, header: header, end: end, location: location, state: &state, visitor: &visitor)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Walks the records in `buffer` up to `end` from `state` (which it advances): each record
    /// parsed by ``step`` and handed to `visitor`. False when the visitor stopped the walk.
    @inlinable @inline(__always)
    static func walk<Visitor: RecordViewVisitor>(
        _ buffer: UnsafeRawBufferPointer, header: RecordBatchHeader, end: Int, location: ByteLocation,
        state: inout State, visitor: inout Visitor
    ) throws(RecordBatchError) -> Bool {
        let base = RecordWire.BatchBase(header)
        var view = RecordView()
        let end = Swift.min(end, buffer.count)  // the range lies in the buffer: the same end, known to the fast parse
        while try Self.step(buffer, header: header, base: base, end: end, location: location, state: &state, into: &view) {
            if !visitor.visit(view, in: buffer) { return false }
        }
        return true
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

    /// Records ``collect()`` reserves room for before parsing any.
    static let upfrontReservation = 4096

    /// Decodes every remaining record.
    public mutating func collect() throws(RecordBatchError) -> [BatchRecord] {
        var records: [BatchRecord] = []
        // Reserve for the declared count, but no more than the bytes could hold (a record takes
        // at least 7) and at most 4096 up front: a hostile recordsCount over a large block of
        // garbage (256 MiB decompressed from a few KiB) would otherwise reserve gigabytes before
        // the first record fails. Larger batches grow the array as their records parse.
        records.reserveCapacity(Swift.max(0, Swift.min(Int(header.recordsCount) &- count, (end &- state.index) / 7, Self.upfrontReservation)))
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

/// Receives the records of a batch one at a time from ``RecordIterator/forEachView(_:)-(Visitor)``.
///
/// Mark `visit` `@inline(__always)`: the walk is then one loop in the caller with the visitor's
/// work inside it, where a closure that captures state may cost a call per record.
///
/// ```swift
/// struct ValueBytes: RecordViewVisitor {
///     var total = 0
///     @inline(__always)
///     mutating func visit(_ view: RecordView, in bytes: UnsafeRawBufferPointer) -> Bool {
///         total += view.value?.count ?? 0
///         return true
///     }
/// }
/// var sum = ValueBytes()
/// try iterator.forEachView(&sum)
/// ```
public protocol RecordViewVisitor {
    /// Called with each located record and the bytes its ranges index into; return `false` to
    /// stop the walk.
    mutating func visit(_ view: RecordView, in bytes: UnsafeRawBufferPointer) -> Bool
}

/// The closure form of ``RecordViewVisitor`` behind ``RecordIterator/forEachView(_:)-((RecordView,UnsafeRawBufferPointer)->Bool)``.
@usableFromInline
struct ClosureViewVisitor: RecordViewVisitor {
    @usableFromInline let body: (RecordView, UnsafeRawBufferPointer) -> Bool

    @inlinable
    init(body: @escaping (RecordView, UnsafeRawBufferPointer) -> Bool) {
        self.body = body
    }

    @inlinable @inline(__always)
    mutating func visit(_ view: RecordView, in bytes: UnsafeRawBufferPointer) -> Bool {
        body(view, bytes)
    }
}

/// The visitor behind ``RecordIterator/nextView()``: keeps the first record and stops.
@usableFromInline
struct FirstView: RecordViewVisitor {
    @usableFromInline var view: RecordView?

    @inlinable
    init() {}

    @inlinable @inline(__always)
    mutating func visit(_ view: RecordView, in bytes: UnsafeRawBufferPointer) -> Bool {
        self.view = view
        return false
    }
}
