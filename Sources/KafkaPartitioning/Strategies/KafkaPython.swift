// dpkp/kafka-python partitioners (`KafkaProducer(partitioner=...)`).

/// `kafka-python:default` — `kafka.partitioner.DefaultPartitioner` (kafka-python's default,
/// 1.x through 3.x).
///
/// - Non-None serialized key, empty included: `(murmur2(key) & 0x7fffffff) % len(all_partitions)`,
///   indexing the sorted partition list.
/// - None key: `random.choice(available)` per message (kafka-python 3's opt-in
///   `StickyPartitioner` is not this default).
public enum KafkaPythonDefault: StrategyDefinition {
    /// Registry entry `kafka-python:default`.
    public static let descriptor = StrategyDescriptor(
        name: "kafka-python:default", client: "kafka-python", matches: "DefaultPartitioner (kafka-python default)",
        keyRule: .kafkaDefault, keyless: .randomPerRecord, isClientDefault: true)
}

/// The running ``KafkaPythonDefault`` partitioner (`kafka-python:default`).
public typealias KafkaPythonDefaultPartitioner = RandomNullKeyPartitioner<KafkaPythonDefault>
