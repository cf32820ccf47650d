// librdkafka's partitioners (`partitioner` topic property; also confluent-kafka-go, -python,
// -dotnet and every other librdkafka binding). Verified in-process against librdkafka's
// exported rd_kafka_msg_partitioner_* functions by the test suite.
//
// Null keys: librdkafka's rd_kafka_msg_partitioner() sends a NULL key (and an empty key under
// consistent_random) to the sticky partition (rd_kafka_msg_sticky_partition) for every
// partitioner except consistent, murmur2 and fnv1a, which hash NULL like an empty key.

/// `librdkafka:consistent` — `rd_kafka_msg_partitioner_consistent` (all versions).
///
/// - Any key: `rd_crc32(key) % partition_cnt` (unsigned).
/// - Null and empty keys are the same input to it: CRC-32 of no bytes is 0, so both go to
///   partition 0.
public enum LibrdkafkaConsistent: StrategyDefinition {
    /// Registry entry `librdkafka:consistent`.
    public static let descriptor = StrategyDescriptor(
        name: "librdkafka:consistent", client: "librdkafka", matches: "partitioner=consistent",
        keyRule: KeyHashing(.crc32, .unsigned), keyless: .hashedAsEmpty)
}

/// The running ``LibrdkafkaConsistent`` partitioner (`librdkafka:consistent`).
public typealias LibrdkafkaConsistentPartitioner = HashedNullKeyPartitioner<LibrdkafkaConsistent>

/// `librdkafka:consistent_random` — `rd_kafka_msg_partitioner_consistent_random`, librdkafka's
/// DEFAULT (so also the default of confluent-kafka-go/-python/-dotnet).
///
/// - Non-empty key: `rd_crc32(key) % partition_cnt` (unsigned).
/// - Null or empty key: the sticky random partition, re-drawn every
///   `sticky.partitioning.linger.ms` (default 10 ms; 0 = random per message).
public enum LibrdkafkaConsistentRandom: StrategyDefinition {
    /// Registry entry `librdkafka:consistent_random`.
    public static let descriptor = StrategyDescriptor(
        name: "librdkafka:consistent_random", client: "librdkafka",
        matches: "partitioner=consistent_random (librdkafka default; confluent-kafka clients)",
        keyRule: KeyHashing(.crc32, .unsigned), keyless: .stickyForInterval, emptyKey: .likeNullKey,
        isClientDefault: true)
}

/// The running ``LibrdkafkaConsistentRandom`` partitioner (`librdkafka:consistent_random`).
public typealias LibrdkafkaConsistentRandomPartitioner = LibrdkafkaStickyNullKeyPartitioner<LibrdkafkaConsistentRandom>

/// `librdkafka:murmur2` — `rd_kafka_msg_partitioner_murmur2` (Java-compatible hashing).
///
/// - Any key: `(rd_murmur2(key) & 0x7fffffff) % partition_cnt`.
/// - Null key: hashed like an empty key (murmur2 of no bytes): one fixed partition.
public enum LibrdkafkaMurmur2: StrategyDefinition {
    /// Registry entry `librdkafka:murmur2`.
    public static let descriptor = StrategyDescriptor(
        name: "librdkafka:murmur2", client: "librdkafka", matches: "partitioner=murmur2",
        keyRule: .kafkaDefault, keyless: .hashedAsEmpty)
}

/// The running ``LibrdkafkaMurmur2`` partitioner (`librdkafka:murmur2`).
public typealias LibrdkafkaMurmur2Partitioner = HashedNullKeyPartitioner<LibrdkafkaMurmur2>

/// `librdkafka:murmur2_random` — `rd_kafka_msg_partitioner_murmur2_random`, "functionally
/// equivalent to the default Java partitioner" for keys.
///
/// - Non-null key, empty included: `(rd_murmur2(key) & 0x7fffffff) % partition_cnt`.
/// - Null key: the sticky random partition (`sticky.partitioning.linger.ms`).
public enum LibrdkafkaMurmur2Random: StrategyDefinition {
    /// Registry entry `librdkafka:murmur2_random`.
    public static let descriptor = StrategyDescriptor(
        name: "librdkafka:murmur2_random", client: "librdkafka", matches: "partitioner=murmur2_random",
        keyRule: .kafkaDefault, keyless: .stickyForInterval)
}

