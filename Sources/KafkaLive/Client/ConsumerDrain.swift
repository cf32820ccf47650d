import CRdKafka

/// Reads a ``KafkaConsumer``'s messages in batches without copying them: every message that
/// is ready is handed over in one call, and a call waits only while none is (for the first
/// one). Made for readers that must keep up with a producer benchmark
/// (`kbench produce --end-to-end`) and time each batch once.
///
/// `rd_kafka_consume_batch_queue` alone would not do: with a timeout it waits until the batch
/// is full or the timeout passes (librdkafka 2.0.2's `rd_kafka_q_serve_rkmessages`), holding
/// back messages that arrived at the start. So the drain asks it with no timeout and, when
/// nothing is ready, waits in `rd_kafka_consumer_poll` for one message (which returns as soon
/// as one arrives) and then takes what else is ready.
///
/// Owns the consumer: ``close()`` drops the queue reference librdkafka needs released before
/// the consumer is destroyed, then closes it. Use from one thread at a time.
package final class ConsumerDrain {
    /// Messages handed over per call, at most.
    package static let capacity = 1024

    private let consumer: KafkaConsumer
    private var queue: OpaquePointer?
    private let messages: UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>

    /// A drain of `consumer` (assign its partitions first or later; either works).
    package init(_ consumer: KafkaConsumer) throws(KafkaLiveError) {
        self.consumer = consumer
        queue = rd_kafka_queue_get_consumer(try consumer.liveHandle("rd_kafka_queue_get_consumer"))
        messages = .allocate(capacity: Self.capacity)
    }

    deinit {
        try? close()
        messages.deallocate()
    }

    /// Hands every ready message to `message` and every consumer error (a message carrying an
    /// error, partition ends excluded) to `error`, waiting up to `waitMilliseconds` for the
    /// first when none is ready. Returns how many messages and errors were handed over.
    @discardableResult
    package func next(
        waitMilliseconds: Int, message: (ConsumedMessage) -> Void, error: (LibrdkafkaErrorCode) -> Void
    ) throws(KafkaLiveError) -> Int {
        let handle = try consumer.liveHandle("rd_kafka_consume_batch_queue")
        guard let queue else { return 0 }
        var count = rd_kafka_consume_batch_queue(queue, 0, messages, Self.capacity)
        if count <= 0 && waitMilliseconds > 0 {
            guard let first = rd_kafka_consumer_poll(handle, Int32(clamping: waitMilliseconds)) else { return 0 }
            messages[0] = first
            count = 1 + Swift.max(0, rd_kafka_consume_batch_queue(queue, 0, messages + 1, Self.capacity - 1))
        }
        guard count > 0 else { return 0 }
        for index in 0..<count {
            guard let native = messages[index] else { continue }
            let code = native.pointee.err
            if code == RD_KAFKA_RESP_ERR_NO_ERROR {
                message(ConsumedMessage(native))
            } else if code != RD_KAFKA_RESP_ERR__PARTITION_EOF {
                error(LibrdkafkaErrorCode(code))
            }
            rd_kafka_message_destroy(native)
        }
        return count
    }

    /// Releases the queue and closes the consumer. Idempotent.
    package func close() throws(KafkaLiveError) {
        if let queue { rd_kafka_queue_destroy(queue) }
        queue = nil
        try consumer.close()
    }
}
