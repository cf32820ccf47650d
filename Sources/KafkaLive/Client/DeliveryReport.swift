import CRdKafka

/// The outcome of one produced message, from librdkafka's delivery-report callback.
package struct DeliveryReport: Sendable, Hashable {
    /// The id given to ``KafkaProducer/produce(_:id:blockWhenQueueFull:)`` (0 when none).
    package let messageID: UInt
    /// The topic.
    package let topic: String
    /// The partition the message went to (chosen by the partitioner when not given).
    package let partition: Int32
    /// The offset the broker assigned; negative when the message was not delivered.
    package let offset: Int64
    /// Why delivery failed; `nil` when it succeeded.
    package let error: KafkaLiveError?
    /// Microseconds from `produce` to this report (`rd_kafka_message_latency`), if known.
    package let latencyMicroseconds: Int64?

    /// Whether the broker acknowledged the message.
    package var isDelivered: Bool { error == nil }

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

/// One delivery report as librdkafka hands it over, read in place: every property is one
/// load from librdkafka's message (nothing is copied or computed until asked for), what a
/// high-rate producer (``ProduceBenchmark``) reads for every message. Valid only during the
/// callback, like the key bytes it lends.
package struct DeliveryEvent {
    let message: UnsafePointer<rd_kafka_message_t>

    init(_ message: UnsafePointer<rd_kafka_message_t>) {
        self.message = message
    }

    /// The id given when producing (librdkafka's per-message opaque).
    package var messageID: UInt { UInt(bitPattern: message.pointee._private) }
    /// The partition the message went to (or was meant for, when it failed).
    package var partition: Int32 { message.pointee.partition }
    /// The offset the broker assigned (negative when not delivered).
    package var offset: Int64 { message.pointee.offset }
    /// `noError` when delivered, else librdkafka's error code.
    package var error: LibrdkafkaErrorCode { LibrdkafkaErrorCode(rawValue: message.pointee.err.rawValue) }
    /// Whether the broker acknowledged the message.
    package var isDelivered: Bool { message.pointee.err.rawValue == 0 }
    /// Microseconds from enqueueing to now (`rd_kafka_message_latency`: one clock read), if known.
    package var latencyMicroseconds: Int64? {
        let latency = rd_kafka_message_latency(message)
        return latency >= 0 ? latency : nil
    }
    /// The key bytes (nil for a null key), valid only during the callback.
    package var key: UnsafeRawBufferPointer? {
        message.pointee.key.map { UnsafeRawBufferPointer(start: $0, count: message.pointee.key_len) }
    }
    /// The value bytes (nil for a null value), valid only during the callback: librdkafka's
    /// copy when the message was produced with `RD_KAFKA_MSG_F_COPY`, else the producer's.
    package var value: UnsafeRawBufferPointer? {
        message.pointee.payload.map { UnsafeRawBufferPointer(start: $0, count: message.pointee.len) }
    }
    /// The value length (0 for a null value).
    package var valueLength: Int { message.pointee.payload == nil ? 0 : message.pointee.len }
    /// The topic's name (allocates a String).
    package var topicName: String { message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "" }
}

/// Receives every delivery report in place, without copies: the allocation-free path for
/// high rates. Called on the thread that polls or flushes the producer.
package protocol DeliveryEventReceiver: AnyObject, Sendable {
    /// One delivery report (its key pointer is valid only during the call).
    func receive(_ event: DeliveryEvent)
}

/// What the C callbacks reach through the handle's opaque pointer.
final class DeliveryReportSink: Sendable {
    let handler: (@Sendable (DeliveryReport) -> Void)?
    /// Kept alive by the sink; read through the guaranteed sink (no retain per report).
    let receiver: (any DeliveryEventReceiver)?
    let statistics: (@Sendable (String) -> Void)?
    let errors: (@Sendable (KafkaLiveError) -> Void)?

    init(
        handler: (@Sendable (DeliveryReport) -> Void)?,
        receiver: (any DeliveryEventReceiver)? = nil,
        statistics: (@Sendable (String) -> Void)?,
        errors: (@Sendable (KafkaLiveError) -> Void)? = nil
    ) {
        self.handler = handler
        self.receiver = receiver
        self.statistics = statistics
        self.errors = errors
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
        sink.receiver?.receive(DeliveryEvent(message))
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

/// `error_cb`: librdkafka's client-level errors (`_TRANSPORT`, `_ALL_BROKERS_DOWN`, fatal
/// errors, …), on the polling thread, as `.librdkafka(operation: "client", …)`.
func clientErrorCallback(
    _ handle: OpaquePointer?,
    _ code: Int32,
    _ reason: UnsafePointer<CChar>?,
    _ opaque: UnsafeMutableRawPointer?
) {
    guard let opaque else { return }
    let sink = Unmanaged<DeliveryReportSink>.fromOpaque(opaque).takeUnretainedValue()
    let errorCode = LibrdkafkaErrorCode(rawValue: code)
    sink.errors?(.librdkafka(operation: "client", code: errorCode, message: reason.map { String(cString: $0) } ?? errorCode.text))
}
