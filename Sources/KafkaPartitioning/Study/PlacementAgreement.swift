/// Strategies that place every keyed record alike: one key rule and one empty-key handling.
/// Any two members agree on every key, so the agreement matrix has a row per group.
public struct PlacementGroup: Sendable, Hashable, Codable {
    /// The member strategies, in configuration order.
    public let strategies: [String]
    /// Their key rule.
    public let keyRule: KeyHashing
    /// How they treat an empty key.
    public let emptyKey: EmptyKeyHandling

    /// A group from its parts.
    public init(strategies: [String], keyRule: KeyHashing, emptyKey: EmptyKeyHandling) {
        self.strategies = strategies
        self.keyRule = keyRule
        self.emptyKey = emptyKey
    }

    /// A short label: the first strategy, `+k` for the others (`java +8`).
    public var name: String {
        strategies.count > 1 ? "\(strategies[0]) +\(strategies.count - 1)" : strategies.first ?? ""
    }

    /// The groups of `strategies` (key-ignoring ones left out), in first-use order.
    public static func grouping(_ strategies: [PartitionStrategy]) -> [PlacementGroup] {
        var groups: [PlacementGroup] = []
        for strategy in strategies {
            guard let rule = strategy.keyRule else { continue }
            let empty = strategy.descriptor.emptyKey
            if let index = groups.firstIndex(where: { $0.keyRule == rule && $0.emptyKey == empty }) {
                groups[index] = PlacementGroup(strategies: groups[index].strategies + [strategy.name], keyRule: rule, emptyKey: empty)
            } else {
                groups.append(PlacementGroup(strategies: [strategy.name], keyRule: rule, emptyKey: empty))
            }
        }
        return groups
    }
}

/// How often each pair of strategy groups places a key on the same partition, over one
/// partition count: the agreement matrix of `kbench partitions`.
///
/// Counted per keyed record: with distinct keys it is the share of keys, with repeated keys
/// the share of traffic. Empty keys count only for pairs whose both groups hash them.
public struct PlacementAgreement: Sendable, Hashable, Codable {
    /// The partition count.
    public let partitionCount: PartitionCount
    /// The groups, rows and columns of the matrix in this order.
    public let groups: [PlacementGroup]
    /// `comparedRecords[i][j]`: keyed records both groups place by key.
    public let comparedRecords: [[Int]]
    /// `agreeingRecords[i][j]`: of those, records both place on the same partition.
    public let agreeingRecords: [[Int]]

    /// A matrix from its parts.
    public init(partitionCount: PartitionCount, groups: [PlacementGroup], comparedRecords: [[Int]], agreeingRecords: [[Int]]) {
        self.partitionCount = partitionCount
        self.groups = groups
        self.comparedRecords = comparedRecords
        self.agreeingRecords = agreeingRecords
    }

    /// The share of records groups `row` and `column` place alike (nil when none was compared).
    public func share(_ row: Int, _ column: Int) -> Double? {
        let compared = comparedRecords[row][column]
        return compared > 0 ? Double(agreeingRecords[row][column]) / Double(compared) : nil
    }

    /// The group holding `strategy`, if it is in the matrix.
    public func groupIndex(of strategy: String) -> Int? {
        groups.firstIndex { $0.strategies.contains(strategy) }
    }

    /// The share of records strategies `first` and `second` place alike (nil when either is not
    /// in the matrix or nothing was compared).
    public func share(between first: String, and second: String) -> Double? {
        guard let row = groupIndex(of: first), let column = groupIndex(of: second) else { return nil }
        return share(row, column)
    }
}

/// Which strategies a migration study compares: the keys that change partition when a
/// producer moves from `from` to `to` (e.g. librdkafka's default to Java's murmur2).
public struct PlacementMigrationRequest: Sendable, Hashable {
    /// The strategy producers use now.
    public let from: PartitionStrategy
    /// The strategy they move to.
    public let to: PartitionStrategy

    /// A migration between two key-hashing strategies; throws
    /// ``PartitionStudyError/migrationWithoutKeyRule(_:)`` when either ignores keys.
    public init(from: PartitionStrategy, to: PartitionStrategy) throws(PartitionStudyError) {
        for end in [from, to] where end.keyRule == nil { throw .migrationWithoutKeyRule(end.name) }
        self.from = from
        self.to = to
    }
}

/// The keys that move when producers switch strategy, over one partition count.
public struct PlacementMigration: Sendable, Hashable, Codable {
    /// The strategy before.
    public let from: String
    /// The strategy after.
    public let to: String
    /// The partition count.
    public let partitionCount: PartitionCount
    /// Keyed records both strategies place by key.
    public let records: Int
    /// Of those, records whose partition differs.
    public let moved: Int
    /// `outflow[p]`: moved records that leave partition `p`.
    public let outflow: [Int]
    /// `inflow[p]`: moved records that arrive on partition `p`.
    public let inflow: [Int]
    /// The most frequent keys that move, with their partitions before and after.
    public let hotMovedKeys: [MovedHotKey]

    /// A migration from its parts.
    public init(
        from: String, to: String, partitionCount: PartitionCount, records: Int, moved: Int, outflow: [Int], inflow: [Int],
        hotMovedKeys: [MovedHotKey]
    ) {
        self.from = from
        self.to = to
        self.partitionCount = partitionCount
        self.records = records
        self.moved = moved
        self.outflow = outflow
        self.inflow = inflow
        self.hotMovedKeys = hotMovedKeys
    }

    /// moved ÷ records (nil when nothing was compared).
    public var movedFraction: Double? {
        records > 0 ? Double(moved) / Double(records) : nil
    }
}

/// A frequent key that changes partition in a migration.
public struct MovedHotKey: Sendable, Hashable, Codable {
    /// The key and its count bounds (sketch).
    public let key: HeavyHitter
    /// Its partition under the old strategy.
    public let fromPartition: Int32
    /// Its partition under the new strategy.
    public let toPartition: Int32

    /// A moved key from its parts.
    public init(key: HeavyHitter, fromPartition: Int32, toPartition: Int32) {
        self.key = key
        self.fromPartition = fromPartition
        self.toPartition = toPartition
    }
}
