/// A registry entry: a client strategy by its stable name, with its metadata and a factory.
///
/// For key-deterministic strategies, ``keyRule`` is the fast path (no existential, batch
/// capable); ``makePartitioner(seed:configuration:)`` gives the full per-record behaviour.
public struct PartitionStrategy: Sendable, Hashable, Identifiable, CustomStringConvertible {
    /// What the strategy is and how it treats keys.
    public let descriptor: StrategyDescriptor
    private let factory: @Sendable (UInt64, ProducerConfiguration) -> any Partitioner

    /// An entry for the strategy type `Strategy`.
    public init<Strategy: ClientStrategy>(_ strategy: Strategy.Type) {
        descriptor = Strategy.descriptor
        factory = { seed, configuration in Strategy(seed: seed, configuration: configuration) }
    }

    /// The stable name (`java`, `librdkafka:murmur2_random`, ...).
    public var name: String { descriptor.name }
    /// The name.
    public var id: String { descriptor.name }
    /// The name.
    public var description: String { descriptor.name }
    /// The client library.
    public var client: String { descriptor.client }
    /// True when a non-null key's partition follows from the key bytes alone (see
    /// ``StrategyDescriptor/deterministicPartition(key:partitionCount:)`` for null/empty keys).
    public var isKeyDeterministic: Bool { descriptor.isKeyDeterministic }
    /// The key rule (nil when keys are ignored).
    public var keyRule: KeyHashing? { descriptor.keyRule }

    /// A fresh partitioner; its random choices are determined by `seed`.
    public func makePartitioner(seed: UInt64 = 0, configuration: ProducerConfiguration = ProducerConfiguration()) -> any Partitioner {
        factory(seed, configuration)
    }

    /// The partition of `key` when it follows from the key alone, else nil.
    public func deterministicPartition(key: UnsafeRawBufferPointer?, partitionCount: PartitionCount) -> Int32? {
        descriptor.deterministicPartition(key: key, partitionCount: partitionCount)
    }

    /// Entries are equal when their names are.
    public static func == (lhs: PartitionStrategy, rhs: PartitionStrategy) -> Bool {
        lhs.descriptor.name == rhs.descriptor.name
    }

    /// Hashes the name.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(descriptor.name)
    }
}
