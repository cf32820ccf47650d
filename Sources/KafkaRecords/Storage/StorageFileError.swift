/// Why a broker storage file (`.index`, `.timeindex`, `.snapshot`, `leader-epoch-checkpoint`,
/// `partition.metadata`) could not be read.
///
/// Every error names the field being read and the byte offset where it starts, counted from
/// the beginning of the file; for the text files the field names the line (`line 2 (entry
/// count)`).
public struct StorageFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field being read, e.g. `crc` or `producerEntries[2].lastOffset`.
    public let field: String
    /// Byte offset of the field in the file.
    public let offset: Int
    /// What went wrong.
    public let reason: Reason

    /// Creates an error for `field` at byte `offset`.
    public init(field: String, offset: Int, reason: Reason) {
        self.field = field
        self.offset = offset
        self.reason = reason
    }

    /// One line: field, position and reason.
    public var description: String {
        "\(field) at byte \(offset): \(reason)"
    }
}

extension StorageFileError {
    /// The kind of failure and the numbers that explain it: a struct that can grow new kinds
    /// without breaking callers (match on ``code``).
    public struct Reason: Sendable, Hashable, CustomStringConvertible {
        /// The kind of a ``Reason``; new kinds may be added in any release.
        public struct Code: Sendable, Hashable, CustomStringConvertible {
            private enum Base: String, Sendable, Hashable {
                case truncated, invalidLength, crcMismatch, unsupportedVersion, malformed, unconsumedBytes
            }

            private let base: Base
            private init(_ base: Base) { self.base = base }

            /// Fewer bytes are left than the field needs.
            public static let truncated = Code(.truncated)
            /// A count is negative or larger than the bytes that could hold it.
            public static let invalidLength = Code(.invalidLength)
            /// The stored CRC-32C does not match the computed one.
            public static let crcMismatch = Code(.crcMismatch)
            /// The file's version is not one Kafka writes.
            public static let unsupportedVersion = Code(.unsupportedVersion)
            /// A text line or value does not parse.
            public static let malformed = Code(.malformed)
            /// Bytes are left after the declared contents.
            public static let unconsumedBytes = Code(.unconsumedBytes)

            /// The kind's name, e.g. `truncated`.
            public var description: String { base.rawValue }
        }

        private enum Storage: Sendable, Hashable {
            case truncated(needed: Int, available: Int)
            case invalidLength(Int64, available: Int)
            case crcMismatch(stored: UInt32, computed: UInt32)
            case unsupportedVersion(Int64, supported: ClosedRange<Int64>)
            case malformed(String)
            case unconsumedBytes(Int)
        }

        private let storage: Storage
        private init(_ storage: Storage) { self.storage = storage }

        /// Fewer bytes are left than the field needs.
        public static func truncated(needed: Int, available: Int) -> Self { Self(.truncated(needed: needed, available: available)) }
        /// A count is negative or larger than the bytes that could hold it.
        public static func invalidLength(_ length: Int64, available: Int) -> Self { Self(.invalidLength(length, available: available)) }
        /// The stored CRC-32C does not match the one computed over the covered bytes.
        public static func crcMismatch(stored: UInt32, computed: UInt32) -> Self { Self(.crcMismatch(stored: stored, computed: computed)) }
        /// The version is outside the versions Kafka writes.
        public static func unsupportedVersion(_ version: Int64, supported: ClosedRange<Int64>) -> Self {
            Self(.unsupportedVersion(version, supported: supported))
        }
        /// A text line or value does not parse; `detail` says what was expected.
        public static func malformed(_ detail: String) -> Self { Self(.malformed(detail)) }
        /// Bytes are left after the declared contents.
        public static func unconsumedBytes(_ count: Int) -> Self { Self(.unconsumedBytes(count)) }

        /// The kind of failure.
        public var code: Code {
            switch storage {
            case .truncated: .truncated
            case .invalidLength: .invalidLength
            case .crcMismatch: .crcMismatch
            case .unsupportedVersion: .unsupportedVersion
            case .malformed: .malformed
            case .unconsumedBytes: .unconsumedBytes
            }
        }

        /// A short human explanation.
        public var description: String {
            switch storage {
            case .truncated(let needed, let available):
                "truncated: needs \(needed) bytes, \(available) left"
            case .invalidLength(let length, let available):
                length < 0 ? "invalid negative count \(length)" : "count \(length) needs more than the \(available) bytes left"
            case .crcMismatch(let stored, let computed):
                "CRC-32C mismatch: stored \(stored), computed \(computed)"
            case .unsupportedVersion(let version, let supported):
                supported.lowerBound == supported.upperBound
                    ? "unsupported version \(version) (Kafka writes \(supported.lowerBound))"
                    : "unsupported version \(version) (Kafka writes \(supported.lowerBound)…\(supported.upperBound))"
            case .malformed(let detail):
                "malformed: \(detail)"
            case .unconsumedBytes(let count):
                "\(count) bytes left after the declared contents"
            }
        }
    }
}
