import CRdKafka

/// The outcome of one produced message, from librdkafka's delivery-report callback.
public struct DeliveryReport: Sendable, Hashable {
    /// The id given to ``KafkaProducer/produce(_:id:blockWhenQueueFull:)`` (0 when none).
    public let messageID: UInt
    /// The topic.
    public let topic: String
    /// The partition the message went to (chosen by the partitioner when not given).
    public let partition: Int32
    /// The offset the broker assigned; negative when the message was not delivered.
    public let offset: Int64
    /// Why delivery failed; `nil` when it succeeded.
    public let error: KafkaLiveError?
    /// Microseconds from `produce` to this report (`rd_kafka_message_latency`), if known.
    public let latencyMicroseconds: Int64?

    /// Whether the broker acknowledged the message.
    public var isDelivered: Bool { error == nil }

    /// A report from librdkafka's message (valid only during the callback).
    init(_ message: rd_kafka_message_t, latency: Int64) {
        messageID = UInt(bitPattern: message._private)
        topic = message.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        partition = message.partition
        offset = message.offset
        if message.err == RD_KAFKA_RESP_ERR_NO_ERROR {
            error = nil
        } else {
            let code = LibrdkafkaErrorCode(message.err)
            error = .librdkafka(operation: "delivery", code: code, message: code.text)
        }
        latencyMicroseconds = latency >= 0 ? latency : nil
    }
}

/// What the C callbacks reach through the handle's opaque pointer.
final class DeliveryReportSink: Sendable {
    let handler: (@Sendable (DeliveryReport) -> Void)?
    let statistics: (@Sendable (String) -> Void)?

    init(handler: (@Sendable (DeliveryReport) -> Void)?, statistics: (@Sendable (String) -> Void)?) {
        self.handler = handler
        self.statistics = statistics
    }
}

/// `dr_msg_cb`: runs on the thread calling `rd_kafka_poll` / `rd_kafka_flush`.
func deliveryReportCallback(
    _ handle: OpaquePointer?,
    _ message: UnsafePointer<rd_kafka_message_t>?,
    _ opaque: UnsafeMutableRawPointer?
) {
    guard let message, let opaque else { return }
    let sink = Unmanaged<DeliveryReportSink>.fromOpaque(opaque).takeUnretainedValue()
    guard let handler = sink.handler else { return }
    handler(DeliveryReport(message.pointee, latency: rd_kafka_message_latency(message)))
}

/// `stats_cb`: librdkafka's statistics JSON (every `statistics.interval.ms`), on the polling
/// thread; returning 0 lets librdkafka free the text.
func statisticsCallback(
    _ handle: OpaquePointer?,
    _ json: UnsafeMutablePointer<CChar>?,
    _ length: Int,
    _ opaque: UnsafeMutableRawPointer?
) -> Int32 {
    guard let json, let opaque else { return 0 }
    let sink = Unmanaged<DeliveryReportSink>.fromOpaque(opaque).takeUnretainedValue()
    sink.statistics?(String(decoding: UnsafeRawBufferPointer(start: json, count: length), as: UTF8.self))
    return 0
}
