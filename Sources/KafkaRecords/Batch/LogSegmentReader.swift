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
    public private(set) var position: Int

    /// A reader over `bytes`, starting at `position`.
    public init(_ bytes: [UInt8], crcCheck: CRCCheck = .report, position: Int = 0) {
        self.bytes = bytes
        self.crcCheck = crcCheck
        self.position = Swift.max(0, Swift.min(position, bytes.count))
    }

    /// Whether every byte has been consumed.
    public var isAtEnd: Bool { position >= bytes.count }

    /// The next batch, or `nil` at the end of the input.
    ///
    /// Throws on a truncated or malformed header (the position stays at the failing batch)
    /// and, under ``CRCCheck/strict``, on a CRC mismatch.
    public mutating func next() throws(RecordBatchError) -> RecordBatchFrame? {
        guard position < bytes.count else { return nil }
        let start = position
        let frame = try bytes.withBytes { (buffer) throws(RecordBatchError) -> RecordBatchFrame in
            let header = try RecordBatchHeader.parse(buffer, at: start)
            let covered = UnsafeRawBufferPointer(rebasing: buffer[(start + RecordBatchHeader.crcCoverageStart)..<(start + header.sizeInBytes)])
            return RecordBatchFrame(header: header, position: start, computedCRC: CRC32C.checksum(covered), storage: bytes)
        }
        if crcCheck == .strict, !frame.isValid {
            throw RecordBatchError(field: "crc", offset: start + 17, reason: .crcMismatch(stored: frame.header.crc, computed: frame.computedCRC))
        }
        position = start + frame.header.sizeInBytes
        return frame
    }

    /// Moves past an entry read by another parser (a legacy message).
    mutating func skip(to newPosition: Int) {
        position = newPosition
    }
}
