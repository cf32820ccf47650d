import Synchronization

/// Java's `StickyPartitionCache` (KIP-480, Kafka 2.4–3.2 `DefaultPartitioner` and
/// `UniformStickyPartitioner`): one sticky partition per topic for null keys, replaced on
/// `onNewBatch(prevPartition)` only when `prevPartition` is the sticky one, by a random
/// available partition different from it.
public final class KIP480StickyCache: Sendable {
    private let sticky: Mutex<Int32?>
    private let random: RandomPartitionSource

    /// An empty cache drawing from `random`.
    public init(random: RandomPartitionSource) {
        sticky = Mutex(nil)
        self.random = random
    }

    /// `partition(topic, cluster)`: the sticky partition, chosen on first use.
    public func partition(partitionCount: PartitionCount) -> Int32 {
        sticky.withLock { current in
            if let current, current < partitionCount.value { return current }
            let chosen = random.next(below: partitionCount)
            current = chosen
            return chosen
        }
    }

    /// `nextPartition(topic, cluster, prevPartition)`: switches when `previous` is the sticky one.
    public func onNewBatch(previous: Int32, partitionCount: PartitionCount) {
        sticky.withLock { current in
            guard current == nil || current == previous else { return }
            if partitionCount.value == 1 {
                current = 0
            } else {
                current = random.next(below: partitionCount, excluding: current ?? -1)
            }
        }
    }
}
