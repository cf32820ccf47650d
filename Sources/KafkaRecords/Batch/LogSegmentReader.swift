/// What to do when a batch's stored CRC differs from the computed one.
public enum CRCCheck: Sendable, Hashable {
    /// Compute it and report it (``RecordBatchFrame/isValid``), as kafka-dump-log's `isvalid`.
    case report
    /// Throw ``RecordBatchError/Reason/crcMismatch(stored:computed:)`` (field `crc`).
    case strict
}

/// Walks a concatenation of RecordBatch v2 batches — a log segment's `.log` file is one —
/// yielding each batch with its byte position; ``nextEntry()`` also reads legacy (magic 0/1)
/// messages, for segments written before or across a message-format upgrade.
///
/// Each step reads only the 61-byte header, bounds-checks `batchLength` against the bytes
/// left, and computes the CRC; records are read on demand from the returned frame. The input
/// array is shared by the frames, never copied.
///
/// ```swift
/// var reader = LogSegmentReader(bytes)
/// var decompressor = RecordBatchDecompressor()   // kept codecs and buffer for every batch
/// while let batch = try reader.next() {
///     print(batch.position, batch.header.baseOffset, batch.isValid)
///     var records = try decompressor.records(of: batch)
///     while let record = try records.next() { … }
/// }
/// ```
public struct LogSegmentReader: Sendable {
    /// The input bytes.
    public let bytes: [UInt8]
    /// How CRC mismatches are handled.
    public var crcCheck: CRCCheck
    /// Position of the next batch to read.
    @inlinable public var position: Int { _position }
    @usableFromInline var _position: Int

    /// A reader over `bytes`, starting at `position`.
    public init(_ bytes: [UInt8], crcCheck: CRCCheck = .report, position: Int = 0) {
        self.bytes = bytes
        self.crcCheck = crcCheck
        self._position = Swift.max(0, Swift.min(position, bytes.count))
    }

    /// Whether every byte has been consumed.
    public var isAtEnd: Bool { _position >= bytes.count }

    /// The next batch, or `nil` at the end of the input.
    ///
    /// Throws on a truncated or malformed header (the position stays at the failing batch)
    /// and, under ``CRCCheck/strict``, on a CRC mismatch.
    @inlinable @inline(__always)
    public mutating func next() throws(RecordBatchError) -> RecordBatchFrame? {
        let start = _position
        guard start < bytes.count else { return nil }
        // The header and CRC are read inside the access, the frame (which holds the array)
        // made outside it: one retain a batch, for the frame.
        var failure: RecordBatchError? = nil
        let read = bytes.withUnsafeBytes { buffer -> (header: RecordBatchHeader, crc: UInt32)? in
            do throws(RecordBatchError) {
                return try Self.readHeader(buffer, at: start, crcCheck: crcCheck)
            } catch {
                failure = error
                return nil
            }
        }
        if let failure { throw failure }
        guard let (header, computedCRC) = read else { return nil }  // nil only with a failure
        _position = start &+ header.sizeInBytes
        return RecordBatchFrame(header: header, position: start, computedCRC: computedCRC, storage: bytes)
    }

    /// Reads every remaining batch and hands each of its records to `visitor` (decompressed by
    /// `decompressor` when the batch is compressed): what a consumer does with a fetched
    /// segment, in one access to the input and without making a ``RecordBatchFrame`` per batch
    /// (no reference taken or released). Returns the records visited. A visitor that returns
    /// false stops the walk; the reader is then past the batch it stopped in.
    ///
    /// The same checks and errors as ``next()`` followed by
    /// ``RecordBatchDecompressor/forEachView(of:_:)``: a bad header leaves the reader at that
    /// batch, an error in the records leaves it past the batch. Under ``CRCCheck/report`` a
    /// batch whose CRC differs is still read (use ``next()`` to see ``RecordBatchFrame/isValid``).
    @inlinable
    public mutating func forEachView<Visitor: RecordViewVisitor>(
        decompressingWith decompressor: inout RecordBatchDecompressor, _ visitor: inout Visitor
    ) throws(RecordBatchError) -> Int {
        var position = _position
        defer { _position = position }
        let crcCheck = self.crcCheck
        return try bytes.withBytes { (buffer) throws(RecordBatchError) in
            var records = 0
            while position < buffer.count {
                let start = position
                let (header, _) = try Self.readHeader(buffer, at: start, crcCheck: crcCheck)
                position = start &+ header.sizeInBytes
                let walked = try decompressor.walk(header, at: start, in: buffer, &visitor)
                records &+= walked.records
                if !walked.finished { break }
            }
            return records
        }
    }

    /// The header of the batch at `start` in `buffer` and the CRC computed over it, checked as
    /// `crcCheck` says.
    @inlinable @inline(__always)
    static func readHeader(_ buffer: UnsafeRawBufferPointer, at start: Int, crcCheck: CRCCheck) throws(RecordBatchError) -> (header: RecordBatchHeader, crc: UInt32) {
        let header = try RecordBatchHeader.parse(buffer, at: start)
        let covered = UnsafeRawBufferPointer(rebasing: buffer[(start &+ RecordBatchHeader.crcCoverageStart)..<(start &+ header.sizeInBytes)])
        let computedCRC = CRC32C.checksum(covered)
        if crcCheck == .strict, computedCRC != header.crc {
            throw Self.crcMismatch(header, computedCRC, at: start)
        }
        return (header, computedCRC)
    }

    /// The strict check's error for the batch at `position`.
    @usableFromInline
    static func crcMismatch(_ header: RecordBatchHeader, _ computedCRC: UInt32, at position: Int) -> RecordBatchError {
        RecordBatchError(field: "crc", offset: position + 17, reason: .crcMismatch(stored: header.crc, computed: computedCRC))
    }

    /// Moves past an entry read by another parser (a legacy message).
    mutating func skip(to newPosition: Int) {
        _position = newPosition
    }
}
