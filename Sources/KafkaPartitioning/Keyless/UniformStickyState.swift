import Synchronization

/// Java's `BuiltInPartitioner` (KIP-794, Kafka 3.3+): null-key records stay on one partition
/// until `batch.size` bytes were produced to it and its batches are full, or `2 × batch.size`
/// bytes in any case; the next partition is a uniform random one (it may repeat). Adaptive
/// (queue-weighted) choice is not modelled: with equal queues it is uniform.
public final class UniformStickyState: Sendable {
    private struct State {
        var partition: Int32?
        var producedBytes = 0
    }

    private let state = Mutex(State())
    private let random: RandomPartitionSource
    private let stickyBatchSize: Int

    /// A state switching after `stickyBatchSize` bytes (Java: `batch.size`).
    public init(stickyBatchSize: Int, random: RandomPartitionSource) {
        self.stickyBatchSize = max(1, stickyBatchSize)
        self.random = random
    }

    /// `peekCurrentPartitionInfo`: the current sticky partition, chosen on first use.
    public func currentPartition(partitionCount: PartitionCount) -> Int32 {
        state.withLock { state in
            if let partition = state.partition, partition < partitionCount.value { return partition }
            let chosen = random.next(below: partitionCount)
            state = State(partition: chosen, producedBytes: 0)
            return chosen
        }
    }

    /// `updatePartitionInfo`: counts `appendedBytes`, switches when enough was produced.
    public func update(appendedBytes: Int, enableSwitch: Bool, partitionCount: PartitionCount) {
        state.withLock { state in
            state.producedBytes += appendedBytes
            if (state.producedBytes >= stickyBatchSize && enableSwitch) || state.producedBytes >= 2 * stickyBatchSize {
                state = State(partition: random.next(below: partitionCount), producedBytes: 0)
            }
        }
    }
}
