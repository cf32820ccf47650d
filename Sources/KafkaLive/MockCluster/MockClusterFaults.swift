import CRdKafka

/// Kafka protocol API keys the mock cluster can inject errors into.
package enum KafkaAPIKey: Int16, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Produce (0).
    case produce = 0
    /// Fetch (1).
    case fetch = 1
    /// ListOffsets (2).
    case listOffsets = 2
    /// Metadata (3).
    case metadata = 3
    /// FindCoordinator (10).
    case findCoordinator = 10
    /// InitProducerId (22): idempotent and transactional producers.
    case initProducerId = 22

    /// The protocol name, e.g. `Produce`.
    package var description: String {
        switch self {
        case .produce: "Produce"
        case .fetch: "Fetch"
        case .listOffsets: "ListOffsets"
        case .metadata: "Metadata"
        case .findCoordinator: "FindCoordinator"
        case .initProducerId: "InitProducerId"
        }
    }
}

extension MockCluster {
    /// The mock brokers' ids (1 … ``brokerCount``).
    package var brokerIDs: [Int32] { (1...Int32(brokerCount)).map { $0 } }

    /// Takes broker `id` down: its connections are closed and new ones refused until
    /// ``setBrokerUp(_:)``.
    package func setBrokerDown(_ id: Int32) throws(KafkaLiveError) {
        try withCluster("rd_kafka_mock_broker_set_down") { cluster throws(KafkaLiveError) in
            let error = rd_kafka_mock_broker_set_down(cluster, id)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("rd_kafka_mock_broker_set_down(\(id))", error) }
        }
    }

    /// Brings broker `id` back up.
    package func setBrokerUp(_ id: Int32) throws(KafkaLiveError) {
        try withCluster("rd_kafka_mock_broker_set_up") { cluster throws(KafkaLiveError) in
            let error = rd_kafka_mock_broker_set_up(cluster, id)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("rd_kafka_mock_broker_set_up(\(id))", error) }
        }
    }

    /// Makes broker `id` answer every request `milliseconds` late.
    package func setBrokerRoundTripTime(_ id: Int32, milliseconds: Int) throws(KafkaLiveError) {
        try withCluster("rd_kafka_mock_broker_set_rtt") { cluster throws(KafkaLiveError) in
            let error = rd_kafka_mock_broker_set_rtt(cluster, id, Int32(clamping: milliseconds))
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("rd_kafka_mock_broker_set_rtt(\(id))", error) }
        }
    }

    /// Makes the next `errors.count` requests of `api` (to any broker) fail, in order, with
    /// these codes (`noError` lets one request through).
    package func pushRequestErrors(_ api: KafkaAPIKey, _ errors: [LibrdkafkaErrorCode]) throws(KafkaLiveError) {
        try withCluster("rd_kafka_mock_push_request_errors_array") { cluster throws(KafkaLiveError) in
            let native = errors.map { rd_kafka_resp_err_t(rawValue: $0.rawValue) }
            native.withUnsafeBufferPointer { buffer in
                rd_kafka_mock_push_request_errors_array(cluster, api.rawValue, buffer.count, buffer.baseAddress)
            }
        }
    }

    /// Drops the errors still queued for `api`.
    package func clearRequestErrors(_ api: KafkaAPIKey) throws(KafkaLiveError) {
        try withCluster("rd_kafka_mock_clear_request_errors") { cluster throws(KafkaLiveError) in
            rd_kafka_mock_clear_request_errors(cluster, api.rawValue)
        }
    }

    /// Makes metadata report `error` for `topic` (`noError` clears it).
    package func setTopicError(_ topic: String, _ error: LibrdkafkaErrorCode) throws(KafkaLiveError) {
        try withCluster("rd_kafka_mock_topic_set_error") { cluster throws(KafkaLiveError) in
            rd_kafka_mock_topic_set_error(cluster, topic, rd_kafka_resp_err_t(rawValue: error.rawValue))
        }
    }

    /// Moves the leadership of `topic`/`partition` to broker `id`.
    package func setPartitionLeader(_ topic: String, partition: Int32, broker id: Int32) throws(KafkaLiveError) {
        try withCluster("rd_kafka_mock_partition_set_leader") { cluster throws(KafkaLiveError) in
            let error = rd_kafka_mock_partition_set_leader(cluster, topic, partition, id)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("rd_kafka_mock_partition_set_leader(\(topic) [\(partition)])", error) }
        }
    }
}

extension LibrdkafkaErrorCode {
    /// The code librdkafka names `name` (`NOT_LEADER_FOR_PARTITION`, `_MSG_TIMED_OUT`, …;
    /// case-insensitive, an `RD_KAFKA_RESP_ERR_` prefix allowed), or nil.
    package init?(name: String) {
        var wanted = name.uppercased()
        if wanted.hasPrefix("RD_KAFKA_RESP_ERR_") { wanted.removeFirst("RD_KAFKA_RESP_ERR_".count) }
        var descriptions: UnsafePointer<rd_kafka_err_desc>?
        var count = 0
        rd_kafka_get_err_descs(&descriptions, &count)
        guard let descriptions else { return nil }
        for index in 0..<count {
            let description = descriptions[index]
            guard let namePointer = description.name else { continue }
            if String(cString: namePointer) == wanted {
                self.init(rawValue: description.code.rawValue)
                return
            }
        }
        return nil
    }

    /// `NOT_LEADER_FOR_PARTITION` (6): retriable.
    package static let notLeaderForPartition = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION)
    /// `REQUEST_TIMED_OUT` (7): retriable.
    package static let requestTimedOut = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT)
    /// `NOT_ENOUGH_REPLICAS` (19): retriable.
    package static let notEnoughReplicas = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS)
    /// `MSG_SIZE_TOO_LARGE` (10): not retriable.
    package static let messageSizeTooLarge = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
    /// `TOPIC_AUTHORIZATION_FAILED` (29): not retriable.
    package static let topicAuthorizationFailed = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)
    /// `INVALID_RECORD` (87): not retriable.
    package static let invalidRecord = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_INVALID_RECORD)
    /// `_TRANSPORT`: the connection failed.
    package static let transport = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__TRANSPORT)
    /// `UNKNOWN_TOPIC_OR_PART` (3).
    package static let unknownTopicOrPartition = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
}
