/// A model of a producer's record accumulator: one open batch per partition, filled by record
/// bytes, closed when a record no longer fits or when the sender takes it after `linger.ms`.
///
/// Assumptions (the model's limits): the sender takes a batch exactly when its linger expires
/// (or at once when linger is 0), the network never backs up, every partition is available,
/// and sizes are uncompressed RecordBatch v2 sizes (``RecordSize``). Batch expiry is evaluated
/// lazily, per partition, when the partition is looked at: the result is the same as sweeping
/// every partition at every step, at O(1) per record.
public struct BatchAccumulatorModel: ProducerState, Sendable {
    /// One open batch.
    struct OpenBatch: Sendable {
        var createdAt: Int64
        var bytes: Int
        var records: Int
    }

    /// The configuration (batch size, linger).
    public let configuration: ProducerConfiguration
    /// The simulated time of the current send, in microseconds.
    public internal(set) var nowMicroseconds: Int64 = 0
    /// The current record's key length (nil: null key).
    public internal(set) var keyLength: Int?
    /// The current record's value length.
    public internal(set) var valueLength: Int = 0
    /// Batches opened so far, per partition.
    public private(set) var batchesOpened: [Int]
    private var open: [OpenBatch?]
    private let lingerMicroseconds: Int64

    /// An empty accumulator for `partitionCount` partitions.
    public init(partitionCount: PartitionCount, configuration: ProducerConfiguration) {
        self.configuration = configuration
        lingerMicroseconds = configuration.lingerMicroseconds
        open = Array(repeating: nil, count: Int(partitionCount.value))
        batchesOpened = Array(repeating: 0, count: Int(partitionCount.value))
    }

    /// Starts a send at `now` of a record with these key and value lengths.
    public mutating func beginRecord(at now: Int64, keyLength: Int?, valueLength: Int) {
        nowMicroseconds = now
        self.keyLength = keyLength
        self.valueLength = valueLength
    }

    /// The open batch of `partition` at the current time (nil once its linger expired).
    private func liveBatch(_ partition: Int32) -> OpenBatch? {
        guard partition >= 0, Int(partition) < open.count, let batch = open[Int(partition)] else { return nil }
        return nowMicroseconds - batch.createdAt >= lingerMicroseconds ? nil : batch
    }

    /// Bytes the current record adds to `batch` (or to a new batch when nil).
    private func recordBytes(in batch: OpenBatch?) -> Int {
        guard let batch else {
            return RecordSize.batchHeader
                + RecordSize.record(keyLength: keyLength, valueLength: valueLength, offsetDelta: 0, timestampDelta: 0)
        }
        let delta = (nowMicroseconds - batch.createdAt) / 1000
        return RecordSize.record(keyLength: keyLength, valueLength: valueLength, offsetDelta: batch.records, timestampDelta: delta)
    }

    /// True when the current record would open a new batch on `partition`.
    public func appendWouldCreateBatch(partition: Int32) -> Bool {
        guard let batch = liveBatch(partition) else { return true }
        return batch.bytes + recordBytes(in: batch) > configuration.batchSize
    }

    /// True when `partition` has no open batch or its batch has reached `batch.size`.
    public func allBatchesFull(partition: Int32) -> Bool {
        guard let batch = liveBatch(partition) else { return true }
        return batch.bytes >= configuration.batchSize
    }

    /// Appends the current record to `partition`; returns the bytes it added (a new batch
    /// counts its header too, as Java's `appendedBytes` does). Out-of-range partitions are
    /// ignored (0 bytes).
    @discardableResult
    public mutating func append(partition: Int32) -> Int {
        guard partition >= 0, Int(partition) < open.count else { return 0 }
        let index = Int(partition)
        if var batch = liveBatch(partition), batch.bytes + recordBytes(in: batch) <= configuration.batchSize {
            let added = recordBytes(in: batch)
            batch.bytes += added
            batch.records += 1
            open[index] = batch
            return added
        }
        let added = recordBytes(in: nil)
        open[index] = OpenBatch(createdAt: nowMicroseconds, bytes: added, records: 1)
        batchesOpened[index] += 1
        return added
    }
}
