// tulios/kafkajs partitioners (`createPartitioner`). Both send a null or undefined key to a
// per-topic round-robin counter that starts at a random 32-bit value and is pre-incremented:
// `availablePartitions[toPositive(++counter) % available.length]`. Both run as
// ``KafkaJSRoundRobinPartitioner``.

/// Hashes keys by `Definition`'s rule; a null key goes to KafkaJS's round robin: a counter
/// starting at a seeded random value, `toPositive(++counter) % numPartitions`.
public struct KafkaJSRoundRobinPartitioner<Definition: StrategyDefinition>: RoundRobinForNullKeys {
    /// `Definition`'s descriptor.
    public static var descriptor: StrategyDescriptor { Definition.descriptor }

    /// The counter, starting at a seeded random value.
    public let nullKeyCounter: RoundRobinCounter

    /// A partitioner whose counter start is determined by `seed`.
    public init(seed: UInt64, configuration: ProducerConfiguration) {
        nullKeyCounter = RoundRobinCounter(start: RandomPartitionSource(seed: seed).nextUInt32() &+ 1)
    }

    /// `toPositive(counter) % n`.
    public static func roundRobinPartition(_ value: UInt32, partitionCount: PartitionCount) -> Int32 {
        RoundRobinCounter.javaPartition(value, partitionCount: partitionCount)
    }
}

/// `kafkajs:default` — `Partitioners.DefaultPartitioner`, KafkaJS's default since v2.0.0
/// (`JavaCompatiblePartitioner` in 1.x): Java-compatible keys.
///
/// - Non-null key (a Buffer, or `String(key)` as UTF-8), empty included:
///   `toPositive(murmur2(key)) % numPartitions`.
/// - Null key: round robin from a random start.
public enum KafkaJSDefault: StrategyDefinition {
    /// Registry entry `kafkajs:default`.
    public static let descriptor = StrategyDescriptor(
        name: "kafkajs:default", client: "KafkaJS", matches: "DefaultPartitioner (v2.0.0+; JavaCompatiblePartitioner in 1.x)",
        keyRule: .kafkaDefault, keyless: .roundRobin, isClientDefault: true)
}

/// The running ``KafkaJSDefault`` partitioner (`kafkajs:default`).
public typealias KafkaJSDefaultPartitioner = KafkaJSRoundRobinPartitioner<KafkaJSDefault>

/// `kafkajs:legacy` — `Partitioners.LegacyPartitioner`, KafkaJS's default before v2.0.0: the
/// JavaScript-number murmur2 (``KafkaJSLegacyMurmur2``), which places most keys differently
/// from Java.
///
/// - Non-null key, empty included: `toPositive(legacyMurmur2(key)) % numPartitions`.
/// - Null key: round robin from a random start.
public enum KafkaJSLegacy: StrategyDefinition {
    /// Registry entry `kafkajs:legacy`.
    public static let descriptor = StrategyDescriptor(
        name: "kafkajs:legacy", client: "KafkaJS", matches: "LegacyPartitioner (default before v2.0.0)",
        keyRule: KeyHashing(.kafkaJSLegacyMurmur2, .clearSignBit), keyless: .roundRobin)
}

/// The running ``KafkaJSLegacy`` partitioner (`kafkajs:legacy`).
public typealias KafkaJSLegacyPartitioner = KafkaJSRoundRobinPartitioner<KafkaJSLegacy>
