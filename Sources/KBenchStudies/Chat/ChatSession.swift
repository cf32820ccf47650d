import Foundation
import KafkaLive
import KafkaRecords
import Synchronization

/// The console chat of `kbench chat`: each participant reads its own topic (from the latest
/// offset) and writes to the peer's, one record per line, keyed by the sender's name, with a
/// `sent-at` header (ISO-8601 UTC, milliseconds). Topic names come from ``ChatTopicName``.
///
/// Everything that happens is reported through the `onEvent` handler given at creation, from
/// two background threads started by ``start()``: one reads the own topic, one serves the
/// producer's delivery reports and client errors (and, while the cluster is lost, probes it
/// once a second). ``send(_:at:)`` may be called from any thread.
package final class ChatSession: Sendable {
    /// The header carrying the send time.
    package static let sentAtHeader = "sent-at"
    /// The default prefix of chat topics (`kbench-chat.alice`).
    package static let defaultTopicPrefix = "kbench-chat."
    /// librdkafka settings for a chat rather than a throughput run (`-X` overrides them):
    /// a fetch returns after 10 ms instead of librdkafka's 500 ms `fetch.wait.max.ms` (the
    /// 180–500 ms per message seen with the defaults), no batching delay, no Nagle delay, a
    /// line librdkafka cannot deliver fails after 10 s instead of 300 s, and reconnection
    /// attempts back off to at most 1 s so a returning cluster is noticed soon.
    package static let interactiveDefaults: [String: String] = [
        "fetch.wait.max.ms": "10",
        "fetch.error.backoff.ms": "100",
        "linger.ms": "0",
        "socket.nagle.disable": "true",
        "message.timeout.ms": "10000",
        "reconnect.backoff.max.ms": "1000",
    ]

    /// This participant's name.
    package let name: String
    /// The peer's name.
    package let peer: String
    /// The topic this participant reads.
    package let ownTopic: String
    /// The topic this participant writes.
    package let peerTopic: String
    /// Where reading started on each partition of ``ownTopic`` (the high watermarks at start).
    package let startOffsets: [Int32: Int64]

    private let producer: KafkaProducer
    private let reader: Mutex<KafkaConsumer?>
    private let state: ChatSessionState

    /// Connects, makes sure both topics exist (one partition each: one conversation, in
    /// order) and positions reading ``ownTopic`` at its end. Nothing is reported before ``start()``.
    ///
    /// - Parameters:
    ///   - mockCluster: the embedded cluster, when the chat runs on one (topics are created on
    ///     it directly; otherwise through the Admin API, or auto-created).
    ///   - onEvent: called for everything that happens, from the session's threads (or the
    ///     thread calling ``close(flushTimeoutMilliseconds:)``).
    /// - Throws: ``ChatNameError`` wrapped as `.configuration` for names that make no topic,
    ///   or librdkafka's error when the cluster cannot be reached within `timeout`.
    package init(
        name: String, peer: String, configuration: KafkaConfiguration, topicPrefix: String = defaultTopicPrefix,
        mockCluster: MockCluster? = nil, timeout: Duration = .seconds(10),
        onEvent: @escaping @Sendable (ChatEvent) -> Void
    ) throws(KafkaLiveError) {
        self.name = name
        self.peer = peer
        do {
            ownTopic = try ChatTopicName.topic(prefix: topicPrefix, name: name)
            peerTopic = try ChatTopicName.topic(prefix: topicPrefix, name: peer)
        } catch {
            throw .configuration(property: "chat name", message: error.description)
        }
        let state = ChatSessionState(onEvent: onEvent)
        self.state = state
        let timeoutMilliseconds = milliseconds(timeout)
        let producer = try KafkaProducer(
            configuration: configuration.setting("linger.ms", configuration["linger.ms"] ?? "0"),
            onDelivery: { report in state.settle(report) },
            onError: { error in state.noteClientError(error) })
        self.producer = producer
        _ = try producer.metadata(timeoutMilliseconds: timeoutMilliseconds)
        for topic in [ownTopic, peerTopic] {
            _ = try producer.ensureTopic(topic, partitions: 1, mockCluster: mockCluster, timeoutMilliseconds: timeoutMilliseconds)
        }
        let partitions = try producer.metadata(topic: ownTopic, timeoutMilliseconds: timeoutMilliseconds).topicPartitionCount ?? 1
        _ = try producer.metadata(topic: peerTopic, timeoutMilliseconds: timeoutMilliseconds)
        let consumer = try KafkaConsumer(configuration: configuration)
        // Read from the offsets that are the end right now, so nothing sent after this
        // initialiser returns can be missed (an END offset would be resolved later).
        var startOffsets: [Int32: Int64] = [:]
        for partition in 0..<Int32(partitions) {
            let (_, high) = try producer.watermarks(topic: ownTopic, partition: partition, timeoutMilliseconds: timeoutMilliseconds)
            startOffsets[partition] = high
            try consumer.assign(topic: ownTopic, partitions: [partition], from: .offset(high), incremental: true)
        }
        self.startOffsets = startOffsets
        reader = Mutex(consumer)
    }

    /// Starts the reading and delivery threads (once).
    package func start() {
        guard state.begin() else { return }
        state.spawn { [self] in
            while state.isRunning { readOnce(timeoutMilliseconds: 100) }
        }
        state.spawn { [self] in
            var lastProbe = ContinuousClock.now
            while state.isRunning {
                producer.poll(timeoutMilliseconds: 100)
                if state.isClusterLost, lastProbe.duration(to: .now) >= .seconds(1) {
                    lastProbe = .now
                    if (try? producer.metadata(timeoutMilliseconds: 1_000)) != nil { state.noteContact() }
                }
            }
        }
    }

    /// Publishes `text` to the peer's topic, keyed by this participant's name, with the send
    /// time in the `sent-at` header. Its delivery (or failure) is reported as an event.
    @discardableResult
    package func send(_ text: String, at date: Date = Date()) throws(KafkaLiveError) -> ChatOutgoing {
        let outgoing = state.register(text: text, recipient: peer, sentAt: date)
        let message = ProducerMessage(
            topic: peerTopic, key: Array(name.utf8), value: Array(text.utf8),
            headers: [RecordHeader(key: Self.sentAtHeader, text: Self.format(date))])
        do {
            try producer.produce(message, id: outgoing.id, blockWhenQueueFull: true)
        } catch {
            state.withdraw(id: outgoing.id)
            throw error
        }
        return outgoing
    }

    /// Stops the threads, waits at most `flushTimeoutMilliseconds` for lines still on their
    /// way (their reports are still delivered as events), reports those still queued then as
    /// not delivered, stops reading and returns every line that was not delivered. Returns
    /// at once when everything is already delivered.
    package func close(flushTimeoutMilliseconds: Int = 3_000) -> [ChatOutgoing] {
        state.stop()
        try? producer.flush(timeoutMilliseconds: flushTimeoutMilliseconds)
        reader.withLock { consumer in
            try? consumer?.close()
            consumer = nil
        }
        return state.abandonPending(reason: "still queued when the chat ended")
    }

    private func readOnce(timeoutMilliseconds: Int) {
        do {
            let record = try reader.withLock { (consumer) throws(KafkaLiveError) -> StoredRecord? in
                try consumer?.poll(timeoutMilliseconds: timeoutMilliseconds)
            }
            guard let record else { return }
            state.noteContact()
            state.emit(.received(Self.line(from: record)))
        } catch {
            state.noteReadError(error)
        }
    }

    /// The chat line a record carries.
    package static func line(from record: StoredRecord) -> ChatLine {
        let sentAt = record.headers.last { $0.key == sentAtHeader }?.value
            .flatMap { parse(String(decoding: $0, as: UTF8.self)) }
        return ChatLine(
            sender: record.key.map { String(decoding: $0, as: UTF8.self) } ?? "?",
            text: record.value.map { String(decoding: $0, as: UTF8.self) } ?? "",
            sentAt: sentAt)
    }

    /// `2024-05-01T12:00:00.123Z`.
    package static func format(_ date: Date) -> String {
        formatter().string(from: date)
    }

    /// Parses the `sent-at` form.
    package static func parse(_ text: String) -> Date? {
        formatter().date(from: text)
    }

    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
