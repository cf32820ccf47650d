import CRdKafka

extension MockCluster {
    /// The mock brokers' ports on 127.0.0.1, in ``bootstrapServers`` order.
    package var brokerPorts: [Int32] {
        bootstrapServers.split(separator: ",").compactMap { server in
            server.split(separator: ":").last.flatMap { Int32($0) }
        }
    }

    /// Starts a ``MetadataRelay`` in front of this cluster's brokers through which topics
    /// clients auto-create get `partitions` partitions (and `replicationFactor` replicas):
    /// every topic a Metadata request names is created so before the mock cluster sees the
    /// request (it would otherwise auto-create it with its fixed ``autoCreatedPartitions``).
    package func startAutoCreateRelay(partitions: Int, replicationFactor: Int) throws(KafkaLiveError) -> MetadataRelay {
        try MetadataRelay(brokerPorts: brokerPorts) { [weak self] topics in
            for topic in topics { self?.createTopicIfMissing(topic, partitions: partitions, replicationFactor: replicationFactor) }
        }
    }

    /// Creates `topic` unless it exists; a name librdkafka cannot take (empty, with a NUL) or a
    /// cluster shut down is left to the mock cluster's own handling of the request.
    func createTopicIfMissing(_ topic: String, partitions: Int, replicationFactor: Int) {
        guard !topic.isEmpty, !topic.utf8.contains(0) else { return }
        _ = try? withCluster("rd_kafka_mock_topic_create") { cluster throws(KafkaLiveError) in
            // RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS: it exists, with whatever count it has.
            rd_kafka_mock_topic_create(cluster, topic, Int32(partitions), Int32(replicationFactor))
        }
    }
}
