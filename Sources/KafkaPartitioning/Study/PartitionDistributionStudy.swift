/// Runs a key stream through many strategies and partition counts at once and reports how
/// evenly each spreads it — the engine behind `kbench partitions --keys/--generate` and the
/// partitions section of `kbench report`.
///
/// Feed keys in batches (``add(_:)-(KeyBatch)``), null-key records with ``addNullKeys(_:)``,
/// then ask for the ``result(source:elapsedSeconds:)``. Memory depends on the configuration
/// (counters per strategy and partition count, the sketch), never on the number of keys.
///
/// Hashed records take the batch kernels: each hash function used by a selected strategy runs
/// once per batch, and every (reduction, partition count) lane — shared by all strategies with
/// that rule — counts with a multiply-based remainder; no existential, lock or allocation per
/// key. Records a strategy does not hash (null keys, empty keys for `consistent_random` and
/// kafka-go's CRC32 balancer, every record of key-ignoring strategies) go through a
/// ``ProducerSimulation`` per strategy and count, whose clock follows the stream position, so
/// round robin (with KAFKA-9965 before Kafka 3.9), KIP-480/KIP-794 sticky and librdkafka's
/// sticky interval place records under the configured batch model.
public struct PartitionDistributionStudy: Sendable {
    /// What is measured.
    public let configuration: PartitionStudyConfiguration
    /// Records counted so far.
    public private(set) var records = 0
    /// Empty-key records counted so far.
    public private(set) var emptyKeys = 0
    /// Null-key records counted so far.
    public private(set) var nullKeys = 0

    private var groups: [HashGroup] = []
    private var plans: [StrategyPlan] = []
    private var resizePlans: [ResizePlan] = []
    private(set) var agreementLanes: [AgreementLane] = []
    private(set) var migrationLanes: [MigrationLane] = []
    private var sketch: HeavyHitters
    private var hashScratch: [UInt32] = []
    private var emptyPositions: [Int] = []

    /// One strategy over one partition count.
    struct StrategyPlan: Sendable {
        let strategy: PartitionStrategy
        let partitionCount: PartitionCount
        /// The (group, counter) lane of hashed records; nil when keys are ignored.
        let lane: (group: Int, counter: Int)?
        /// True when every record is simulated (keys ignored).
        let simulatesEveryRecord: Bool
        /// True when empty keys are simulated (the client treats them like null keys).
        let simulatesEmptyKeys: Bool
        /// Seed of the simulation, created when first needed.
        let seed: UInt64
        var simulation: ProducerSimulation?
    }

    /// One strategy over one resize.
    struct ResizePlan: Sendable {
        let strategy: PartitionStrategy
        let resize: PartitionResize
        let lane: (group: Int, mover: Int)?
    }

    /// A key seen fewer times than this is never called hot (a stream of distinct keys has
    /// no hot key, however few keys it holds).
    public static let hotKeyMinimumCount = 2

    /// A study of `configuration`; throws when it is invalid (see
    /// ``PartitionStudyConfiguration/validate()``).
    public init(configuration: PartitionStudyConfiguration) throws(PartitionStudyError) {
        try configuration.validate()
        self.configuration = configuration
        sketch = HeavyHitters(capacity: configuration.sketchCapacity)
        var seeds = SeededRandom(seed: configuration.seed)
        for count in configuration.partitionCounts {
            for strategy in configuration.strategies {
                let lane = strategy.keyRule.map { rule in
                    let group = groupIndex(rule.function)
                    return (group, groups[group].counter(rule.reduction, count))
                }
                var plan = StrategyPlan(
                    strategy: strategy, partitionCount: count, lane: lane,
                    simulatesEveryRecord: strategy.keyRule == nil,
                    simulatesEmptyKeys: strategy.keyRule != nil && strategy.descriptor.emptyKey == .likeNullKey,
                    seed: seeds.next(), simulation: nil)
                if plan.simulatesEveryRecord || plan.simulatesEmptyKeys { plan.simulation = makeSimulation(plan) }
                plans.append(plan)
            }
        }
        for resize in configuration.resizes {
            let (from, to) = (resize.from, resize.to)
            for strategy in configuration.strategies {
                let lane = strategy.keyRule.map { rule in
                    let group = groupIndex(rule.function)
                    return (group, groups[group].mover(rule.reduction, from, to))
                }
                resizePlans.append(ResizePlan(strategy: strategy, resize: resize, lane: lane))
            }
        }
        planAgreement()
        // The sketch's probe table is keyed by a hash the batches compute anyway.
        sketch = HeavyHitters(capacity: configuration.sketchCapacity, tableHash: groups.first?.function)
    }

