import Synchronization

/// A thread-safe 32-bit counter that wraps like Java's `AtomicInteger` / Go's `uint32`.
public final class RoundRobinCounter: Sendable {
    private let value: Mutex<UInt32>

    /// A counter whose first `getAndIncrement()` returns `start`.
    public init(start: UInt32 = 0) {
        value = Mutex(start)
    }

    /// Returns the current value and advances by one (wrapping).
    public func getAndIncrement() -> UInt32 {
        value.withLock { current in
            defer { current &+= 1 }
            return current
        }
    }

    /// Java's round-robin partition for counter value `value`: `toPositive(value) % n`.
    @inlinable
    public static func javaPartition(_ value: UInt32, partitionCount: PartitionCount) -> Int32 {
        Int32(truncatingIfNeeded: (value & 0x7fff_ffff) % UInt32(truncatingIfNeeded: partitionCount.value))
    }
}
