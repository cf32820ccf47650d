/// The shape of a simulated record stream: how fast records are sent and how big values are.
public struct SimulationWorkload: Sendable, Hashable, Codable {
    /// Records sent per second (the simulated clock advances by `1 / rate` per record).
    public var recordsPerSecond: Double
    /// Value length of every record unless `send` says otherwise.
    public var valueLength: Int

    /// A workload; rates below 1 record/s are raised to 1.
    public init(recordsPerSecond: Double = 10_000, valueLength: Int = 100) {
        self.recordsPerSecond = max(1, recordsPerSecond)
        self.valueLength = max(0, valueLength)
    }
}

/// Replays a record stream through one strategy with a modelled producer (clock, per-partition
/// batch fill, linger), so stateful strategies — round robin with KAFKA-9965, KIP-480 and
/// KIP-794 sticky, librdkafka's sticky interval, franz-go's sticky and uniform-bytes — place
/// records as their client would under the same conditions. Deterministic for a seed.
public struct ProducerSimulation: Sendable {
    /// The simulated strategy.
    public let strategy: PartitionStrategy
    /// The topic's partition count.
    public let partitionCount: PartitionCount
    /// The workload (rate, default value size).
    public let workload: SimulationWorkload
    /// The modelled accumulator after the last send.
    public private(set) var accumulator: BatchAccumulatorModel
    /// Records sent to each partition so far.
    public private(set) var recordsPerPartition: [Int]
    /// Records sent so far.
    public private(set) var recordCount = 0

    private let partitioner: any Partitioner

    /// A simulation of `strategy` over `partitionCount` partitions; random choices follow `seed`.
    public init(
        strategy: PartitionStrategy, partitionCount: PartitionCount,
        configuration: ProducerConfiguration = ProducerConfiguration(),
        workload: SimulationWorkload = SimulationWorkload(), seed: UInt64 = 0
    ) {
        self.strategy = strategy
        self.partitionCount = partitionCount
        self.workload = workload
        partitioner = strategy.makePartitioner(seed: seed, configuration: configuration)
        accumulator = BatchAccumulatorModel(partitionCount: partitionCount, configuration: configuration)
        recordsPerPartition = Array(repeating: 0, count: Int(partitionCount.value))
    }

    /// The simulated time of the next send, in microseconds.
    public var nowMicroseconds: Int64 {
        Int64((Double(recordCount) * 1_000_000 / workload.recordsPerSecond).rounded())
    }

    /// Batches the producer opened so far, per partition.
    public var batchesPerPartition: [Int] { accumulator.batchesOpened }

    /// Moves the clock forward to the send time of record `index` of the stream (never back),
    /// for streams where records in between were placed without the simulation (hashed keys
    /// of strategies whose stateful choice does not depend on them).
    public mutating func advanceClock(toRecord index: Int) {
        recordCount = max(recordCount, index)
    }

    /// Sends one record (nil key: a null key) and returns its partition.
    @discardableResult
    public mutating func send(key: UnsafeRawBufferPointer?, valueLength: Int? = nil) -> Int32 {
        accumulator.beginRecord(at: nowMicroseconds, keyLength: key?.count, valueLength: valueLength ?? workload.valueLength)
        let chosen = partitioner.partition(key: key, partitionCount: partitionCount, producer: accumulator)
        // Every strategy answers in range for a count ≥ 1; clamp defensively, never trap.
        let partition = (0..<partitionCount.value).contains(chosen) ? chosen : 0
        let added = accumulator.append(partition: partition)
        partitioner.recordAppended(
            key: key, partition: partition, appendedBytes: added, partitionCount: partitionCount, producer: accumulator)
        recordsPerPartition[Int(partition)] += 1
        recordCount += 1
        return partition
    }

    /// Sends one record whose key is an array (nil: a null key).
    @discardableResult
    public mutating func send(key: [UInt8]?, valueLength: Int? = nil) -> Int32 {
        guard let key else { return send(key: nil as UnsafeRawBufferPointer?, valueLength: valueLength) }
        return key.withUnsafeBytes { send(key: $0, valueLength: valueLength) }
    }
}
