import KafkaCompression

/// Why bytes could not be read as a RecordBatch v2 (or a concatenation of them).
///
/// Every error names the field being read and the byte offset where it starts, counted from
/// the beginning of the input (for a log segment: the file position). When the failure is
/// inside a compressed batch's records, ``offset`` is the position of the compressed records
/// block and ``offsetInRecords`` the byte offset inside the decompressed records.
public struct RecordBatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure and the numbers that explain it.
    public enum Reason: Sendable, Equatable {
        /// Fewer bytes are left than the field needs.
        case truncated(needed: Int, available: Int)
        /// The magic byte is not 2 (only RecordBatch v2 is supported).
        case unsupportedMagic(Int8)
        /// The stored CRC-32C does not match the one computed over bytes 21…end.
        case crcMismatch(stored: UInt32, computed: UInt32)
        /// A length or count is negative or larger than the bytes that could hold it.
        case invalidLength(Int64, available: Int)
        /// A varint (5 bytes at most) or varlong (10 bytes at most) keeps its continuation bit.
        case varintTooLong(maxBytes: Int)
        /// The batch header declares more records than its records block holds.
        case recordCountMismatch(declared: Int32, found: Int)
        /// Bytes are left in the records block after the declared number of records.
        case unconsumedBytes(Int)
        /// A record's fields do not add up to the length it declares.
        case recordLengthMismatch(declared: Int, consumed: Int)
        /// The attributes name a codec this build does not know (codec bits 5–7).
        case unknownCodec(bits: UInt8)
        /// The codec failed (corrupt block, decompression ceiling, missing codec).
        case compression(CompressionError)
    }

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
        if case .crcMismatch = reason { return true }
        return false
    }
}

extension RecordBatchError.Reason: CustomStringConvertible {
    /// A short human explanation.
    public var description: String {
        switch self {
        case .truncated(let needed, let available):
            "truncated: needs \(needed) bytes, \(available) left"
        case .unsupportedMagic(let magic):
            "unsupported magic \(magic) (only RecordBatch v2, magic 2, is supported)"
        case .crcMismatch(let stored, let computed):
            "CRC-32C mismatch: stored \(stored), computed \(computed)"
        case .invalidLength(let length, let available):
            length < 0
                ? "invalid negative length \(length)"
                : "length \(length) exceeds the \(available) bytes available"
        case .varintTooLong(let maxBytes):
            "varint longer than \(maxBytes) bytes"
        case .recordCountMismatch(let declared, let found):
            "batch declares \(declared) records but its records block ends after \(found)"
        case .unconsumedBytes(let count):
            "\(count) bytes left after the declared records"
        case .recordLengthMismatch(let declared, let consumed):
            "record declares \(declared) bytes but its fields take \(consumed)"
        case .unknownCodec(let bits):
            "unknown compression codec \(bits) in attributes"
        case .compression(let error):
            error.description
        }
    }
}