    /// The agreement lanes (two or more key-hashing strategies) and the migration lanes, one
    /// per partition count, over the hash groups the counters use.
    private mutating func planAgreement() {
        let keyed = configuration.strategies.filter { $0.keyRule != nil }
        var rules: [(rule: KeyHashing, group: Int)] = []
        for strategy in keyed {
            guard let rule = strategy.keyRule, !rules.contains(where: { $0.rule == rule }) else { continue }
            rules.append((rule, groupIndex(rule.function)))
        }
        if keyed.count >= 2 {
            agreementLanes = configuration.partitionCounts.map { AgreementLane(divisor: $0, rules: rules) }
        }
        if let migration = configuration.migration, let from = migration.from.keyRule, let to = migration.to.keyRule {
            let ends = (from: (from, groupIndex(from.function)), to: (to, groupIndex(to.function)))
            migrationLanes = configuration.partitionCounts.map { MigrationLane(divisor: $0, from: ends.from, to: ends.to) }
        }
    }

    private mutating func groupIndex(_ function: HashFunction) -> Int {
        if let index = groups.firstIndex(where: { $0.function == function }) { return index }
        groups.append(HashGroup(function: function))
        return groups.count - 1
    }

    private func makeSimulation(_ plan: StrategyPlan) -> ProducerSimulation {
        ProducerSimulation(
            strategy: plan.strategy, partitionCount: plan.partitionCount, configuration: configuration.producer,
            workload: configuration.workload, seed: plan.seed)
    }

    /// Counts every key of `batch`, in order, after the records counted before.
    public mutating func add(_ batch: KeyBatch) {
        guard !batch.isEmpty else { return }
        batch.withContiguousKeys { add($0) }
    }

    /// Counts every key of `keys`, in order, after the records counted before. Keys held in a
    /// ``KeyBatch`` (padded) take the vector kernels' fastest path.
    public mutating func add(_ keys: ContiguousKeys) {
        let count = keys.count
        guard count > 0 else { return }
        let first = records
        var scratch = hashScratch
        hashScratch = []
        // One row of `count` hashes per hash group, kept for the agreement and migration lanes.
        if scratch.count < count * groups.count { scratch = Array(repeating: 0, count: count * groups.count) }
        scratch.withUnsafeMutableBufferPointer { buffer in
            for index in groups.indices {
                let hashes = UnsafeMutableBufferPointer(rebasing: buffer[(index * count)..<((index + 1) * count)])
                // The row holds `count` slots, so the call cannot fail.
                try? BatchHasher.hash(groups[index].function, keys: keys, into: hashes)
                groups[index].add(UnsafeBufferPointer(hashes))
            }
            if groups.isEmpty {
                sketch.add(keys)
            } else {
                sketch.add(keys, hashes: UnsafeBufferPointer(rebasing: buffer[0..<count]))
            }
            guard let base = buffer.baseAddress, !(agreementLanes.isEmpty && migrationLanes.isEmpty) else { return }
            let batch = BatchHashes(base: UnsafePointer(base), count: count)
            for index in agreementLanes.indices { agreementLanes[index].add(batch) }
            for index in migrationLanes.indices { migrationLanes[index].add(batch) }
        }
        hashScratch = scratch

        emptyPositions.removeAll(keepingCapacity: true)
        for index in 0..<count where keys.offsets[index] == keys.offsets[index + 1] {
            emptyPositions.append(first + index)
        }
        emptyKeys += emptyPositions.count
        for index in plans.indices {
            let everyRecord = plans[index].simulatesEveryRecord
            guard everyRecord || (plans[index].simulatesEmptyKeys && !emptyPositions.isEmpty),
                  var simulation = plans[index].simulation else { continue }
            // Taken out of the array for the batch: no array access per record.
            plans[index].simulation = nil
            if everyRecord {
                for key in 0..<count {
                    simulation.advanceClock(toRecord: first + key)
                    simulation.send(key: keys[key])
                }
            } else {
                let empty = UnsafeRawBufferPointer(start: nil, count: 0)
                for position in emptyPositions {
                    simulation.advanceClock(toRecord: position)
                    simulation.send(key: empty)
                }
            }
            plans[index].simulation = simulation
        }
        records += count
    }

