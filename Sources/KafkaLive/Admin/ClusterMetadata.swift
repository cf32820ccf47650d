import CRdKafka
import KafkaPartitioning

/// What a cluster says about itself and a topic (`rd_kafka_metadata`).
package struct ClusterMetadata: Sendable, Hashable {
    /// Broker ids and their `host:port`.
    package var brokers: [Int32: String]
    /// The topic asked about, with its partition count (nil when none was asked about).
    package var topicPartitionCount: Int?
}

/// Topic creation outcome.
package enum TopicCreation: Sendable, Hashable {
    /// The topic was created with the partitions asked for.
    case created
    /// The topic existed already (its partition count may differ).
    case alreadyExisted
}

extension KafkaProducer {
    /// Asks the cluster for its brokers (and `topic`'s partitions, creating it when the
    /// cluster auto-creates topics), retrying until `timeoutMilliseconds` passed: a cluster
    /// that cannot be reached fails within that bound with librdkafka's error
    /// (`_TRANSPORT`, `_TIMED_OUT`, …).
    package func metadata(topic: String? = nil, timeoutMilliseconds: Int) throws(KafkaLiveError) -> ClusterMetadata {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(timeoutMilliseconds))
        let topicHandle = try topic.map { (name) throws(KafkaLiveError) -> ProducerTopic in try self.topic(name) }
        var lastError: KafkaLiveError = .timedOut(operation: "metadata request", milliseconds: timeoutMilliseconds)
        while true {
            let left = Swift.max(1, milliseconds(clock.now.duration(to: deadline)))
            var pointer: UnsafePointer<rd_kafka_metadata>?
            let error = rd_kafka_metadata(handle, 0, topicHandle?.pointer, &pointer, Int32(clamping: Swift.min(left, 5_000)))
            if error == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata = pointer?.pointee {
                defer { rd_kafka_metadata_destroy(pointer) }
                var brokers: [Int32: String] = [:]
                for index in 0..<Int(metadata.broker_cnt) {
                    let broker = metadata.brokers[index]
                    brokers[broker.id] = "\(String(cString: broker.host)):\(broker.port)"
                }
                guard let topic else { return ClusterMetadata(brokers: brokers, topicPartitionCount: nil) }
                var topicError = RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART
                var partitions = 0
                for index in 0..<Int(metadata.topic_cnt) where String(cString: metadata.topics[index].topic) == topic {
                    topicError = metadata.topics[index].err
                    partitions = Int(metadata.topics[index].partition_cnt)
                }
                if topicError == RD_KAFKA_RESP_ERR_NO_ERROR, partitions > 0 {
                    return ClusterMetadata(brokers: brokers, topicPartitionCount: partitions)
                }
                lastError = .call("metadata for topic \(topic)", topicError)
            } else if error == RD_KAFKA_RESP_ERR__TRANSPORT || error == RD_KAFKA_RESP_ERR__TIMED_OUT
                || error == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN {
                lastError = .call("no answer from \(bootstrapDescription) within \(timeoutMilliseconds) ms: metadata request", error)
            } else {
                lastError = .call("metadata request to \(bootstrapDescription)", error)
            }
            if clock.now >= deadline { throw lastError }
            // Leader elections and auto-creation take a moment: ask again shortly.
            rd_kafka_poll(handle, 100)
        }
    }

    private var bootstrapDescription: String { "the cluster" }

    /// Every topic the cluster knows with its partition count (no topic is auto-created).
    package func topics(timeoutMilliseconds: Int) throws(KafkaLiveError) -> [String: Int] {
        var pointer: UnsafePointer<rd_kafka_metadata>?
        let error = rd_kafka_metadata(handle, 1, nil, &pointer, Int32(clamping: timeoutMilliseconds))
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata = pointer?.pointee else {
            throw .call("metadata request to \(bootstrapDescription)", error)
        }
        defer { rd_kafka_metadata_destroy(pointer) }
        var result: [String: Int] = [:]
        for index in 0..<Int(metadata.topic_cnt) where metadata.topics[index].err == RD_KAFKA_RESP_ERR_NO_ERROR {
            result[String(cString: metadata.topics[index].topic)] = Int(metadata.topics[index].partition_cnt)
        }
        return result
    }

    /// The low and high watermarks of `topic`/`partition` (first offset, and the offset the
    /// next message will get), asked of the partition's leader.
    package func watermarks(topic: String, partition: Int32, timeoutMilliseconds: Int) throws(KafkaLiveError) -> (low: Int64, high: Int64) {
        var low: Int64 = -1
        var high: Int64 = -1
        let error = rd_kafka_query_watermark_offsets(handle, topic, partition, &low, &high, Int32(clamping: timeoutMilliseconds))
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("watermarks of \(topic) [\(partition)]", error) }
        return (low, high)
    }

    /// The controller broker's id, or nil when the cluster names none (librdkafka's mock
    /// cluster, which cannot serve CreateTopics).
    package func controllerID(timeoutMilliseconds: Int) -> Int32? {
        let id = rd_kafka_controllerid(handle, Int32(clamping: timeoutMilliseconds))
        return id >= 0 ? id : nil
    }

    /// Makes sure `topic` exists, creating it with `partitions` when it does not: on the
    /// embedded `mockCluster` directly, else through the Admin API when the cluster has a
    /// controller, else by auto-creation. Returns a note when the topic could not be created
    /// as asked (the topic may still exist with the cluster's defaults).
    package func ensureTopic(
        _ topic: String, partitions: Int, mockCluster: MockCluster?, timeoutMilliseconds: Int
    ) throws(KafkaLiveError) -> String? {
        guard try topics(timeoutMilliseconds: timeoutMilliseconds)[topic] == nil else { return nil }
        if let mockCluster {
            try mockCluster.createTopic(topic, partitions: partitions)
            return nil
        }
        let autoCreated = "\(topic) is auto-created with the cluster's default partition count (on a `kbench broker`, create topics with --topic NAME:PARTITIONS)"
        if createTopicsUnavailable.withLock({ $0 }) { return "CreateTopics is not served here: " + autoCreated }
        do {
            // A cluster without a controller (librdkafka's mock) never answers: keep the wait short.
            _ = try createTopic(topic, partitions: partitions, timeoutMilliseconds: Swift.min(timeoutMilliseconds, 2_000))
            return nil
        } catch {
            createTopicsUnavailable.withLock { $0 = true }
            return "could not create \(topic) with \(partitions) partitions (\(error)); " + autoCreated
        }
    }

    /// Creates `topic` through the Admin API (CreateTopics), waiting at most
    /// `timeoutMilliseconds`. An existing topic is not an error (``TopicCreation/alreadyExisted``).
    package func createTopic(
        _ topic: String, partitions: Int, replicationFactor: Int = -1, timeoutMilliseconds: Int
    ) throws(KafkaLiveError) -> TopicCreation {
        var errorText = [CChar](repeating: 0, count: 512)
        guard let newTopic = rd_kafka_NewTopic_new(topic, Int32(clamping: partitions), Int32(clamping: replicationFactor), &errorText, errorText.count) else {
            throw .configuration(property: "topic \(topic)", message: cText(errorText))
        }
        defer { rd_kafka_NewTopic_destroy(newTopic) }
        guard let queue = rd_kafka_queue_new(handle) else { throw .handleCreation(message: "rd_kafka_queue_new returned NULL") }
        defer { rd_kafka_queue_destroy(queue) }
        let options = rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, Int32(clamping: timeoutMilliseconds), &errorText, errorText.count)
        _ = rd_kafka_AdminOptions_set_operation_timeout(options, Int32(clamping: timeoutMilliseconds), &errorText, errorText.count)
        var topics: [OpaquePointer?] = [newTopic]
        rd_kafka_CreateTopics(handle, &topics, 1, options, queue)
        guard let event = rd_kafka_queue_poll(queue, Int32(clamping: timeoutMilliseconds + 1_000)) else {
            throw .timedOut(operation: "CreateTopics(\(topic))", milliseconds: timeoutMilliseconds)
        }
        defer { rd_kafka_event_destroy(event) }
        let eventError = rd_kafka_event_error(event)
        guard eventError == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let message = rd_kafka_event_error_string(event).map { String(cString: $0) } ?? LibrdkafkaErrorCode(eventError).text
            throw .librdkafka(operation: "CreateTopics(\(topic))", code: LibrdkafkaErrorCode(eventError), message: message)
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else {
            throw .librdkafka(operation: "CreateTopics(\(topic))", code: LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__FAIL), message: "unexpected admin event")
        }
        var count = 0
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count), count > 0, let first = results[0] else {
            throw .librdkafka(operation: "CreateTopics(\(topic))", code: LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__FAIL), message: "no topic result")
        }
        let error = rd_kafka_topic_result_error(first)
        switch error {
        case RD_KAFKA_RESP_ERR_NO_ERROR: return .created
        case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS: return .alreadyExisted
        default:
            let message = rd_kafka_topic_result_error_string(first).map { String(cString: $0) } ?? LibrdkafkaErrorCode(error).text
            throw .librdkafka(operation: "CreateTopics(\(topic))", code: LibrdkafkaErrorCode(error), message: message)
        }
    }
}

/// Whole milliseconds of a duration (saturating).
package func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    let (product, overflow) = Int(seconds).multipliedReportingOverflow(by: 1000)
    if overflow { return seconds < 0 ? Int.min : Int.max }
    return product &+ Int(attoseconds / 1_000_000_000_000_000)
}

extension ProducerConfiguration {
    /// The simulation settings matching librdkafka `properties` (`batch.size`, `linger.ms` /
    /// `queue.buffering.max.ms`, `sticky.partitioning.linger.ms`), librdkafka's defaults
    /// otherwise.
    package static func from(_ configuration: KafkaConfiguration) -> ProducerConfiguration {
        let linger = (configuration["linger.ms"] ?? configuration["queue.buffering.max.ms"]).flatMap(Double.init) ?? 5
        let sticky = configuration["sticky.partitioning.linger.ms"].flatMap(Double.init) ?? 2 * linger
        let batch = configuration["batch.size"].flatMap(Int.init) ?? 1_000_000
        return ProducerConfiguration(batchSize: batch, lingerMilliseconds: linger, stickyPartitioningLingerMilliseconds: sticky)
    }
}
