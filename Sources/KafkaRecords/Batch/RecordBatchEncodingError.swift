import KafkaCompression

/// Why a ``RecordBatchBuilder`` could not encode a batch.
public enum RecordBatchEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A key, value, header, record or the batch is longer than Int32.max bytes, which the
    /// wire format cannot express.
    case fieldTooLarge(field: String, size: Int)
    /// More than Int32.max records in one batch.
    case tooManyRecords
    /// `append` after `finish()` without `reset(_:)`.
    case batchFinished
    /// The codec failed or is not available.
    case compression(CompressionError)

    /// One line.
    public var description: String {
        switch self {
        case .fieldTooLarge(let field, let size):
            "\(field) is \(size) bytes, more than the Int32.max a RecordBatch can express"
        case .tooManyRecords:
            "more than Int32.max records in one batch"
        case .batchFinished:
            "the batch is finished: call reset(_:) before appending"
        case .compression(let error):
            error.description
        }
    }
}