/// The running ``LibrdkafkaMurmur2Random`` partitioner (`librdkafka:murmur2_random`).
public typealias LibrdkafkaMurmur2RandomPartitioner = LibrdkafkaStickyNullKeyPartitioner<LibrdkafkaMurmur2Random>

/// `librdkafka:fnv1a` — `rd_kafka_msg_partitioner_fnv1a`.
///
/// - Any key: `rd_fnv1a(key) % partition_cnt`, where `rd_fnv1a` negates a negative int32 hash
///   (`|int32(fnv1a)|`, the same placement as Sarama's default hash partitioner).
/// - Null key: hashed like an empty key: one fixed partition.
public enum LibrdkafkaFNV1a: StrategyDefinition {
    /// Registry entry `librdkafka:fnv1a`.
    public static let descriptor = StrategyDescriptor(
        name: "librdkafka:fnv1a", client: "librdkafka", matches: "partitioner=fnv1a",
        keyRule: KeyHashing(.fnv1a, .absoluteValue), keyless: .hashedAsEmpty)
}

/// The running ``LibrdkafkaFNV1a`` partitioner (`librdkafka:fnv1a`).
public typealias LibrdkafkaFNV1aPartitioner = HashedNullKeyPartitioner<LibrdkafkaFNV1a>

/// `librdkafka:fnv1a_random` — `rd_kafka_msg_partitioner_fnv1a_random`.
///
/// - Non-null key, empty included: `rd_fnv1a(key) % partition_cnt` (see ``LibrdkafkaFNV1aPartitioner``).
/// - Null key: the sticky random partition (`sticky.partitioning.linger.ms`).
public enum LibrdkafkaFNV1aRandom: StrategyDefinition {
    /// Registry entry `librdkafka:fnv1a_random`.
    public static let descriptor = StrategyDescriptor(
        name: "librdkafka:fnv1a_random", client: "librdkafka", matches: "partitioner=fnv1a_random",
        keyRule: KeyHashing(.fnv1a, .absoluteValue), keyless: .stickyForInterval)
}

/// The running ``LibrdkafkaFNV1aRandom`` partitioner (`librdkafka:fnv1a_random`).
public typealias LibrdkafkaFNV1aRandomPartitioner = LibrdkafkaStickyNullKeyPartitioner<LibrdkafkaFNV1aRandom>

/// `librdkafka:random` — `rd_kafka_msg_partitioner_random`.
///
/// - Keyed records (empty keys included): a random partition per message.
/// - Null key: the sticky random partition (`sticky.partitioning.linger.ms`).
public struct LibrdkafkaRandomPartitioner: ClientStrategy {
    /// Registry entry `librdkafka:random`.
    public static let descriptor = StrategyDescriptor(
        name: "librdkafka:random", client: "librdkafka",
        matches: "partitioner=random (keyed: random per message; null key: sticky)",
        keyRule: nil, keyless: .randomPerRecord)

    let random: RandomPartitionSource
    let sticky: LibrdkafkaStickyState

    /// A partitioner whose draws are determined by `seed`.
    public init(seed: UInt64, configuration: ProducerConfiguration) {
        var seeds = SeededRandom(seed: seed)
        random = RandomPartitionSource(seed: seeds.next())
        sticky = LibrdkafkaStickyState(seed: seeds.next(), configuration: configuration)
    }

    /// Random for keyed records, sticky for null keys.
    public func partition(key: UnsafeRawBufferPointer?, partitionCount: PartitionCount, producer: some ProducerState) -> Int32 {
        guard key != nil else { return sticky.partition(now: producer.nowMicroseconds, partitionCount: partitionCount) }
        return random.next(below: partitionCount)
    }
}
