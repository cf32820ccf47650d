import KafkaCompression

/// Why bytes could not be read as a RecordBatch v2 (or a concatenation of them).
///
/// Every error names the field being read and the byte offset where it starts, counted from
/// the beginning of the input (for a log segment: the file position). When the failure is
/// inside a compressed batch's records, ``offset`` is the position of the compressed records
/// block and ``offsetInRecords`` the byte offset inside the decompressed records.
public struct RecordBatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field being read, e.g. `batchLength` or `records[3].headers[0].value`.
    public let field: String
    /// Absolute byte offset of the field in the input (file position for a segment).
    public let offset: Int
    /// Byte offset inside the decompressed records block, when the failure lies there.
    public let offsetInRecords: Int?
    /// What went wrong.
    public let reason: Reason

    /// Creates an error for `field` at absolute `offset`.
    public init(field: String, offset: Int, offsetInRecords: Int? = nil, reason: Reason) {
        self.field = field
        self.offset = offset
        self.offsetInRecords = offsetInRecords
        self.reason = reason
    }

    /// One line: field, position and reason.
    public var description: String {
        let location = if let offsetInRecords {
            "\(field) at byte \(offsetInRecords) of the decompressed records (block at byte \(offset))"
        } else {
            "\(field) at byte \(offset)"
        }
        return "\(location): \(reason)"
    }

    /// Whether this is a CRC mismatch (strict decoding only).
    public var isCRCMismatch: Bool {
        reason.code == .crcMismatch
    }
}
