/// Why a ``MessageAnatomy`` could not be built from typed values.
///
/// A struct that can grow new kinds without breaking callers: match on ``code``
/// (`error.code == .serialization`) and read the underlying error
/// (``serializationError``, ``encodingError``, ``decodingError``). `==` compares the code and
/// the underlying error.
public struct MessageAnatomyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of a ``MessageAnatomyError``; new kinds may be added in any release.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable { case serialization, encoding, decoding }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The key or value serializer failed.
        public static let serialization = Code(.serialization)
        /// The record could not be encoded.
        public static let encoding = Code(.encoding)
        /// The encoded batch could not be walked.
        public static let decoding = Code(.decoding)

        /// The kind's name, e.g. `encoding`.
        public var description: String { base.rawValue }
    }

    private enum Storage: Sendable, Equatable {
        case serialization(SerializationError)
        case encoding(RecordBatchEncodingError)
        case decoding(RecordBatchError)
    }

    private let storage: Storage
    private init(_ storage: Storage) { self.storage = storage }

    /// The key or value serializer failed.
    public static func serialization(_ error: SerializationError) -> Self { Self(.serialization(error)) }

    /// The record could not be encoded.
    public static func encoding(_ error: RecordBatchEncodingError) -> Self { Self(.encoding(error)) }

    /// The encoded batch could not be walked (not expected for kbench's own output).
    public static func decoding(_ error: RecordBatchError) -> Self { Self(.decoding(error)) }

    /// The kind of failure.
    public var code: Code {
        switch storage {
        case .serialization: .serialization
        case .encoding: .encoding
        case .decoding: .decoding
        }
    }

    /// The serializer's error (``Code/serialization``).
    public var serializationError: SerializationError? {
        if case .serialization(let error) = storage { return error }
        return nil
    }

    /// The encoder's error (``Code/encoding``).
    public var encodingError: RecordBatchEncodingError? {
        if case .encoding(let error) = storage { return error }
        return nil
    }

    /// The decoder's error, with field and byte offset (``Code/decoding``).
    public var decodingError: RecordBatchError? {
        if case .decoding(let error) = storage { return error }
        return nil
    }

    /// One line.
    public var description: String {
        switch storage {
        case .serialization(let error): "serialization failed: \(error)"
        case .encoding(let error): "encoding failed: \(error)"
        case .decoding(let error): "decoding the encoded batch failed: \(error)"
        }
    }
}
