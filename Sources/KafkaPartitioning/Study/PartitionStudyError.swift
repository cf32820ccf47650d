/// Why a partition study (or one of its parameters) was rejected: the field and the value.
///
/// A struct that can grow new kinds without breaking callers: match on ``code``
/// (`error.code == .invalidResize`), build one with the static factories. `==` compares the
/// code and its values.
public struct PartitionStudyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of a ``PartitionStudyError``; new kinds may be added in any release.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case noStrategies, noPartitionCounts, partitionCountTooLarge, invalidSketchCapacity
            case negativeHotKeyCount, invalidResize, migrationWithoutKeyRule
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The strategy list is empty.
        public static let noStrategies = Code(.noStrategies)
        /// The partition-count list is empty.
        public static let noPartitionCounts = Code(.noPartitionCounts)
        /// A partition count above the study limit.
        public static let partitionCountTooLarge = Code(.partitionCountTooLarge)
        /// A sketch size outside 1 … limit.
        public static let invalidSketchCapacity = Code(.invalidSketchCapacity)
        /// A negative number of hot keys to list.
        public static let negativeHotKeyCount = Code(.negativeHotKeyCount)
        /// A resize that is not `N:M` with N, M ≥ 1.
        public static let invalidResize = Code(.invalidResize)
        /// A migration end whose strategy ignores keys.
        public static let migrationWithoutKeyRule = Code(.migrationWithoutKeyRule)

        /// The kind's name, e.g. `invalidResize`.
        public var description: String { base.rawValue }
    }

    private enum Storage: Sendable, Hashable {
        case noStrategies
        case noPartitionCounts
        case partitionCountTooLarge(Int, limit: Int)
        case invalidSketchCapacity(Int, limit: Int)
        case negativeHotKeyCount
        case invalidResize(String, reason: String)
        case migrationWithoutKeyRule(String)
    }

    private let storage: Storage
    private init(_ storage: Storage) { self.storage = storage }

    /// The strategy list is empty.
    public static var noStrategies: Self { Self(.noStrategies) }

    /// The partition-count list is empty.
    public static var noPartitionCounts: Self { Self(.noPartitionCounts) }

    /// A partition count above the study limit.
    public static func partitionCountTooLarge(_ count: Int, limit: Int) -> Self {
        Self(.partitionCountTooLarge(count, limit: limit))
    }

    /// A sketch size outside 1 … limit.
    public static func invalidSketchCapacity(_ capacity: Int, limit: Int) -> Self {
        Self(.invalidSketchCapacity(capacity, limit: limit))
    }

    /// A negative number of hot keys to list.
    public static var negativeHotKeyCount: Self { Self(.negativeHotKeyCount) }

    /// A resize that is not `N:M` with N, M ≥ 1.
    public static func invalidResize(_ text: String, reason: String) -> Self { Self(.invalidResize(text, reason: reason)) }
    /// A migration end (`from` or `to`) whose strategy ignores keys, so no key has a place to move from.
    public static func migrationWithoutKeyRule(_ strategy: String) -> Self { Self(.migrationWithoutKeyRule(strategy)) }

    /// The kind of failure.
    public var code: Code {
        switch storage {
        case .noStrategies: .noStrategies
        case .noPartitionCounts: .noPartitionCounts
        case .partitionCountTooLarge: .partitionCountTooLarge
        case .invalidSketchCapacity: .invalidSketchCapacity
        case .negativeHotKeyCount: .negativeHotKeyCount
        case .invalidResize: .invalidResize
        case .migrationWithoutKeyRule: .migrationWithoutKeyRule
        }
    }

    /// The reason without the field (for nesting).
    var reason: String {
        switch storage {
        case .invalidResize(_, let reason): return reason
        default: return description
        }
    }

    /// One line naming the field and the value.
    public var description: String {
        switch storage {
        case .noStrategies: return "strategies: at least one strategy is needed"
        case .noPartitionCounts: return "partitionCounts: at least one partition count is needed"
        case .partitionCountTooLarge(let count, let limit):
            return "partitionCounts: \(count) is above the study limit of \(limit) partitions"
        case .invalidSketchCapacity(let capacity, let limit):
            return "sketchCapacity: \(capacity) is outside 1 … \(limit)"
        case .negativeHotKeyCount: return "hot keys: the number listed must be 0 or more"
        case .invalidResize(let text, let reason): return "resize '\(text)': \(reason)"
        case .migrationWithoutKeyRule(let strategy):
            return "migration: \(strategy) ignores keys, so no key has a partition to move from or to"
        }
    }
}
