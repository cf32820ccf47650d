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

    /// A report from a delivery event (copies what the event borrows).
    init(_ event: DeliveryEvent) {
        messageID = event.messageID
        topic = event.topicName
        partition = event.partition
        offset = event.offset
        if event.error == .noError {
            error = nil
        } else {
            error = .librdkafka(operation: "delivery", code: event.error, message: event.error.text)
        }
        latencyMicroseconds = event.latencyMicroseconds
    }
}

/// One delivery report as librdkafka hands it over, without copying anything: what a
/// high-rate producer (``ProduceBenchmark``) reads for every message. The key pointer is only
/// valid during the callback.
public struct DeliveryEvent {
    /// The id given when producing.
    public let messageID: UInt
    /// The partition the message went to (or was meant for, when it failed).
    public let partition: Int32
    /// The offset the broker assigned (negative when not delivered).
    public let offset: Int64
    /// `noError` when delivered, else librdkafka's error code.
    public let error: LibrdkafkaErrorCode
    /// Microseconds from enqueueing to now (`rd_kafka_message_latency`), if known.
    public let latencyMicroseconds: Int64?
    /// The key bytes (nil for a null key), valid only during the callback.
    public let key: UnsafeRawBufferPointer?
    /// The value length (0 for a null value).
    public let valueLength: Int
    let topicHandle: OpaquePointer?

    /// Whether the broker acknowledged the message.
    public var isDelivered: Bool { error == .noError }

    /// The topic's name (allocates a String).
    public var topicName: String { topicHandle.map { String(cString: rd_kafka_topic_name($0)) } ?? "" }

    init(_ message: UnsafePointer<rd_kafka_message_t>) {
        let native = message.pointee
        messageID = UInt(bitPattern: native._private)
        partition = native.partition
        offset = native.offset
        error = LibrdkafkaErrorCode(native.err)
        let latency = rd_kafka_message_latency(message)
        latencyMicroseconds = latency >= 0 ? latency : nil
        key = native.key.map { UnsafeRawBufferPointer(start: $0, count: native.key_len) }
        valueLength = native.payload == nil ? 0 : native.len
        topicHandle = native.rkt
    }
}

/// Receives every delivery report in place, without copies: the allocation-free path for
/// high rates. Called on the thread that polls or flushes the producer.
public protocol DeliveryEventReceiver: AnyObject, Sendable {
    /// One delivery report (its key pointer is valid only during the call).
    func receive(_ event: DeliveryEvent)
}

/// What the C callbacks reach through the handle's opaque pointer.
final class DeliveryReportSink: Sendable {
    let handler: (@Sendable (DeliveryReport) -> Void)?
    /// Keeps the receiver alive; the callback reads ``unretainedReceiver`` (no retain per report).
    let receiver: (any DeliveryEventReceiver)?
    unowned(unsafe) let unretainedReceiver: (any DeliveryEventReceiver)?
    let statistics: (@Sendable (String) -> Void)?

    init(
        handler: (@Sendable (DeliveryReport) -> Void)?,
        receiver: (any DeliveryEventReceiver)? = nil,
        statistics: (@Sendable (String) -> Void)?
    ) {
        self.handler = handler
        self.receiver = receiver
        self.unretainedReceiver = receiver
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
    // The producer keeps the sink alive for as long as callbacks can run: no retain needed.
    Unmanaged<DeliveryReportSink>.fromOpaque(opaque)._withUnsafeGuaranteedRef { sink in
        sink.unretainedReceiver?.receive(DeliveryEvent(message))
        if let handler = sink.handler { handler(DeliveryReport(DeliveryEvent(message))) }
    }
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
