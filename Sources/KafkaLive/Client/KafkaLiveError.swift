import CRdKafka

/// A librdkafka error code (`rd_kafka_resp_err_t`) with librdkafka's name for it.
package struct LibrdkafkaErrorCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The numeric `rd_kafka_resp_err_t` value (negative = client-side, positive = broker).
    package let rawValue: Int32

    /// The code with this raw value.
    package init(rawValue: Int32) { self.rawValue = rawValue }

    init(_ error: rd_kafka_resp_err_t) { rawValue = error.rawValue }

    /// librdkafka's symbolic name (`rd_kafka_err2name`), e.g. `_QUEUE_FULL`, `UNKNOWN_TOPIC_OR_PART`.
    package var name: String { String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue: rawValue))) }

    /// librdkafka's text for it (`rd_kafka_err2str`).
    package var text: String { String(cString: rd_kafka_err2str(rd_kafka_resp_err_t(rawValue: rawValue))) }

    /// The name, e.g. `_TIMED_OUT`.
    package var description: String { name }

    /// `RD_KAFKA_RESP_ERR_NO_ERROR`.
    package static let noError = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_NO_ERROR)
    /// `_QUEUE_FULL`: the producer queue is full (poll, then retry).
    package static let queueFull = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__QUEUE_FULL)
    /// `_TIMED_OUT`.
    package static let timedOut = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__TIMED_OUT)
    /// `_PARTITION_EOF`: the consumer reached the end of a partition.
    package static let partitionEOF = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__PARTITION_EOF)
    /// `_ALL_BROKERS_DOWN`: no broker of the cluster can be reached.
    package static let allBrokersDown = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
    /// `_MSG_TIMED_OUT`: a message could not be delivered within `message.timeout.ms`.
    package static let messageTimedOut = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)
}

/// Everything that can go wrong talking to Kafka through librdkafka, with librdkafka's own text.
package enum KafkaLiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `rd_kafka_conf_set` rejected a property (unknown name or invalid value).
    case configuration(property: String, message: String)
    /// `rd_kafka_new` failed.
    case handleCreation(message: String)
    /// A librdkafka call returned an error.
    case librdkafka(operation: String, code: LibrdkafkaErrorCode, message: String)
    /// A bounded wait ran out before the work was done.
    case timedOut(operation: String, milliseconds: Int)
    /// The embedded mock cluster could not be created or configured.
    case mockCluster(message: String)
    /// `topic` does not have the `asked` partitions: it has `found` (nil: it does not exist);
    /// `creation` says why creating it did not happen (it existed, or CreateTopics' error).
    case topicPartitions(topic: String, found: Int?, asked: Int, creation: String)

    /// A one-line explanation.
    package var description: String {
        switch self {
        case .configuration(let property, let message):
            "librdkafka rejected \(property): \(message)"
        case .handleCreation(let message):
            "rd_kafka_new failed: \(message)"
        case .librdkafka(let operation, let code, let message):
            "\(operation) failed: \(code.name): \(message)"
        case .timedOut(let operation, let milliseconds):
            "\(operation) did not finish within \(milliseconds) ms"
        case .mockCluster(let message):
            "mock cluster: \(message)"
        case .topicPartitions(let topic, let found?, let asked, let creation):
            "topic '\(topic)' has \(found) partitions, not the \(asked) asked (\(creation))"
        case .topicPartitions(let topic, nil, let asked, let creation):
            "topic '\(topic)' does not exist and was not created with \(asked) partitions (\(creation))"
        }
    }

    /// A `.librdkafka` error for `operation` from a response code.
    static func call(_ operation: String, _ error: rd_kafka_resp_err_t) -> KafkaLiveError {
        let code = LibrdkafkaErrorCode(error)
        return .librdkafka(operation: operation, code: code, message: code.text)
    }

    /// A `.librdkafka` error from an `rd_kafka_error_t`, which it destroys.
    static func consuming(_ operation: String, _ error: OpaquePointer) -> KafkaLiveError {
        defer { rd_kafka_error_destroy(error) }
        return .librdkafka(
            operation: operation,
            code: LibrdkafkaErrorCode(rd_kafka_error_code(error)),
            message: String(cString: rd_kafka_error_string(error))
        )
    }
}
