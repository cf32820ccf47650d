// segmentio/kafka-go balancers (`Writer.Balancer`). kafka-go's Writer default is RoundRobin
// (keys ignored); these are its key-hashing balancers.

/// `kafka-go:hash` — `kafka.Hash{}` (FNV-1a), "the same algorithm used by the Sarama Producer",
/// kafka-go v0.3.1 and later (segmentio/kafka-go#336 added the `int32` conversion).
///
/// - Non-nil key, empty included: `p = int32(fnv1a(key)) % int32(len(partitions))`, negated
///   when negative (Sarama `NewHashPartitioner` placement).
/// - Nil key: the embedded `RoundRobin` balancer: `offset % n`, offset counting from 0.
public enum KafkaGoHash: StrategyDefinition {
    /// Registry entry `kafka-go:hash`.
    public static let descriptor = StrategyDescriptor(
        name: "kafka-go:hash", client: "kafka-go", matches: "Hash{} balancer (FNV-1a, Sarama placement), v0.3.1+",
        keyRule: KeyHashing(.fnv1a, .absoluteValue), keyless: .roundRobin)
}

/// The running ``KafkaGoHash`` balancer (`kafka-go:hash`).
public typealias KafkaGoHashBalancer = KafkaGoRoundRobinNullKeyBalancer<KafkaGoHash>

/// `kafka-go:hash-legacy` — `kafka.Hash{}` in kafka-go v0.1.0 … v0.3.0, before
/// segmentio/kafka-go#336 (v0.3.1, August 2019) made it match Sarama.
///
/// - Non-nil key, empty included: `int(hasher.Sum32()) % len(partitions)`: on a 64-bit
///   platform `int(uint32)` is never negative, so this is `fnv1a(key) % n` on the unsigned
///   hash (franz-go `SaramaHasher(fnv32a)` placement). Keys whose hash has its top bit set land
///   elsewhere than under Sarama and kafka-go v0.3.1+ (`"20"` at 16 partitions: 15, not 1).
/// - Nil key: the embedded `RoundRobin` balancer, as in later versions.
public enum KafkaGoLegacyHash: StrategyDefinition {
    /// Registry entry `kafka-go:hash-legacy`.
    public static let descriptor = StrategyDescriptor(
        name: "kafka-go:hash-legacy", client: "kafka-go", matches: "Hash{} balancer before v0.3.1 (FNV-1a as an unsigned int)",
        keyRule: KeyHashing(.fnv1a, .unsigned), keyless: .roundRobin)
}

/// The running ``KafkaGoLegacyHash`` balancer (`kafka-go:hash-legacy`).
public typealias KafkaGoLegacyHashBalancer = KafkaGoRoundRobinNullKeyBalancer<KafkaGoLegacyHash>

/// A kafka-go balancer that hashes keys by `Definition`'s rule and hands nil keys to an
/// embedded `RoundRobin` balancer (`kafka.Hash{}` in every version).
public struct KafkaGoRoundRobinNullKeyBalancer<Definition: StrategyDefinition>: RoundRobinForNullKeys {
    /// `Definition`'s descriptor.
    public static var descriptor: StrategyDescriptor { Definition.descriptor }

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

/// `kafka-go:crc32-consistent` — `kafka.CRC32Balancer{Consistent: true}` (kafka-go v0.3.1+):
/// librdkafka `consistent` placement.
///
/// - Any key, nil and empty included: `crc32(key) % uint32(len(partitions))`; nil and empty
///   keys hash as no bytes (CRC-32 0), so both land on partition 0.
public enum KafkaGoConsistentCRC32: StrategyDefinition {
    /// Registry entry `kafka-go:crc32-consistent`.
    public static let descriptor = StrategyDescriptor(
        name: "kafka-go:crc32-consistent", client: "kafka-go", matches: "CRC32Balancer{Consistent: true} (librdkafka consistent placement)",
        keyRule: KeyHashing(.crc32, .unsigned), keyless: .hashedAsEmpty)
}

/// The running ``KafkaGoConsistentCRC32`` balancer (`kafka-go:crc32-consistent`).
public typealias KafkaGoConsistentCRC32Balancer = HashedNullKeyPartitioner<KafkaGoConsistentCRC32>

/// `kafka-go:murmur2-consistent` — `kafka.Murmur2Balancer{Consistent: true}` (kafka-go
/// v0.3.1+): librdkafka `murmur2` placement.
///
/// - Any key, nil and empty included: `(murmur2(key) & 0x7fffffff) % uint32(len(partitions))`;
///   a nil key hashes like the empty key (murmur2 `0x106e08d9`): one fixed partition.
public enum KafkaGoConsistentMurmur2: StrategyDefinition {
    /// Registry entry `kafka-go:murmur2-consistent`.
    public static let descriptor = StrategyDescriptor(
        name: "kafka-go:murmur2-consistent", client: "kafka-go", matches: "Murmur2Balancer{Consistent: true} (librdkafka murmur2 placement)",
        keyRule: .kafkaDefault, keyless: .hashedAsEmpty)
}

/// The running ``KafkaGoConsistentMurmur2`` balancer (`kafka-go:murmur2-consistent`).
public typealias KafkaGoConsistentMurmur2Balancer = HashedNullKeyPartitioner<KafkaGoConsistentMurmur2>
