// Null-key behaviours shared by several clients, as small protocols with default
// implementations of `keylessPartition`.

/// Null keys (and keys the descriptor treats like null) go to a random partition per record.
public protocol RandomForNullKeys: KeyHashingStrategy {
    /// The seeded source of the random choices.
    var nullKeyRandom: RandomPartitionSource { get }
}

extension RandomForNullKeys {
    /// A uniformly random partition.
    public func keylessPartition(partitionCount: Int32, producer: some ProducerState) -> Int32 {
        nullKeyRandom.next(below: partitionCount)
    }
}

/// Null keys are hashed like the empty key (librdkafka `consistent`, `murmur2`, `fnv1a`).
public protocol HashesNullKeysAsEmpty: KeyHashingStrategy {}

extension HashesNullKeysAsEmpty {
    /// The partition of the empty key.
    public func keylessPartition(partitionCount: Int32, producer: some ProducerState) -> Int32 {
        Self.descriptor.deterministicPartition(key: UnsafeRawBufferPointer(start: nil, count: 0), partitionCount: partitionCount) ?? 0
    }
}

/// Null keys go to librdkafka's sticky partition, re-drawn every `sticky.partitioning.linger.ms`.
public protocol LibrdkafkaStickyForNullKeys: KeyHashingStrategy {
    /// The sticky state.
    var nullKeySticky: LibrdkafkaStickyState { get }
}

extension LibrdkafkaStickyForNullKeys {
    /// The sticky partition at the producer's current time.
    public func keylessPartition(partitionCount: Int32, producer: some ProducerState) -> Int32 {
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
    static func roundRobinPartition(_ value: UInt32, partitionCount: Int32) -> Int32
}

extension RoundRobinForNullKeys {
    /// The next counter value's partition.
    public func keylessPartition(partitionCount: Int32, producer: some ProducerState) -> Int32 {
        Self.roundRobinPartition(nullKeyCounter.getAndIncrement(), partitionCount: partitionCount)
    }
}
