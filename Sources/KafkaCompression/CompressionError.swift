/// Errors raised while compressing or decompressing a batch's records block.
///
/// A struct that can grow new kinds without breaking callers: match on ``code``
/// (`error.code == .corrupt`), read the values that explain it (``codec``, ``offset``,
/// ``limit``, ``level``, ``detail``), and build one with the static factories
/// (`throw .corrupt(codec: .gzip, offset: 12, reason: "…")`). `==` compares the code and
/// those values.
public struct CompressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of a ``CompressionError``; new kinds may be added in any release.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unsupported, outputLimitExceeded, corrupt, library, invalidLevel
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The codec is not available (unknown codec bits, or not implemented in this build).
        public static let unsupported = Code(.unsupported)
        /// Decompression would produce more than the decompression ceiling.
        public static let outputLimitExceeded = Code(.outputLimitExceeded)
        /// The compressed input is malformed.
        public static let corrupt = Code(.corrupt)
        /// The underlying C library reported a failure.
        public static let library = Code(.library)
        /// The requested level is outside what the codec accepts.
        public static let invalidLevel = Code(.invalidLevel)

        /// The kind's name, e.g. `corrupt`.
        public var description: String { base.rawValue }
    }

    private enum Storage: Sendable, Hashable {
        case unsupported(codec: UInt8)
        case outputLimitExceeded(codec: CompressionType, limit: Int)
        case corrupt(codec: CompressionType, offset: Int?, reason: String)
        case library(codec: CompressionType, reason: String)
        case invalidLevel(codec: CompressionType, level: Int, accepted: String)
    }

    private let storage: Storage
    private init(_ storage: Storage) { self.storage = storage }

    /// The codec is not available (unknown codec bits, or not implemented in this build).
    public static func unsupported(codec: UInt8) -> Self { Self(.unsupported(codec: codec)) }

    /// Decompression would produce more than `limit` bytes (a decompression bomb or a
    /// too-low ceiling).
    public static func outputLimitExceeded(codec: CompressionType, limit: Int) -> Self {
        Self(.outputLimitExceeded(codec: codec, limit: limit))
    }

    /// The compressed input is malformed; `offset` is the byte offset inside the compressed
    /// block, when known.
    public static func corrupt(codec: CompressionType, offset: Int?, reason: String) -> Self {
        Self(.corrupt(codec: codec, offset: offset, reason: reason))
    }

    /// The underlying C library reported a failure.
    public static func library(codec: CompressionType, reason: String) -> Self {
        Self(.library(codec: codec, reason: reason))
    }

    /// The requested level is outside what the codec accepts (see ``CompressionLevels``).
    public static func invalidLevel(codec: CompressionType, level: Int, accepted: String) -> Self {
        Self(.invalidLevel(codec: codec, level: level, accepted: accepted))
    }

    /// The kind of failure.
    public var code: Code {
        switch storage {
        case .unsupported: .unsupported
        case .outputLimitExceeded: .outputLimitExceeded
        case .corrupt: .corrupt
        case .library: .library
        case .invalidLevel: .invalidLevel
        }
    }

    /// The codec concerned; `nil` for ``Code/unsupported`` codec bits no ``CompressionType``
    /// names (see ``codecBits``).
    public var codec: CompressionType? {
        switch storage {
        case .unsupported(let bits): CompressionType(rawValue: bits)
        case .outputLimitExceeded(let codec, _), .corrupt(let codec, _, _), .library(let codec, _),
             .invalidLevel(let codec, _, _):
            codec
        }
    }

    /// The codec bits (attributes bits 0–2, or the raw value of ``codec``).
    public var codecBits: UInt8 {
        switch storage {
        case .unsupported(let bits): bits
        default: codec?.rawValue ?? 0
        }
    }

    /// Byte offset inside the compressed block (``Code/corrupt``, when known).
    public var offset: Int? {
        if case .corrupt(_, let offset, _) = storage { return offset }
        return nil
    }

    /// The decompression ceiling that was reached (``Code/outputLimitExceeded``).
    public var limit: Int? {
        if case .outputLimitExceeded(_, let limit) = storage { return limit }
        return nil
    }

    /// The rejected level (``Code/invalidLevel``).
    public var level: Int? {
        if case .invalidLevel(_, let level, _) = storage { return level }
        return nil
    }

    /// The reason (``Code/corrupt``, ``Code/library``) or the accepted levels
    /// (``Code/invalidLevel``).
    public var detail: String? {
        switch storage {
        case .corrupt(_, _, let reason), .library(_, let reason): reason
        case .invalidLevel(_, _, let accepted): accepted
        case .unsupported, .outputLimitExceeded: nil
        }
    }

    /// A one-line, human-readable explanation.
    public var description: String {
        switch storage {
        case .unsupported(let codec):
            "unsupported compression codec \(codec)"
        case .outputLimitExceeded(let codec, let limit):
            "\(codec) block expands past the decompression ceiling of \(limit) bytes"
        case .corrupt(let codec, let offset, let reason):
            if let offset {
                "corrupt \(codec) data at byte \(offset) of the compressed block: \(reason)"
            } else {
                "corrupt \(codec) data: \(reason)"
            }
        case .library(let codec, let reason):
            "\(codec) library error: \(reason)"
        case .invalidLevel(let codec, let level, let accepted):
            "\(codec) does not accept level \(level) (accepted: \(accepted))"
        }
    }
}
