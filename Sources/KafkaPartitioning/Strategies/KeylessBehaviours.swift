// The running partitioners that several client strategies share. Each hashes non-null keys
// with its definition's ``KeyHashing`` rule and differs only in what a null key (and an empty
// key the descriptor treats like null) gets. A client strategy that fits one of them is a
// caseless ``StrategyDefinition`` — its descriptor, under a doc comment naming the client API
// it matches and how it treats null keys — plus a typealias naming the running partitioner,
// e.g. `SaramaHashPartitioner = RandomNullKeyPartitioner<SaramaHash>`.

/// One client strategy as data: its registry descriptor. Conforming types are caseless enums
/// whose doc comment says which client API they match and how it treats null keys; a shared
/// partitioner below runs them.
public protocol StrategyDefinition: Sendable {
    /// What the strategy is and how it treats keys (the registry entry's metadata).
    static var descriptor: StrategyDescriptor { get }
}

/// Hashes keys by `Definition`'s rule; a null key (and an empty key the descriptor treats like
/// null) goes to a uniformly random partition per record.
public struct RandomNullKeyPartitioner<Definition: StrategyDefinition>: KeyHashingStrategy {
    /// `Definition`'s descriptor.
    public static var descriptor: StrategyDescriptor { Definition.descriptor }

    /// The seeded source of the random choices.
    public let nullKeyRandom: RandomPartitionSource

    /// A partitioner whose null-key draws are determined by `seed`.
    public init(seed: UInt64, configuration: ProducerConfiguration) {
        nullKeyRandom = RandomPartitionSource(seed: seed)
    }

    /// A uniformly random partition.
    public func keylessPartition(partitionCount: PartitionCount, producer: some ProducerState) -> Int32 {
        nullKeyRandom.next(below: partitionCount)
    }
}

/// Hashes keys by `Definition`'s rule and a null key like the empty key, so every null key
/// lands on one fixed partition (librdkafka `consistent`, `murmur2`, `fnv1a`). Deterministic.
public struct HashedNullKeyPartitioner<Definition: StrategyDefinition>: KeyHashingStrategy {
    /// `Definition`'s descriptor.
    public static var descriptor: StrategyDescriptor { Definition.descriptor }

    /// A partitioner (deterministic; `seed` is unused).
    public init(seed: UInt64, configuration: ProducerConfiguration) {}

    /// The partition of the empty key.
    public func keylessPartition(partitionCount: PartitionCount, producer: some ProducerState) -> Int32 {
        Self.descriptor.deterministicPartition(key: UnsafeRawBufferPointer(start: nil, count: 0), partitionCount: partitionCount) ?? 0
    }
}

/// Hashes keys by `Definition`'s rule; a null key (and an empty key the descriptor treats like
/// null) goes to librdkafka's sticky partition, re-drawn every `sticky.partitioning.linger.ms`.
public struct LibrdkafkaStickyNullKeyPartitioner<Definition: StrategyDefinition>: KeyHashingStrategy {
    /// `Definition`'s descriptor.
    public static var descriptor: StrategyDescriptor { Definition.descriptor }

    /// The sticky state for null keys.
    public let nullKeySticky: LibrdkafkaStickyState

    /// A partitioner whose sticky draws are determined by `seed`.
    public init(seed: UInt64, configuration: ProducerConfiguration) {
        nullKeySticky = LibrdkafkaStickyState(seed: seed, configuration: configuration)
    }

    /// The sticky partition at the producer's current time.
    public func keylessPartition(partitionCount: PartitionCount, producer: some ProducerState) -> Int32 {
        nullKeySticky.partition(now: producer.nowMicroseconds, partitionCount: partitionCount)
    }
}

extension LibrdkafkaStickyState {
    /// The state for `configuration`'s `sticky.partitioning.linger.ms`, drawing from `seed`.
    convenience init(seed: UInt64, configuration: ProducerConfiguration) {
        self.init(intervalMicroseconds: configuration.stickyLingerMicroseconds, random: RandomPartitionSource(seed: seed))
    }
}

/// Null keys go to a round-robin counter.
public protocol RoundRobinForNullKeys: KeyHashingStrategy {
    /// The counter.
    var nullKeyCounter: RoundRobinCounter { get }
    /// The partition for counter value `value`.
    static func roundRobinPartition(_ value: UInt32, partitionCount: PartitionCount) -> Int32
}

extension RoundRobinForNullKeys {
    /// The next counter value's partition.
    public func keylessPartition(partitionCount: PartitionCount, producer: some ProducerState) -> Int32 {
        Self.roundRobinPartition(nullKeyCounter.getAndIncrement(), partitionCount: partitionCount)
    }
}
