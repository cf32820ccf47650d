// dpkp/kafka-python partitioners (`KafkaProducer(partitioner=...)`).

/// `kafka-python:default` — `kafka.partitioner.DefaultPartitioner` (kafka-python's default,
/// 1.x through 3.x).
///
/// - Non-None serialized key, empty included: `(murmur2(key) & 0x7fffffff) % len(all_partitions)`,
///   indexing the sorted partition list.
/// - None key: `random.choice(available)` per message (kafka-python 3's opt-in
///   `StickyPartitioner` is not this default).
public struct KafkaPythonDefaultPartitioner: RandomForNullKeys {
    /// Registry entry `kafka-python:default`.
    public static let descriptor = StrategyDescriptor(
        name: "kafka-python:default", client: "kafka-python", matches: "DefaultPartitioner (kafka-python default)",
        keyRule: .kafkaDefault, keyless: .randomPerRecord, isClientDefault: true)

    /// The source of None-key draws.
    public let nullKeyRandom: RandomPartitionSource

    /// A partitioner whose None-key draws are determined by `seed`.
    public init(seed: UInt64, configuration: ProducerConfiguration) {
        nullKeyRandom = RandomPartitionSource(seed: seed)
    }
}
