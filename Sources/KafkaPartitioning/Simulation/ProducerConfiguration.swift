/// The producer settings that shape stateful partitioning, with each client's defaults.
public struct ProducerConfiguration: Sendable, Hashable, Codable {
    /// `batch.size` in bytes (Java and librdkafka default 16384). KIP-794's uniform sticky
    /// partitioner switches after this many bytes.
    public var batchSize: Int
    /// `linger.ms`: how long a batch waits for more records before the sender takes it
    /// (librdkafka default 5; Java 5 since Kafka 4.0, 0 before).
    public var lingerMilliseconds: Double
    /// librdkafka `sticky.partitioning.linger.ms`: how long a null-key sticky partition is kept
    /// (default 10, i.e. 2 × linger.ms). 0 disables stickiness: one random partition per record.
    public var stickyPartitioningLingerMilliseconds: Double
    /// Which Java producer the `java:round-robin` strategy reproduces.
    public var javaRoundRobinModel: JavaRoundRobinModel
    /// franz-go `UniformBytesPartitioner` switch size for null keys (its default: 64 KiB).
    public var franzGoUniformBytes: Int

    /// Each client's defaults, overridable one by one.
    public init(
        batchSize: Int = 16384,
        lingerMilliseconds: Double = 5,
        stickyPartitioningLingerMilliseconds: Double = 10,
        javaRoundRobinModel: JavaRoundRobinModel = .kafka39OrLater,
        franzGoUniformBytes: Int = 64 * 1024
    ) {
        self.batchSize = max(1, batchSize)
        self.lingerMilliseconds = max(0, lingerMilliseconds)
        self.stickyPartitioningLingerMilliseconds = max(0, stickyPartitioningLingerMilliseconds)
        self.javaRoundRobinModel = javaRoundRobinModel
        self.franzGoUniformBytes = max(1, franzGoUniformBytes)
    }

    /// `linger.ms` in microseconds.
    var lingerMicroseconds: Int64 { Int64((lingerMilliseconds * 1000).rounded()) }
    /// `sticky.partitioning.linger.ms` in microseconds.
    var stickyLingerMicroseconds: Int64 { Int64((stickyPartitioningLingerMilliseconds * 1000).rounded()) }
}

/// Java's `RoundRobinPartitioner` before and after the KAFKA-9965 fix.
public enum JavaRoundRobinModel: String, Sendable, Hashable, CaseIterable, Codable {
    /// Kafka 2.4 to 3.8 (KIP-480's abort-on-new-batch retry, before the fix): when a record
    /// would open a new batch the producer calls `onNewBatch` then `partition()` again, and the
    /// counter advances twice (KAFKA-9965). (Before 2.4 there was no retry: use `3.9+`.)
    /// With an even partition count and every record opening a batch, only every other
    /// partition receives data.
    case beforeKafka39 = "before-3.9"
    /// Kafka 3.9 and later (KAFKA-17632): the partitioner remembers the partition it gave
    /// before `onNewBatch` and returns it again, one counter step per record.
    case kafka39OrLater = "3.9+"
}
