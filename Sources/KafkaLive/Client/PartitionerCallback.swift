import CRdKafka
import KafkaPartitioning
import Synchronization

/// A kbench strategy installed as librdkafka's partitioner
/// (`rd_kafka_topic_conf_set_partitioner_cb`): librdkafka asks it for every message without
/// an explicit partition, from the producing thread or from its own threads (when the topic's
/// metadata arrives after the message), so it only holds `Sendable`, thread-safe partitioners.
final class PartitionerCallbackContext: Sendable {
    let descriptor: StrategyDescriptor
    let partitioner: any Partitioner
    /// The validated count of the last call: a topic's count rarely changes, so a message
    /// costs one uncontended lock here, never a validation (a 64-bit division) or an allocation.
    private let lastCount: Mutex<PartitionCount?> = Mutex(nil)

    init(strategy: PartitionStrategy, seed: UInt64, configuration: ProducerConfiguration) {
        descriptor = strategy.descriptor
        partitioner = strategy.makePartitioner(seed: seed, configuration: configuration)
    }

    /// The partition for one key among librdkafka's `partitionCount`: the key rule directly
    /// when it decides, else the strategy; -1 (`RD_KAFKA_PARTITION_UA`) for a count below 1.
    func partition(key: UnsafeRawBufferPointer?, partitionCount: Int32) -> Int32 {
        guard let count = validated(partitionCount) else { return -1 }
        if let key, let partition = descriptor.deterministicPartition(key: key, partitionCount: count) {
            return partition
        }
        return partitioner.partition(key: key, partitionCount: count)
    }

    /// `count` as a ``PartitionCount`` (nil below 1), from the cache when it did not change.
    func validated(_ count: Int32) -> PartitionCount? {
        lastCount.withLock { cached in
            if let cached, cached.value == count { return cached }
            guard let fresh = try? PartitionCount(Int(count)) else { return nil }
            cached = fresh
            return fresh
        }
    }
}

/// The C partitioner: `rkt_opaque` is the retained ``PartitionerCallbackContext``.
func partitionerCallback(
    _ topic: OpaquePointer?,
    _ key: UnsafeRawPointer?,
    _ keyLength: Int,
    _ partitionCount: Int32,
    _ topicOpaque: UnsafeMutableRawPointer?,
    _ messageOpaque: UnsafeMutableRawPointer?
) -> Int32 {
    guard let topicOpaque, partitionCount > 0 else { return -1 }
    let keyBytes = key.map { UnsafeRawBufferPointer(start: $0, count: keyLength) }
    // The producer keeps the context alive while librdkafka can call: no retain per message.
    let partition = Unmanaged<PartitionerCallbackContext>.fromOpaque(topicOpaque)._withUnsafeGuaranteedRef {
        $0.partition(key: keyBytes, partitionCount: partitionCount)
    }
    // librdkafka requires an existing partition; anything else would fail the message.
    return partition >= 0 && partition < partitionCount ? partition : 0
}

/// How a producer places messages that have no explicit partition.
package enum ProducerPartitioner: Sendable, Hashable, CustomStringConvertible {
    /// librdkafka's own `partitioner` property (`consistent_random`, `murmur2`, …).
    case librdkafka(String)
    /// A kbench registry strategy called from librdkafka through a partitioner callback.
    case strategy(PartitionStrategy, seed: UInt64)

    /// librdkafka's partitioner names (the values of its `partitioner` property).
    package static let librdkafkaNames = ["random", "consistent", "consistent_random", "murmur2", "murmur2_random", "fnv1a", "fnv1a_random"]

    /// librdkafka's default, `consistent_random`.
    package static let librdkafkaDefault = ProducerPartitioner.librdkafka("consistent_random")

    /// Resolves a CLI name: a librdkafka partitioner name (bare, or as the registry's
    /// `librdkafka:NAME`) selects librdkafka's own implementation; any other registry name
    /// (`java`, `sarama:hash`, …) a callback to kbench's strategy.
    package init(name: String, seed: UInt64 = 0) throws(PartitioningError) {
        let trimmed = name.trimmingCharacters(in: " ")
        let bare = trimmed.hasPrefix("librdkafka:") ? String(trimmed.dropFirst("librdkafka:".count)) : trimmed
        if Self.librdkafkaNames.contains(bare) {
            self = .librdkafka(bare)
            return
        }
        guard let strategy = StrategyRegistry.strategy(named: trimmed) else {
            throw .unknownStrategy(trimmed, valid: Self.librdkafkaNames + StrategyRegistry.names)
        }
        self = .strategy(strategy, seed: seed)
    }

    /// The registry strategy whose predictions the delivered partitions are checked against.
    package var predictionStrategy: PartitionStrategy? {
        switch self {
        case .librdkafka(let name): StrategyRegistry.strategy(named: "librdkafka:\(name)")
        case .strategy(let strategy, _): strategy
        }
    }

    /// `librdkafka:murmur2 (librdkafka's own)` / `java (kbench callback)`.
    package var description: String {
        switch self {
        case .librdkafka(let name): "librdkafka:\(name) (librdkafka's own partitioner)"
        case .strategy(let strategy, _): "\(strategy.name) (kbench strategy via partitioner callback)"
        }
    }
}

extension String {
    /// The string without leading and trailing `character`s.
    func trimmingCharacters(in character: Character) -> String {
        var view = Substring(self)
        while view.first == character { view.removeFirst() }
        while view.last == character { view.removeLast() }
        return String(view)
    }
}
