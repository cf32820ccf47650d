// The Apache Kafka Java client's partitioners (org.apache.kafka.clients.producer).

/// `java` — the Java producer's built-in partitioner, Kafka 3.3 and later (no
/// `partitioner.class` set; KIP-794).
///
/// - Non-null key, empty included: `Utils.toPositive(Utils.murmur2(keyBytes)) % numPartitions`
///   over all partitions (murmur2("") = 0x106e08d9 is hashed like any key).
/// - Null key: uniform sticky — one partition until `batch.size` bytes were appended to it and
///   its batches are full (or `2 × batch.size` bytes in any case), then a random partition.
public struct JavaBuiltInPartitioner: KeyHashingStrategy {
    /// Registry entry `java`.
    public static let descriptor = StrategyDescriptor(
        name: "java", client: "Java", matches: "Kafka 3.3+ built-in partitioner (KIP-794); kafka-clients default",
        keyRule: .kafkaDefault, keyless: .uniformSticky, isClientDefault: true)

    let sticky: UniformStickyState

    /// A partitioner whose sticky choices are determined by `seed`.
    public init(seed: UInt64, configuration: ProducerConfiguration) {
        sticky = UniformStickyState(stickyBatchSize: configuration.batchSize, random: RandomPartitionSource(seed: seed))
    }

    /// The current uniform-sticky partition.
    public func keylessPartition(partitionCount: PartitionCount, producer: some ProducerState) -> Int32 {
        sticky.currentPartition(partitionCount: partitionCount)
    }

    /// Counts bytes appended for null-key records (keyed records never move the sticky partition).
    public func recordAppended(
        key: UnsafeRawBufferPointer?, partition: Int32, appendedBytes: Int, partitionCount: PartitionCount,
        producer: some ProducerState
    ) {
        guard key == nil else { return }
        sticky.update(
            appendedBytes: appendedBytes, enableSwitch: producer.allBatchesFull(partition: partition),
            partitionCount: partitionCount)
    }
}

/// `java:uniform-sticky` — the Kafka 3.3+ built-in partitioner with
/// `partitioner.ignore.keys=true`: every record, keyed or not, follows KIP-794's uniform
/// sticky rule (see ``JavaBuiltInPartitioner``). Null and empty keys are no different.
public struct JavaUniformStickyPartitioner: ClientStrategy {
    /// Registry entry `java:uniform-sticky`.
    public static let descriptor = StrategyDescriptor(
        name: "java:uniform-sticky", client: "Java",
        matches: "Kafka 3.3+ built-in partitioner with partitioner.ignore.keys=true (KIP-794)",
        keyRule: nil, keyless: .uniformSticky)

    let sticky: UniformStickyState

    /// A partitioner whose sticky choices are determined by `seed`.
    public init(seed: UInt64, configuration: ProducerConfiguration) {
        sticky = UniformStickyState(stickyBatchSize: configuration.batchSize, random: RandomPartitionSource(seed: seed))
    }

    /// The current uniform-sticky partition, whatever the key.
    public func partition(key: UnsafeRawBufferPointer?, partitionCount: PartitionCount, producer: some ProducerState) -> Int32 {
        return sticky.currentPartition(partitionCount: partitionCount)
    }

    /// Counts every appended record.
    public func recordAppended(
        key: UnsafeRawBufferPointer?, partition: Int32, appendedBytes: Int, partitionCount: PartitionCount,
        producer: some ProducerState
    ) {
        sticky.update(
            appendedBytes: appendedBytes, enableSwitch: producer.allBatchesFull(partition: partition),
            partitionCount: partitionCount)
    }
}

/// `java:sticky` — Kafka 2.4–3.2 `DefaultPartitioner` (KIP-480 sticky; the null-key rule is
/// also `UniformStickyPartitioner`'s for every record).
///
/// - Non-null key, empty included: `toPositive(murmur2(keyBytes)) % numPartitions`.
/// - Null key: the `StickyPartitionCache` partition. Whenever a record (keyed or not) would
///   open a new batch, the producer calls `onNewBatch(prevPartition)` — which moves the sticky
///   partition to a random different one if `prevPartition` was it — then `partition()` again.
public struct JavaStickyPartitioner: ClientStrategy {
    /// Registry entry `java:sticky`.
    public static let descriptor = StrategyDescriptor(
        name: "java:sticky", client: "Java",
        matches: "Kafka 2.4-3.2 DefaultPartitioner / UniformStickyPartitioner null-key rule (KIP-480)",
        keyRule: .kafkaDefault, keyless: .stickyUntilNewBatch)

    let cache: KIP480StickyCache

    /// A partitioner whose sticky choices are determined by `seed`.
    public init(seed: UInt64, configuration: ProducerConfiguration) {
        cache = KIP480StickyCache(random: RandomPartitionSource(seed: seed))
    }

    /// `KafkaProducer.doSend` with `abortOnNewBatch`: partition, and on a new batch
    /// `onNewBatch` then partition again.
    public func partition(key: UnsafeRawBufferPointer?, partitionCount: PartitionCount, producer: some ProducerState) -> Int32 {
        let first = choose(key, partitionCount)
        guard producer.appendWouldCreateBatch(partition: first) else { return first }
        cache.onNewBatch(previous: first, partitionCount: partitionCount)
        return choose(key, partitionCount)
    }

    private func choose(_ key: UnsafeRawBufferPointer?, _ partitionCount: PartitionCount) -> Int32 {
        if let key { return KeyHashing.kafkaDefault.partition(key, partitionCount: partitionCount) }
        return cache.partition(partitionCount: partitionCount)
    }
}

/// `java:round-robin` — `org.apache.kafka.clients.producer.RoundRobinPartitioner`: keys are
/// ignored (null, empty or not); a per-topic counter starting at 0 picks
/// `toPositive(counter.getAndIncrement()) % n`.
///
/// Before Kafka 3.9 (KAFKA-9965): when the record would open a new batch, the producer calls
/// `partition()` a second time and the record goes to the second answer, so the counter
/// advances twice; with an even partition count and a new batch for every record, only odd
/// partitions get data. Kafka 3.9+ (KAFKA-17632) returns the first answer again. Select the
/// model with ``ProducerConfiguration/javaRoundRobinModel``.
public struct JavaRoundRobinPartitioner: ClientStrategy {
    /// Registry entry `java:round-robin`.
    public static let descriptor = StrategyDescriptor(
        name: "java:round-robin", client: "Java",
        matches: "RoundRobinPartitioner (partitioner.class); KAFKA-9965 double advance before 3.9, fixed in 3.9+",
        keyRule: nil, keyless: .roundRobin)

    let counter = RoundRobinCounter(start: 0)
    let model: JavaRoundRobinModel

    /// A partitioner (deterministic: the counter starts at 0; `seed` is unused).
    public init(seed: UInt64, configuration: ProducerConfiguration) {
        model = configuration.javaRoundRobinModel
    }

    /// The next counter value's partition; twice on a new batch before Kafka 3.9.
    public func partition(key: UnsafeRawBufferPointer?, partitionCount: PartitionCount, producer: some ProducerState) -> Int32 {
        let first = RoundRobinCounter.javaPartition(counter.getAndIncrement(), partitionCount: partitionCount)
        guard model == .beforeKafka39, producer.appendWouldCreateBatch(partition: first) else { return first }
        return RoundRobinCounter.javaPartition(counter.getAndIncrement(), partitionCount: partitionCount)
    }
}
