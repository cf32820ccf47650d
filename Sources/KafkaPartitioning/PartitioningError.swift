/// Why a KafkaPartitioning call rejected its input. Each error names the field and position.
///
/// A struct that can grow new kinds without breaking callers: match on ``code``
/// (`error.code == .unknownStrategy`), read ``index``, ``offset`` or ``validNames``, build one
/// with the static factories. `==` compares the code and its values.
public struct PartitioningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of a ``PartitioningError``; new kinds may be added in any release.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidPartitionCount, missingOffsets, offsetOutOfOrder, offsetBeyondBytes
            case outputTooSmall, unknownStrategy, invalidHex
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A partition count outside 1 … Int32.max.
        public static let invalidPartitionCount = Code(.invalidPartitionCount)
        /// A batch of keys without offsets.
        public static let missingOffsets = Code(.missingOffsets)
        /// An offset that is negative or below the one before it.
        public static let offsetOutOfOrder = Code(.offsetOutOfOrder)
        /// An offset past the end of the key bytes.
        public static let offsetBeyondBytes = Code(.offsetBeyondBytes)
        /// An output buffer with fewer slots than keys.
        public static let outputTooSmall = Code(.outputTooSmall)
        /// A strategy name no strategy has.
        public static let unknownStrategy = Code(.unknownStrategy)
        /// Hex text with a non-hex character or an odd length.
        public static let invalidHex = Code(.invalidHex)

        /// The kind's name, e.g. `unknownStrategy`.
        public var description: String { base.rawValue }
    }

    private enum Storage: Sendable, Hashable {
        case invalidPartitionCount(Int)
        case missingOffsets
        case offsetOutOfOrder(index: Int, offset: Int)
        case offsetBeyondBytes(index: Int, offset: Int, byteCount: Int)
        case outputTooSmall(needed: Int, available: Int)
        case unknownStrategy(String, valid: [String])
        case invalidHex(offset: Int)
    }

    private let storage: Storage
    private init(_ storage: Storage) { self.storage = storage }

    /// A partition count below 1 or above Int32.max (field `partitionCount`).
    public static func invalidPartitionCount(_ count: Int) -> Self { Self(.invalidPartitionCount(count)) }

    /// `offsets` is empty: a batch of k keys needs k + 1 offsets.
    public static var missingOffsets: Self { Self(.missingOffsets) }

    /// `offsets[index]` is negative or smaller than `offsets[index - 1]`.
    public static func offsetOutOfOrder(index: Int, offset: Int) -> Self {
        Self(.offsetOutOfOrder(index: index, offset: offset))
    }

    /// `offsets[index]` points past the end of the key bytes.
    public static func offsetBeyondBytes(index: Int, offset: Int, byteCount: Int) -> Self {
        Self(.offsetBeyondBytes(index: index, offset: offset, byteCount: byteCount))
    }

    /// The output buffer holds fewer slots than there are keys.
    public static func outputTooSmall(needed: Int, available: Int) -> Self {
        Self(.outputTooSmall(needed: needed, available: available))
    }

    /// No strategy has this name; `valid` lists every registered name.
    public static func unknownStrategy(_ name: String, valid: [String]) -> Self {
        Self(.unknownStrategy(name, valid: valid))
    }

    /// Hex text with a non-hex character or an odd length at byte `offset`.
    public static func invalidHex(offset: Int) -> Self { Self(.invalidHex(offset: offset)) }

    /// The kind of failure.
    public var code: Code {
        switch storage {
        case .invalidPartitionCount: .invalidPartitionCount
        case .missingOffsets: .missingOffsets
        case .offsetOutOfOrder: .offsetOutOfOrder
        case .offsetBeyondBytes: .offsetBeyondBytes
        case .outputTooSmall: .outputTooSmall
        case .unknownStrategy: .unknownStrategy
        case .invalidHex: .invalidHex
        }
    }

    /// The index into `offsets` (``Code/offsetOutOfOrder``, ``Code/offsetBeyondBytes``).
    public var index: Int? {
        switch storage {
        case .offsetOutOfOrder(let index, _), .offsetBeyondBytes(let index, _, _): index
        default: nil
        }
    }

    /// The offending offset value, or the character offset of bad hex.
    public var offset: Int? {
        switch storage {
        case .offsetOutOfOrder(_, let offset), .offsetBeyondBytes(_, let offset, _), .invalidHex(let offset): offset
        default: nil
        }
    }

    /// Every registered strategy name (``Code/unknownStrategy``).
    public var validNames: [String]? {
        if case .unknownStrategy(_, let valid) = storage { return valid }
        return nil
    }

    /// One line naming the field and the position.
    public var description: String {
        switch storage {
        case .invalidPartitionCount(let count):
            return "partitionCount must be at least 1 (got \(count))"
        case .missingOffsets:
            return "offsets must hold key count + 1 entries (got none)"
        case .offsetOutOfOrder(let index, let offset):
            return "offsets[\(index)] = \(offset) is negative or below offsets[\(index - 1)]"
        case .offsetBeyondBytes(let index, let offset, let byteCount):
            return "offsets[\(index)] = \(offset) is past the end of the key bytes (\(byteCount) bytes)"
        case .outputTooSmall(let needed, let available):
            return "output holds \(available) slots but \(needed) keys were given"
        case .unknownStrategy(let name, let valid):
            return "unknown partitioner '\(name)'; valid names: \(valid.joined(separator: ", "))"
        case .invalidHex(let offset):
            return "invalid hex at character \(offset): expected pairs of 0-9 a-f"
        }
    }
}
