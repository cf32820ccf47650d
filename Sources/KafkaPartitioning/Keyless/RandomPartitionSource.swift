import Synchronization

/// A thread-safe, seeded source of random partitions (one lock per draw).
///
/// Clients draw with different formulas (Java `toPositive(nextInt()) % n`, Go `rand.Intn(n)`,
/// Python `random.choice`); their generators cannot be reproduced, so every draw here is a
/// uniform choice from ``SeededRandom``: the distribution matches, the exact sequence is
/// kbench's own and fixed by the seed.
public final class RandomPartitionSource: Sendable {
    private let random: Mutex<SeededRandom>

    /// A source whose draws are determined by `seed`.
    public init(seed: UInt64) {
        random = Mutex(SeededRandom(seed: seed))
    }

    /// A uniformly random partition in `0 ..< partitionCount` (0 when the count is 1).
    public func next(below partitionCount: PartitionCount) -> Int32 {
        random.withLock { $0.next(below: partitionCount.value) }
    }

    /// A uniformly random partition different from `excluded` when `partitionCount > 1`
    /// (Java KIP-480's loop: draw until different).
    public func next(below partitionCount: PartitionCount, excluding excluded: Int32) -> Int32 {
        random.withLock { random in
            guard partitionCount.value > 1 else { return 0 }
            while true {
                let candidate = random.next(below: partitionCount.value)
                if candidate != excluded { return candidate }
            }
        }
    }

    /// 32 random bits (for counters seeded randomly, like KafkaJS's round robin).
    public func nextUInt32() -> UInt32 {
        random.withLock { UInt32(truncatingIfNeeded: $0.next()) }
    }
}
