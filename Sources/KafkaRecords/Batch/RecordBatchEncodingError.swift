import KafkaCompression

/// Why a ``RecordBatchBuilder`` could not encode a batch.
///
/// A struct that can grow new kinds without breaking callers: match on ``code``
/// (`error.code == .fieldTooLarge`), read ``field``, ``size`` or ``compressionError``.
/// `==` compares the code and its values.
public struct RecordBatchEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of a ``RecordBatchEncodingError``; new kinds may be added in any release.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable { case fieldTooLarge, tooManyRecords, batchFinished, compression }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A field or the batch is longer than Int32.max bytes.
        public static let fieldTooLarge = Code(.fieldTooLarge)
        /// More than Int32.max records in one batch.
        public static let tooManyRecords = Code(.tooManyRecords)
        /// `append` after `finish()` without `reset(_:)`.
        public static let batchFinished = Code(.batchFinished)
        /// The codec failed or is not available.
        public static let compression = Code(.compression)

        /// The kind's name, e.g. `fieldTooLarge`.
        public var description: String { base.rawValue }
    }

    private enum Storage: Sendable, Equatable {
        case fieldTooLarge(field: String, size: Int)
        case tooManyRecords
        case batchFinished
        case compression(CompressionError)
    }

    private let storage: Storage
    private init(_ storage: Storage) { self.storage = storage }

    /// A key, value, header, record or the batch is longer than Int32.max bytes, which the
    /// wire format cannot express.
    public static func fieldTooLarge(field: String, size: Int) -> Self { Self(.fieldTooLarge(field: field, size: size)) }

    /// More than Int32.max records in one batch.
    public static var tooManyRecords: Self { Self(.tooManyRecords) }

    /// `append` after `finish()` without `reset(_:)`.
    public static var batchFinished: Self { Self(.batchFinished) }

    /// The codec failed or is not available.
    public static func compression(_ error: CompressionError) -> Self { Self(.compression(error)) }

    /// The kind of failure.
    public var code: Code {
        switch storage {
        case .fieldTooLarge: .fieldTooLarge
        case .tooManyRecords: .tooManyRecords
        case .batchFinished: .batchFinished
        case .compression: .compression
        }
    }

    /// The field that is too large, e.g. `record` (``Code/fieldTooLarge``).
    public var field: String? {
        if case .fieldTooLarge(let field, _) = storage { return field }
        return nil
    }

    /// The field's size in bytes (``Code/fieldTooLarge``).
    public var size: Int? {
        if case .fieldTooLarge(_, let size) = storage { return size }
        return nil
    }

    /// The codec's error (``Code/compression``).
    public var compressionError: CompressionError? {
        if case .compression(let error) = storage { return error }
        return nil
    }

    /// One line.
    public var description: String {
        switch storage {
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
