/// What a ``PartitionDistributionStudy`` measures: which strategies, over which partition
/// counts, which resizes, and the producer model for the strategies that do not place records
/// by key.
public struct PartitionStudyConfiguration: Sendable, Hashable {
    /// The largest partition count a study accepts (per-partition counters and simulated
    /// batches are kept for every strategy and count).
    public static let maximumPartitionCount = 100_000
    /// The largest heavy-hitter sketch accepted.
    public static let maximumSketchCapacity = 1 << 20

    /// The strategies, in report order.
    public var strategies: [PartitionStrategy]
    /// The partition counts, in report order.
    public var partitionCounts: [PartitionCount]
    /// Partition-count changes whose key movement is measured.
    public var resizes: [PartitionResize]
    /// batch.size, linger.ms, sticky interval and the KAFKA-9965 model, for simulated choices.
    public var producer: ProducerConfiguration
    /// Record rate and value size of the simulated stream (batch fill and clock).
    public var workload: SimulationWorkload
    /// Seed of every simulated random choice.
    public var seed: UInt64
    /// Counters of the heavy-hitter sketch (``HeavyHitters``).
    public var sketchCapacity: Int
    /// Hot keys listed per strategy behind its hottest partition.
    public var hotKeysPerPartition: Int
    /// Hot keys listed for the whole stream (and moved hot keys listed per migration).
    public var hotKeysListed: Int
    /// Two strategies whose moved keys are measured (`--from A --to B`), if any.
    public var migration: PlacementMigrationRequest?

    /// A configuration; every strategy and 12 partitions unless told otherwise.
    public init(
        strategies: [PartitionStrategy] = StrategyRegistry.all,
        partitionCounts: [PartitionCount],
        resizes: [PartitionResize] = [],
        producer: ProducerConfiguration = ProducerConfiguration(),
        workload: SimulationWorkload = SimulationWorkload(),
        seed: UInt64 = 0,
        sketchCapacity: Int = 1024,
        hotKeysPerPartition: Int = 5,
        hotKeysListed: Int = 10,
        migration: PlacementMigrationRequest? = nil
    ) {
        self.strategies = strategies
        self.partitionCounts = partitionCounts
        self.resizes = resizes
        self.producer = producer
        self.workload = workload
        self.seed = seed
        self.sketchCapacity = sketchCapacity
        self.hotKeysPerPartition = hotKeysPerPartition
        self.hotKeysListed = hotKeysListed
        self.migration = migration
    }

    /// Throws the first problem: no strategy, no partition count, a count above
    /// ``maximumPartitionCount``, a sketch size outside 1 … ``maximumSketchCapacity``, or a
    /// negative number of hot keys.
    public func validate() throws(PartitionStudyError) {
        guard !strategies.isEmpty else { throw .noStrategies }
        guard !partitionCounts.isEmpty else { throw .noPartitionCounts }
        for count in partitionCounts where Int(count.value) > Self.maximumPartitionCount {
            throw .partitionCountTooLarge(Int(count.value), limit: Self.maximumPartitionCount)
        }
        guard sketchCapacity >= 1, sketchCapacity <= Self.maximumSketchCapacity else {
            throw .invalidSketchCapacity(sketchCapacity, limit: Self.maximumSketchCapacity)
        }
        guard hotKeysPerPartition >= 0, hotKeysListed >= 0 else { throw .negativeHotKeyCount }
    }
}

/// A change of partition count, `from` → `to`, whose key movement a study measures.
public struct PartitionResize: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Partitions before.
    public let from: PartitionCount
    /// Partitions after.
    public let to: PartitionCount

    /// A resize between two partition counts (nothing is allocated per partition, so the
    /// study limit does not apply).
    public init(from: PartitionCount, to: PartitionCount) {
        self.from = from
        self.to = to
    }

    /// A resize between two counts in 1 … `Int32.max`.
    public init(from: Int, to: Int) throws(PartitionStudyError) {
        let text = "\(from):\(to)"
        guard let before = try? PartitionCount(from) else { throw .invalidResize(text, reason: "N must be between 1 and \(Int32.max)") }
        guard let after = try? PartitionCount(to) else { throw .invalidResize(text, reason: "M must be between 1 and \(Int32.max)") }
        self.init(from: before, to: after)
    }

    /// Parses `N:M` (e.g. `12:13`).
    public init(parsing text: String) throws(PartitionStudyError) {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 else { throw .invalidResize(text, reason: "expected N:M, e.g. 12:13") }
        guard let from = Int(fields[0].trimmingSpaces()) else { throw .invalidResize(text, reason: "N '\(fields[0])' is not a whole number") }
        guard let to = Int(fields[1].trimmingSpaces()) else { throw .invalidResize(text, reason: "M '\(fields[1])' is not a whole number") }
        let resize: PartitionResize
        do { resize = try PartitionResize(from: from, to: to) } catch { throw .invalidResize(text, reason: error.reason) }
        self = resize
    }

    /// `N:M`.
    public var description: String { "\(from):\(to)" }

    /// The fraction of keys that change partition under `hash % n` when the hash is uniform:
    /// a key stays exactly when `h mod N = h mod M`, which holds for `min(N, M)` of every
    /// `lcm(N, M)` consecutive hash values, so `1 − min(N, M) / lcm(N, M)`
    /// (12 → 13: 12/13 ≈ 0.923; 12 → 24: 1/2; N → N: 0).
    public var expectedMovedFraction: Double {
        let small = Int64(min(from, to).value)
        let large = Int64(max(from, to).value)
        var (a, b) = (large, small)
        while b != 0 { (a, b) = (b, a % b) }
        let lcm = Double(large / a) * Double(small)
        return 1 - Double(small) / lcm
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
