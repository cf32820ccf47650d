import CRdKafka

/// librdkafka's embedded mock cluster (`rdkafka_mock.h`): real Kafka protocol on 127.0.0.1
/// ports, in this process, for tests and for running kbench without a broker.
///
/// The cluster lives on a dedicated librdkafka handle of its own, so clients can come and go;
/// ``shutdown()`` (or releasing the value) destroys the cluster, then the handle. Clients still
/// connected just see their brokers disappear.
///
/// `Sendable`: every `rd_kafka_mock_*` call used here hands an operation to the cluster's own
/// thread and waits for it (librdkafka's mock API is thread-safe), and the pointers are only
/// torn down once, under a lock.
package final class MockCluster: @unchecked Sendable {
    private let lock = NativeLock()
    private var handle: OpaquePointer?
    private var cluster: OpaquePointer?

    /// Record batches a partition keeps, at most, by size: librdkafka's mock cluster drops a
    /// partition's oldest batches past 5 MiB (`mpart->max_size`, fixed in librdkafka 2.0.2's
    /// `rdkafka_mock.c`; no API changes it).
    package static let retainedBytesPerPartition = 5 << 20
    /// Record batches a partition keeps, at most, by count (`mpart->max_cnt`, fixed).
    package static let retainedBatchesPerPartition = 100_000
    /// Partitions of a topic the mock cluster auto-creates for a client's metadata request
    /// (`defaults.partition_cnt`, fixed: no API changes it).
    package static let autoCreatedPartitions = 4
    /// The retention bound in words, for banners, help and warnings.
    package static let retentionDescription = "each partition keeps its newest 5 MiB of record batches (at most 100,000 batches; librdkafka's mock cluster, fixed); older batches are dropped"

    /// The `bootstrap.servers` value reaching every broker, e.g. `127.0.0.1:41233,127.0.0.1:…`.
    package let bootstrapServers: String
    /// The number of brokers.
    package let brokerCount: Int

    /// Starts a cluster of `brokers` brokers on 127.0.0.1.
    package init(brokers: Int = 3) throws(KafkaLiveError) {
        guard brokers >= 1 else { throw .mockCluster(message: "a cluster needs at least one broker, got \(brokers)") }
        // The owning handle never connects anywhere: keep its logs to errors.
        let conf = try KafkaConfiguration(["log_level": "3"]).makeNativeConfiguration()
        let handle = try makeNativeHandle(RD_KAFKA_PRODUCER, conf)
        guard let cluster = rd_kafka_mock_cluster_new(handle, Int32(brokers)) else {
            rd_kafka_destroy(handle)
            throw .mockCluster(message: "rd_kafka_mock_cluster_new(\(brokers)) failed")
        }
        self.handle = handle
        self.cluster = cluster
        self.brokerCount = brokers
        self.bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    deinit { shutdown() }

    /// A client configuration pointing at this cluster.
    package var clientConfiguration: KafkaConfiguration {
        KafkaConfiguration(["bootstrap.servers": bootstrapServers])
    }

    /// Creates `topic` with `partitions` partitions (replication factor ≤ brokers).
    package func createTopic(_ topic: String, partitions: Int, replicationFactor: Int = 1) throws(KafkaLiveError) {
        try withCluster("rd_kafka_mock_topic_create") { cluster throws(KafkaLiveError) in
            let error = rd_kafka_mock_topic_create(cluster, topic, Int32(partitions), Int32(replicationFactor))
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("rd_kafka_mock_topic_create(\(topic))", error) }
        }
    }

    /// Runs `body` with the live cluster pointer, under the lock (so shutdown cannot interleave).
    func withCluster<Result>(
        _ operation: String,
        _ body: (OpaquePointer) throws(KafkaLiveError) -> Result
    ) throws(KafkaLiveError) -> Result {
        try lock.withLock { () throws(KafkaLiveError) -> Result in
            guard let cluster else { throw .mockCluster(message: "\(operation) after shutdown") }
            return try body(cluster)
        }
    }

    /// Destroys the cluster and its handle; later calls fail with `.mockCluster`. Idempotent.
    package func shutdown() {
        lock.withLock {
            if let cluster { rd_kafka_mock_cluster_destroy(cluster) }
            if let handle { rd_kafka_destroy(handle) }
            cluster = nil
            handle = nil
        }
    }
}
