import Synchronization

/// librdkafka's `rd_kafka_msg_sticky_partition`: null-key records (and, for
/// `consistent_random`, empty keys) go to one random partition that is re-drawn once
/// `sticky.partitioning.linger.ms` has passed since the last draw (`rd_interval`). The new
/// draw is uniform and may repeat the old partition.
public final class LibrdkafkaStickyState: Sendable {
    private struct State {
        var partition: Int32 = 0
        var lastDraw: Int64?
    }

    private let state = Mutex(State())
    private let random: RandomPartitionSource
    private let intervalMicroseconds: Int64

    /// A sticky state with the given interval (microseconds; 0 draws for every record).
    public init(intervalMicroseconds: Int64, random: RandomPartitionSource) {
        self.intervalMicroseconds = max(0, intervalMicroseconds)
        self.random = random
    }

    /// The sticky partition at time `now` (microseconds).
    public func partition(now: Int64, partitionCount: PartitionCount) -> Int32 {
        if intervalMicroseconds == 0 { return random.next(below: partitionCount) }
        return state.withLock { state in
            let expired = state.lastDraw.map { now - ($0 + intervalMicroseconds) > 0 } ?? true
            if expired || state.partition >= partitionCount.value {
                state.partition = random.next(below: partitionCount)
                state.lastDraw = now
            }
            return state.partition
        }
    }
}
