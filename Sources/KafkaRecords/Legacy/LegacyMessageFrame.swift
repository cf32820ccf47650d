/// One legacy (magic 0/1) log entry found in a byte buffer: the parsed message and the buffer
/// it sits in (shared, not copied). Its records — itself, or the inner messages of a compressed
/// wrapper — are read with ``RecordBatchDecompressor/records(of:)-(LegacyMessageFrame)``.
public struct LegacyMessageFrame: Sendable {
    /// The parsed entry (positions index into ``storage``).
    public let message: LegacyMessage
    /// The input the entry was read from.
    public let storage: [UInt8]

    /// Parses the legacy log entry at `position` of `storage`.
    public init(parsing storage: [UInt8], at position: Int) throws(RecordBatchError) {
        self.message = try storage.withBytes { (bytes) throws(RecordBatchError) in
            try LegacyMessage.parse(bytes, at: position, location: ByteLocation())
        }
        self.storage = storage
    }

    /// Byte position of the entry in the input (for a `.log` file: the file position).
    public var position: Int { message.position }
    /// Whether the stored CRC-32 matches the computed one.
    public var isValid: Bool { message.isValid }
    /// The entry's bytes.
    public var bytes: ArraySlice<UInt8> { storage[message.range] }
}

/// A legacy message read as a record: its absolute offset and the timestamp Kafka reports
/// for it (the wrapper's for inner v1 messages of a LogAppendTime wrapper, -1 for v0).
public struct LegacyRecordView: Sendable, Hashable {
    /// The absolute offset (inner v1 offsets resolved against the wrapper's).
    public var offset: Int64
    /// The timestamp as Kafka reports it.
    public var timestamp: Int64
    /// The message (positions index into the iterator's ``LegacyRecordIterator/storage``).
    public var message: LegacyMessage
}
