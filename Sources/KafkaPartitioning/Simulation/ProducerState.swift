#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a producer knows while it partitions one record: the clock, the record's value size
/// and its open batches. Stateful partitioners consult it the way their client does (Java's
/// `abortOnNewBatch` retry, KIP-794's `allBatchesFull`, librdkafka's sticky interval).
public protocol ProducerState {
    /// The time of this send call, in microseconds (any fixed origin).
    var nowMicroseconds: Int64 { get }
    /// The length of the current record's value (0 for a null value).
    var valueLength: Int { get }
    /// True when appending the current record to `partition` would open a new batch (no open
    /// batch there, its linger expired, or the record does not fit): Java `abortForNewBatch`.
    func appendWouldCreateBatch(partition: Int32) -> Bool
    /// True when `partition` has no open batch, or its last batch is full: Java
    /// `RecordAccumulator.allBatchesFull`.
    func allBatchesFull(partition: Int32) -> Bool
}

/// The producer as seen from outside a simulation (a live partitioner callback, a one-off
/// question): no batches are kept, so every record would open a new batch (as with
/// `linger.ms=0` and an idle sender), and the clock is the real monotonic clock.
public struct UnbatchedProducerState: ProducerState, Sendable {
    /// The length of the record's value.
    public var valueLength: Int

    /// A state for a record whose value has `valueLength` bytes.
    public init(valueLength: Int = 0) {
        self.valueLength = valueLength
    }

    /// Microseconds of the monotonic clock.
    public var nowMicroseconds: Int64 {
        let (seconds, attoseconds) = Self.origin.duration(to: .now).components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    /// Always true: nothing is batched.
    public func appendWouldCreateBatch(partition: Int32) -> Bool { true }

    /// Always true: nothing is batched.
    public func allBatchesFull(partition: Int32) -> Bool { true }

    private static let origin = ContinuousClock.now
}
