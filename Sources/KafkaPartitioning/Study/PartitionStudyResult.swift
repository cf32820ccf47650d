/// Everything a ``PartitionDistributionStudy`` found: per strategy and partition count the
/// per-partition counts and their statistics, the hot keys, and the key movement of each
/// resize. Codable, and free of timing unless a driver set ``elapsedSeconds``.
public struct PartitionStudyResult: Sendable, Hashable, Codable {
    /// Where the keys came from (`random:16:1000000 (seed 0)`, `keys.txt`).
    public var source: String
    /// Records counted (keys plus null-key records).
    public var records: Int
    /// Records with an empty (non-null) key.
    public var emptyKeys: Int
    /// Records with a null key.
    public var nullKeys: Int
    /// The partition counts studied, in order.
    public var partitionCounts: [PartitionCount]
    /// The producer model of simulated choices.
    public var producer: ProducerConfiguration
    /// Rate and value size of the simulated stream.
    public var workload: SimulationWorkload
    /// Seed of the simulated random choices.
    public var seed: UInt64
    /// One entry per partition count and strategy: counts in `partitionCounts` order, each
    /// with the strategies in configuration order.
    public var distributions: [StrategyDistribution]
    /// One entry per resize and strategy, in the same orders.
    public var resizes: [ResizeOutcome]
    /// The agreement matrix per partition count, when two or more key-hashing strategies were
    /// studied over keyed records (empty otherwise).
    public var agreements: [PlacementAgreement]
    /// The moved keys per partition count of the configured migration (empty without one).
    public var migrations: [PlacementMigration]
    /// The most frequent keys of the whole stream (those provably above the sketch's error).
    public var hotKeys: [HeavyHitter]
    /// Counters of the heavy-hitter sketch.
    public var sketchCapacity: Int
    /// The most a hot key's count may undercount it (see ``HeavyHitters/maximumError``).
    public var sketchMaximumError: Int
    /// Wall-clock seconds of the run, when the driver measured it (left out of stable output).
    public var elapsedSeconds: Double?

    /// The distributions for `partitionCount`, in strategy order.
    public func distributions(partitionCount: PartitionCount) -> [StrategyDistribution] {
        distributions.filter { $0.partitionCount == partitionCount }
    }

    /// The distribution of `strategy` over `partitionCount` partitions, if studied.
    public func distribution(strategy: String, partitionCount: PartitionCount) -> StrategyDistribution? {
        distributions.first { $0.strategy == strategy && $0.partitionCount == partitionCount }
    }

    /// The outcomes of `resize`, in strategy order.
    public func resizes(_ resize: PartitionResize) -> [ResizeOutcome] {
        resizes.filter { $0.from == resize.from && $0.to == resize.to }
    }

    /// Records per second of the run, when it was timed.
    public var recordsPerSecond: Double? {
        guard let elapsedSeconds, elapsedSeconds > 0 else { return nil }
        return Double(records) / elapsedSeconds
    }
}

/// How one strategy spread the stream over one partition count.
public struct StrategyDistribution: Sendable, Hashable, Codable {
    /// The strategy's registry name.
    public let strategy: String
    /// The client library.
    public let client: String
    /// The key rule of hashed records (nil: keys are ignored).
    public let keyRule: KeyHashing?
    /// The partition count.
    public let partitionCount: PartitionCount
    /// Records per partition (index = partition).
    public let counts: [Int]
    /// Records placed by hashing their key.
    public let hashedRecords: Int
    /// Records placed by the simulated producer (null keys, empty keys some clients treat
    /// like null, every record of key-ignoring strategies).
    public let simulatedRecords: Int
    /// Spread statistics of ``counts``.
    public let summary: DistributionSummary
    /// The hot keys behind the hottest partition (hashed records only; empty when the
    /// partition's records do not follow their keys or no key stands out).
    public let hotKeys: [PartitionHotKey]
}

/// A frequent key that lands on a strategy's hottest partition.
public struct PartitionHotKey: Sendable, Hashable, Codable {
    /// The key and its count bounds.
    public let key: HeavyHitter
    /// The key's (lower-bound) count ÷ the partition's records.
    public let shareOfPartition: Double
}

/// Key movement of one strategy when the partition count changes.
public struct ResizeOutcome: Sendable, Hashable, Codable {
    /// The strategy's registry name.
    public let strategy: String
    /// The client library.
    public let client: String
    /// The key rule (nil: keys are ignored, movement is not defined).
    public let keyRule: KeyHashing?
    /// Partitions before.
    public let from: PartitionCount
    /// Partitions after.
    public let to: PartitionCount
    /// Records placed by hashing their key (movement is counted per record: with repeated
    /// keys it is the share of traffic that moves; with distinct keys, the share of keys).
    public let records: Int
    /// Of those, records whose key's partition differs after the resize.
    public let moved: Int
    /// moved ÷ records for a uniform hash: `1 − min(N, M) / lcm(N, M)`; nil for key-ignoring
    /// strategies.
    public let expectedMovedFraction: Double?

    /// moved ÷ records (nil when no record was hashed).
    public var movedFraction: Double? {
        records > 0 ? Double(moved) / Double(records) : nil
    }
}
