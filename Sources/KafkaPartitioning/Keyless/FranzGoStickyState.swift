import Synchronization

/// franz-go's `stickyTopicPartitioner` (`StickyPartitioner`, and `StickyKeyPartitioner` for
/// nil keys): keeps one partition until `OnNewBatch`, then draws `rng.Intn(n)` and, when that
/// equals the previous partition, takes the next one (`(p + 1) % n`).
public final class FranzGoStickyState: Sendable {
    private struct State {
        var last: Int32 = -1
        var current: Int32 = -1
    }

    private let state = Mutex(State())
    private let random: RandomPartitionSource

    /// A state drawing from `random`.
    public init(random: RandomPartitionSource) {
        self.random = random
    }

    /// `Partition`: the current partition, drawn when unset or out of range.
    public func partition(partitionCount: PartitionCount) -> Int32 {
        state.withLock { state in
            if state.current == -1 || state.current >= partitionCount.value {
                var pick = random.next(below: partitionCount)
                if pick == state.last { pick = (pick + 1) % partitionCount.value }
                state.current = pick
            }
            return state.current
        }
    }

    /// `OnNewBatch`: forget the current partition, remember it as the last one.
    public func onNewBatch() {
        state.withLock { state in
            state.last = state.current
            state.current = -1
        }
    }
}

/// franz-go's `UniformBytesPartitioner` for nil keys (franz-go's default partitioner since
/// v1.11, with 64 KiB): stays on a partition until `bytes` of records were partitioned, counted
/// with franz-go's own record-length estimate, then draws uniformly (it may repeat). The
/// adaptive (backlog-weighted) choice equals a uniform draw when backlogs are equal.
public final class FranzGoUniformBytesState: Sendable {
    private struct State {
        var bytes = 0
        var current: Int32 = -1
    }

    private let state = Mutex(State())
    private let random: RandomPartitionSource
    private let limit: Int

    /// A state switching after `limit` bytes.
    public init(limit: Int, random: RandomPartitionSource) {
        self.limit = max(1, limit)
        self.random = random
    }

    /// The partition for a nil-key record of `recordLength` estimated bytes.
    public func partition(recordLength: Int, partitionCount: PartitionCount) -> Int32 {
        state.withLock { state in
            state.bytes += recordLength
            if state.bytes >= limit {
                state.bytes = recordLength
                state.current = -1
            }
            if state.current >= 0 && state.current < partitionCount.value { return state.current }
            state.current = random.next(below: partitionCount)
            return state.current
        }
    }

    /// franz-go's estimate for a record without headers: attributes, timestamp and offset
    /// deltas (1 byte each), key and value with varint lengths, and the header count.
    public static func recordLength(keyLength: Int, valueLength: Int) -> Int {
        3 + RecordSize.varintSize(Int64(keyLength)) + keyLength
            + RecordSize.varintSize(Int64(valueLength)) + valueLength + 1
    }
}
