// twmb/franz-go (kgo) partitioners, `kgo.RecordPartitioner(...)`. franz-go hashes any
// non-nil key (`r.Key != nil`), so an empty non-nil key is hashed.

/// `franz-go:kafka` — franz-go's DEFAULT partitioner,
/// `UniformBytesPartitioner(64 KiB, adaptive, keys, KafkaHasher(murmur2))`.
///
/// - Non-nil key, empty included: `KafkaHasher`: `int(murmur2(key) & 0x7fffffff) % n`.
/// - Nil key: one partition until 64 KiB of records (franz-go's own size estimate) were
///   partitioned, then a new draw (adaptive weighting by backlog is uniform when backlogs are
///   equal, which is what kbench models).
public struct FranzGoKafkaPartitioner: KeyHashingStrategy {
    /// Registry entry `franz-go:kafka`.
    public static let descriptor = StrategyDescriptor(
        name: "franz-go:kafka", client: "franz-go",
        matches: "default UniformBytesPartitioner(64KiB, adaptive, keys, KafkaHasher(murmur2))",
        keyRule: .kafkaDefault, keyless: .stickyByBytes, isClientDefault: true)

    let uniformBytes: FranzGoUniformBytesState

    /// A partitioner whose nil-key draws are determined by `seed`.
    public init(seed: UInt64, configuration: ProducerConfiguration) {
        uniformBytes = FranzGoUniformBytesState(
            limit: configuration.franzGoUniformBytes, random: RandomPartitionSource(seed: seed))
    }

    /// The uniform-bytes partition for a nil-key record of the current value size.
    public func keylessPartition(partitionCount: PartitionCount, producer: some ProducerState) -> Int32 {
        let length = FranzGoUniformBytesState.recordLength(keyLength: 0, valueLength: producer.valueLength)
        return uniformBytes.partition(recordLength: length, partitionCount: partitionCount)
    }
}

/// franz-go's `StickyKeyPartitioner(hasher)`, with `Definition`'s key rule as the hasher: a
/// hash for non-nil keys, the sticky partition for nil keys, and `OnNewBatch` + re-partition
/// whenever the record would open a new batch (franz-go calls `OnNewBatch` for keyed records
/// too). Nil key: one partition until a record opens a new batch, then a random one (the next
/// one if the draw repeats the previous partition).
public struct FranzGoStickyKeyPartitioner<Definition: StrategyDefinition>: ClientStrategy {
    /// `Definition`'s descriptor.
    public static var descriptor: StrategyDescriptor { Definition.descriptor }

    let rule: KeyHashing?
    let sticky: FranzGoStickyState

    /// A partitioner whose nil-key draws are determined by `seed`.
    public init(seed: UInt64, configuration: ProducerConfiguration) {
        rule = Definition.descriptor.keyRule
        sticky = FranzGoStickyState(random: RandomPartitionSource(seed: seed))
    }

    /// The `StickyKeyPartitioner` flow.
    public func partition(key: UnsafeRawBufferPointer?, partitionCount: PartitionCount, producer: some ProducerState) -> Int32 {
        let first = choose(key, partitionCount)
        guard producer.appendWouldCreateBatch(partition: first) else { return first }
        sticky.onNewBatch()
        return choose(key, partitionCount)
    }

    private func choose(_ key: UnsafeRawBufferPointer?, _ partitionCount: PartitionCount) -> Int32 {
        if let key, let rule { return rule.partition(key, partitionCount: partitionCount) }
        return sticky.partition(partitionCount: partitionCount)
    }
}

/// `franz-go:sarama` — `StickyKeyPartitioner(SaramaHasher(fnv32a))`. Despite its name,
/// `SaramaHasher` computes `int(fnv1a(key)) % n` on Go's 64-bit `int`, which is never negative,
/// so it is the UNSIGNED remainder and differs from Sarama for half of all keys (franz-go's
/// docs call it "historical misnamed"; see `franz-go:sarama-compat`).
///
/// - Non-nil key, empty included: `fnv1a(key) % n` (unsigned).
/// - Nil key: franz-go sticky — one partition until a record opens a new batch, then a random
///   one (the next one if the draw repeats the previous partition).
public enum FranzGoSarama: StrategyDefinition {
    /// Registry entry `franz-go:sarama`.
    public static let descriptor = StrategyDescriptor(
        name: "franz-go:sarama", client: "franz-go",
        matches: "StickyKeyPartitioner(SaramaHasher(fnv32a)) (unsigned remainder, not Sarama's)",
        keyRule: KeyHashing(.fnv1a, .unsigned), keyless: .stickyUntilNewBatch)
}

/// The running ``FranzGoSarama`` partitioner (`franz-go:sarama`).
public typealias FranzGoSaramaPartitioner = FranzGoStickyKeyPartitioner<FranzGoSarama>

/// `franz-go:sarama-compat` — `StickyKeyPartitioner(SaramaCompatHasher(fnv32a))`: exactly
/// Sarama's `NewHashPartitioner` placement for keys.
///
/// - Non-nil key, empty included: `p = int32(fnv1a(key)) % int32(n)`, negated when negative.
/// - Nil key: franz-go sticky, as for `franz-go:sarama` (Sarama itself picks randomly).
public enum FranzGoSaramaCompat: StrategyDefinition {
    /// Registry entry `franz-go:sarama-compat`.
    public static let descriptor = StrategyDescriptor(
        name: "franz-go:sarama-compat", client: "franz-go",
        matches: "StickyKeyPartitioner(SaramaCompatHasher(fnv32a)) (Sarama-identical keys)",
        keyRule: KeyHashing(.fnv1a, .absoluteValue), keyless: .stickyUntilNewBatch)
}

/// The running ``FranzGoSaramaCompat`` partitioner (`franz-go:sarama-compat`).
public typealias FranzGoSaramaCompatPartitioner = FranzGoStickyKeyPartitioner<FranzGoSaramaCompat>
