/// Why a KafkaPartitioning call rejected its input. Each case names the field and position.
public enum PartitioningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A partition count below 1 (field `partitionCount`).
    case invalidPartitionCount(Int)
    /// `offsets` is empty: a batch of k keys needs k + 1 offsets.
    case missingOffsets
    /// `offsets[index]` is negative or smaller than `offsets[index - 1]`.
    case offsetOutOfOrder(index: Int, offset: Int)
    /// `offsets[index]` points past the end of the key bytes.
    case offsetBeyondBytes(index: Int, offset: Int, byteCount: Int)
    /// The output buffer holds fewer slots than there are keys.
    case outputTooSmall(needed: Int, available: Int)
    /// No strategy has this name; `valid` lists every registered name.
    case unknownStrategy(String, valid: [String])
    /// Hex text with a non-hex character or an odd length at byte `offset`.
    case invalidHex(offset: Int)

    /// One line naming the field and the position.
    public var description: String {
        switch self {
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
