/// One entry of a log segment: a RecordBatch (magic 2) or a legacy message (magic 0 or 1),
/// told apart by the magic byte at offset 16 of the entry, as Kafka's `FileLogInputStream` does.
/// A segment of a topic upgraded from message format v0/v1 holds both.
public enum LogSegmentEntry: Sendable {
    /// A RecordBatch v2.
    case batch(RecordBatchFrame)
    /// A message in format v0 or v1 (possibly a compressed wrapper).
    case legacy(LegacyMessageFrame)

    /// Byte position of the entry in the input.
    public var position: Int {
        switch self {
        case .batch(let frame): frame.position
        case .legacy(let frame): frame.position
        }
    }

    /// Bytes the entry takes in the input.
    public var sizeInBytes: Int {
        switch self {
        case .batch(let frame): frame.header.sizeInBytes
        case .legacy(let frame): frame.message.sizeInBytes
        }
    }

    /// Whether the stored CRC (CRC-32C for a batch, CRC-32 for a legacy message) matches.
    public var isValid: Bool {
        switch self {
        case .batch(let frame): frame.isValid
        case .legacy(let frame): frame.isValid
        }
    }
}

extension LogSegmentReader {
    /// Offset of the magic byte in every log entry (batch or legacy message).
    static let magicOffset = 16

    /// The next entry, batch or legacy message, or `nil` at the end of the input.
    ///
    /// Throws on a truncated or malformed entry (the position stays at it) and, under
    /// ``CRCCheck/strict``, on a CRC mismatch (``RecordBatchError/Reason/Code/crcMismatch`` for a
    /// batch, ``RecordBatchError/Reason/Code/legacyCRCMismatch`` for a legacy message).
    public mutating func nextEntry() throws(RecordBatchError) -> LogSegmentEntry? {
        guard position < bytes.count else { return nil }
        let start = position
        let magicPosition = start &+ Self.magicOffset
        guard magicPosition < bytes.count, bytes[magicPosition] <= 1 else {
            // Magic 2, anything else, or too short to tell: the batch reader names what is wrong.
            return try next().map { .batch($0) }
        }
        let frame = try LegacyMessageFrame(parsing: bytes, at: start)
        if crcCheck == .strict, !frame.isValid {
            throw RecordBatchError(field: "crc", offset: start &+ 12, reason: .legacyCRCMismatch(stored: frame.message.crc, computed: frame.message.computedCRC))
        }
        skip(to: frame.message.range.upperBound)
        return .legacy(frame)
    }
}
