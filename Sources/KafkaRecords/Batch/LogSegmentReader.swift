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
                let header = try RecordBatchHeader.parse(buffer, at: start)
                let covered = UnsafeRawBufferPointer(rebasing: buffer[(start &+ RecordBatchHeader.crcCoverageStart)..<(start &+ header.sizeInBytes)])
                return (header, CRC32C.checksum(covered))
            } catch {
                failure = error
                return nil
            }
        }
        if let failure { throw failure }
        guard let (header, computedCRC) = read else { return nil }  // nil only with a failure
        if crcCheck == .strict, computedCRC != header.crc {
            throw Self.crcMismatch(header, computedCRC, at: start)
        }
        _position = start &+ header.sizeInBytes
        return RecordBatchFrame(header: header, position: start, computedCRC: computedCRC, storage: bytes)
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
