import KafkaLive
import KafkaPartitioning

/// kbench's prediction of a message's partition under the run's strategy, made in the sending
/// loop while the key bytes are hot and carried to the delivery report in librdkafka's
/// per-message opaque as a ``tag`` (see ``MessageStamp``): the report is then checked with one
/// comparison, without hashing the (by then cold) key again.
///
/// Tags: 0 = not predictable per record (null keys under sticky or random strategies, empty
/// keys treated like null, keyless strategies); `p + 1` = partition `p` predicted.
struct PartitionPredictor: Sendable {
    // The strategy, unpacked into plain values (no reference counting per key).
    private let rule: KeyHashing?
    private let nullKeysHashed: Bool
    private let emptyKeysLikeNull: Bool
    /// The topic's count (nil for a topic without partitions: nothing is predictable).
    private let partitionCount: PartitionCount?

    /// The tag of a message whose partition is not predictable.
    static let unpredictable: UInt = 0

    /// Predictions of `strategy` (nil: none) among `partitionCount` partitions.
    init(strategy: PartitionStrategy?, partitionCount: Int) {
        rule = strategy?.keyRule
        nullKeysHashed = strategy?.descriptor.keyless == .hashedAsEmpty
        emptyKeysLikeNull = strategy?.descriptor.emptyKey == .likeNullKey
        self.partitionCount = try? PartitionCount(Int(Int32(clamping: partitionCount)))
    }

    /// The strategy's partition for `key` (nil = a null key) when the key alone decides it.
    func partition(for key: UnsafeRawBufferPointer?) -> Int32? {
        guard let rule, let partitionCount else { return nil }
        guard let key else {
            return nullKeysHashed ? rule.partition(UnsafeRawBufferPointer(start: nil, count: 0), partitionCount: partitionCount) : nil
        }
        if key.isEmpty && emptyKeysLikeNull { return nil }
        return rule.partition(key, partitionCount: partitionCount)
    }

    /// ``partition(for:)`` as a tag (partitions beyond what a ``MessageStamp`` carries count
    /// as not predictable).
    func tag(for key: UnsafeRawBufferPointer?) -> UInt {
        guard let partition = partition(for: key), partition >= 0, UInt(partition) &+ 1 < MessageStamp.tagLimit else {
            return Self.unpredictable
        }
        return UInt(partition) &+ 1
    }

    /// The partition a tag predicts (nil: not predictable).
    @inline(__always)
    static func predictedPartition(tag: UInt) -> Int32? {
        tag == unpredictable ? nil : Int32(truncatingIfNeeded: tag &- 1)
    }
}