    /// Counts `count` records with a null key (each strategy's null-key choice, simulated).
    public mutating func addNullKeys(_ count: Int) {
        guard count > 0 else { return }
        for index in plans.indices {
            var simulation = plans[index].simulation ?? makeSimulation(plans[index])
            plans[index].simulation = nil
            for record in 0..<count {
                simulation.advanceClock(toRecord: records + record)
                simulation.send(key: nil as UnsafeRawBufferPointer?)
            }
            plans[index].simulation = simulation
        }
        records += count
        nullKeys += count
    }

    /// The findings so far; `source` names the keys, `elapsedSeconds` the run time when the
    /// caller timed it (left out of stable reports).
    public func result(source: String, elapsedSeconds: Double? = nil) -> PartitionStudyResult {
        let hitters = sketch.hitters(minimumCount: Self.hotKeyMinimumCount)
        let distributions = plans.map { distribution($0, hitters: hitters) }
        let resizes = resizePlans.map(resizeOutcome)
        let agreements = agreementLanes.map(agreement)
        let migrations = migrationLanes.map { migration($0, hitters: hitters) }
        return PartitionStudyResult(
            source: source, records: records, emptyKeys: emptyKeys, nullKeys: nullKeys,
            partitionCounts: configuration.partitionCounts, producer: configuration.producer,
            workload: configuration.workload, seed: configuration.seed, distributions: distributions,
            resizes: resizes, agreements: agreements, migrations: migrations, hotKeys: Array(hitters.prefix(configuration.hotKeysListed)),
            sketchCapacity: sketch.capacity, sketchMaximumError: sketch.maximumError,
            elapsedSeconds: elapsedSeconds)
    }

    private func distribution(_ plan: StrategyPlan, hitters: [HeavyHitter]) -> StrategyDistribution {
        let n = Int(plan.partitionCount.value)
        var counts = Array(repeating: 0, count: n)
        var hashed = 0
        if let lane = plan.lane, let rule = plan.strategy.keyRule {
            counts = groups[lane.group].counters[lane.counter].counts
            if plan.simulatesEmptyKeys, emptyKeys > 0 {
                counts[Self.emptyKeyPartition(rule, plan.partitionCount)] -= emptyKeys
            }
            hashed = counts.reduce(0, +)
        }
        var simulated = 0
        if let simulation = plan.simulation {
            // (The simulation's record count is its clock, advanced past records it never saw.)
            for (partition, records) in simulation.recordsPerPartition.enumerated() {
                counts[partition] += records
                simulated += records
            }
        }
        let summary = DistributionSummary(counts: counts)
        var hotKeys: [PartitionHotKey] = []
        if let rule = plan.strategy.keyRule, summary.records > 0 {
            let hottest = summary.hottestPartition
            let partitionRecords = Double(max(counts[hottest], 1))
            for hitter in hitters where hotKeys.count < configuration.hotKeysPerPartition {
                if plan.simulatesEmptyKeys && hitter.length == 0 { continue }
                guard Int(hitter.partition(rule, partitionCount: plan.partitionCount)) == hottest else { continue }
                hotKeys.append(PartitionHotKey(key: hitter, shareOfPartition: Double(hitter.count) / partitionRecords))
            }
        }
        return StrategyDistribution(
            strategy: plan.strategy.name, client: plan.strategy.client, keyRule: plan.strategy.keyRule,
            partitionCount: plan.partitionCount, counts: counts, hashedRecords: hashed,
            simulatedRecords: simulated, summary: summary, hotKeys: hotKeys)
    }

    private func resizeOutcome(_ plan: ResizePlan) -> ResizeOutcome {
        var records = 0
        var moved = 0
        var expected: Double? = nil
        if let lane = plan.lane, let rule = plan.strategy.keyRule {
            let mover = groups[lane.group].movers[lane.mover]
            records = mover.keys
            moved = mover.moved
            if plan.strategy.descriptor.emptyKey == .likeNullKey, emptyKeys > 0 {
                records -= emptyKeys
                if Self.emptyKeyPartition(rule, mover.from) != Self.emptyKeyPartition(rule, mover.to) { moved -= emptyKeys }
            }
            expected = plan.resize.expectedMovedFraction
        }
        return ResizeOutcome(
            strategy: plan.strategy.name, client: plan.strategy.client, keyRule: plan.strategy.keyRule,
            from: plan.resize.from, to: plan.resize.to, records: records, moved: moved, expectedMovedFraction: expected)
    }
}
