// segmentio/kafka-go balancers (`Writer.Balancer`). kafka-go's Writer default is RoundRobin
// (keys ignored); these are its key-hashing balancers.

/// `kafka-go:hash` — `kafka.Hash{}` (FNV-1a), "the same algorithm used by the Sarama Producer".
///
/// - Non-nil key, empty included: `p = int32(fnv1a(key)) % int32(len(partitions))`, negated
///   when negative (Sarama `NewHashPartitioner` placement).
/// - Nil key: the embedded `RoundRobin` balancer: `offset % n`, offset counting from 0.
public struct KafkaGoHashBalancer: RoundRobinForNullKeys {
    /// Registry entry `kafka-go:hash`.
    public static let descriptor = StrategyDescriptor(
        name: "kafka-go:hash", client: "kafka-go", matches: "Hash{} balancer (FNV-1a, Sarama placement)",
        keyRule: KeyHashing(.fnv1a, .absoluteValue), keyless: .roundRobin)

    /// The round-robin counter for nil keys (starts at 0).
    public let nullKeyCounter = RoundRobinCounter(start: 0)

    /// A balancer (deterministic; `seed` is unused).
    public init(seed: UInt64, configuration: ProducerConfiguration) {}

    /// `partitions[offset % len(partitions)]` with a `uint32` offset.
    public static func roundRobinPartition(_ value: UInt32, partitionCount: PartitionCount) -> Int32 {
        Int32(truncatingIfNeeded: value % UInt32(truncatingIfNeeded: partitionCount.value))
    }
}

/// `kafka-go:reference` — `kafka.ReferenceHash{}`: Sarama `NewReferenceHashPartitioner` placement.
///
/// - Non-nil key, empty included: `(int32(fnv1a(key)) & 0x7fffffff) % len(partitions)`.
/// - Nil key: a random partition per message.
public enum KafkaGoReferenceHash: StrategyDefinition {
    /// Registry entry `kafka-go:reference`.
    public static let descriptor = StrategyDescriptor(
        name: "kafka-go:reference", client: "kafka-go", matches: "ReferenceHash{} balancer (FNV-1a, Java-style sign bit)",
        keyRule: KeyHashing(.fnv1a, .clearSignBit), keyless: .randomPerRecord)
}

/// The running ``KafkaGoReferenceHash`` balancer (`kafka-go:reference`).
public typealias KafkaGoReferenceHashBalancer = RandomNullKeyPartitioner<KafkaGoReferenceHash>

/// `kafka-go:crc32` — `kafka.CRC32Balancer{}` (Consistent: false, the zero value):
/// librdkafka `consistent_random` placement.
///
/// - Non-empty key: `crc32(key) % uint32(len(partitions))`.
/// - Nil or empty key: a random partition per message (`len(msg.Key) == 0`).
public enum KafkaGoCRC32: StrategyDefinition {
    /// Registry entry `kafka-go:crc32`.
    public static let descriptor = StrategyDescriptor(
        name: "kafka-go:crc32", client: "kafka-go", matches: "CRC32Balancer{} (librdkafka consistent_random placement)",
        keyRule: KeyHashing(.crc32, .unsigned), keyless: .randomPerRecord, emptyKey: .likeNullKey)
}

/// The running ``KafkaGoCRC32`` balancer (`kafka-go:crc32`).
public typealias KafkaGoCRC32Balancer = RandomNullKeyPartitioner<KafkaGoCRC32>

/// `kafka-go:murmur2` — `kafka.Murmur2Balancer{}` (Consistent: false): librdkafka
/// `murmur2_random` placement, Java-compatible keys.
///
/// - Non-nil key, empty included: `(murmur2(key) & 0x7fffffff) % uint32(len(partitions))`.
/// - Nil key: a random partition per message.
public enum KafkaGoMurmur2: StrategyDefinition {
    /// Registry entry `kafka-go:murmur2`.
    public static let descriptor = StrategyDescriptor(
        name: "kafka-go:murmur2", client: "kafka-go", matches: "Murmur2Balancer{} (Java-compatible keys)",
        keyRule: .kafkaDefault, keyless: .randomPerRecord)
}

/// The running ``KafkaGoMurmur2`` balancer (`kafka-go:murmur2`).
public typealias KafkaGoMurmur2Balancer = RandomNullKeyPartitioner<KafkaGoMurmur2>
