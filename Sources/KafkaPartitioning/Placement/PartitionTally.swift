/// Per-partition record counts of a key stream under several strategies at one partition
/// count: the small library form of the placement model. (`kbench partitions --keys/--generate`
/// and `kbench report` run ``PartitionDistributionStudy``, which also covers several partition
/// counts, resizes, summaries and heavy hitters.)
///
/// Key-deterministic strategies place keys with the batch kernels (no existential, no lock per
/// key); records a strategy does not hash (null keys, or empty keys for `consistent_random` and
/// kafka-go's CRC32 balancer) and every record of key-ignoring strategies go through a
/// ``ProducerSimulation`` whose clock follows the stream position, so stateful choices (round
/// robin, sticky) are reproduced under the configured producer model.
public struct PartitionTally: Sendable {
    /// Counts of one strategy.
    public struct StrategyCounts: Sendable, Hashable, Codable {
        /// The strategy's registry name.
        public let strategy: String
        /// Records per partition (index = partition).
        public internal(set) var counts: [Int]
        /// Records placed by hashing the key.
        public internal(set) var hashed: Int
        /// Records placed by the simulated stateful choice.
        public internal(set) var simulated: Int

        /// Records counted.
        public var records: Int { hashed + simulated }
    }

    /// The partition count.
    public let partitionCount: PartitionCount
    /// Counts per strategy, in the order given.
    public private(set) var results: [StrategyCounts]
    /// Records seen.
    public private(set) var recordCount = 0

    private let strategies: [PartitionStrategy]
    private var simulations: [ProducerSimulation]
    private var scratch: [Int32] = []

    /// A tally of `strategies` over `partitionCount` partitions; stateful choices follow
    /// `configuration`, `workload` and `seed` (each strategy gets its own seeded simulation).
    public init(
        strategies: [PartitionStrategy], partitionCount: PartitionCount,
        configuration: ProducerConfiguration = ProducerConfiguration(),
        workload: SimulationWorkload = SimulationWorkload(), seed: UInt64 = 0
    ) {
        self.strategies = strategies
        self.partitionCount = partitionCount
        results = strategies.map {
            StrategyCounts(strategy: $0.name, counts: Array(repeating: 0, count: Int(partitionCount.value)), hashed: 0, simulated: 0)
        }
        var seeds = SeededRandom(seed: seed)
        simulations = strategies.map {
            ProducerSimulation(strategy: $0, partitionCount: partitionCount, configuration: configuration, workload: workload, seed: seeds.next())
        }
    }

    /// Counts every key of `batch` (in order, after the records counted before).
    public mutating func add(_ batch: KeyBatch) {
        guard !batch.isEmpty else { return }
        let first = recordCount
        batch.withContiguousKeys { keys in
            for index in strategies.indices {
                count(keys, strategy: index, firstRecord: first)
            }
        }
        recordCount += batch.count
    }

    /// Counts one null-key record.
    public mutating func addNullKey() {
        for index in strategies.indices {
            simulations[index].advanceClock(toRecord: recordCount)
            let partition = simulations[index].send(key: nil as UnsafeRawBufferPointer?)
            results[index].counts[Int(partition)] += 1
            results[index].simulated += 1
        }
        recordCount += 1
    }

    private mutating func count(_ keys: ContiguousKeys, strategy index: Int, firstRecord: Int) {
        let descriptor = strategies[index].descriptor
        guard let rule = descriptor.keyRule else {
            for key in 0..<keys.count {
                simulations[index].advanceClock(toRecord: firstRecord + key)
                results[index].counts[Int(simulations[index].send(key: keys[key]))] += 1
            }
            results[index].simulated += keys.count
            return
        }
        if scratch.count < keys.count { scratch = Array(repeating: 0, count: keys.count) }
        scratch.withUnsafeMutableBufferPointer { out in
            // The output holds at least keys.count slots, so this cannot fail.
            try? BatchHasher.partition(rule, keys: keys, partitionCount: partitionCount, into: out)
        }
        var hashed = 0
        for key in 0..<keys.count {
            if descriptor.emptyKey == .likeNullKey && keys.offsets[key] == keys.offsets[key + 1] {
                simulations[index].advanceClock(toRecord: firstRecord + key)
                results[index].counts[Int(simulations[index].send(key: keys[key]))] += 1
                results[index].simulated += 1
            } else {
                results[index].counts[Int(scratch[key])] += 1
                hashed += 1
            }
        }
        results[index].hashed += hashed
    }
}
