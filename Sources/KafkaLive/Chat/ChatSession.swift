import Foundation
import KafkaRecords

/// One chat message as received.
public struct ChatLine: Sendable, Hashable {
    /// The sender (the record's key).
    public var sender: String
    /// The text (the record's value).
    public var text: String
    /// The send time from the `sent-at` header, if present and valid.
    public var sentAt: Date?
}

/// The console chat of `kbench chat`: each participant reads its own topic (from the latest
/// offset) and writes to the peer's, one record per line, keyed by the sender's name, with a
/// `sent-at` header (ISO-8601 UTC, milliseconds).
///
/// ``send(_:)`` may be called from any thread; ``receive(timeoutMilliseconds:)`` from one
/// listening thread at a time.
public final class ChatSession: @unchecked Sendable {
    /// The header carrying the send time.
    public static let sentAtHeader = "sent-at"
    /// The default prefix of chat topics (`kbench-chat.alice`).
    public static let defaultTopicPrefix = "kbench-chat."

    /// This participant's name.
    public let name: String
    /// The peer's name.
    public let peer: String
    /// The topic this participant reads.
    public let ownTopic: String
    /// The topic this participant writes.
    public let peerTopic: String
    /// Where reading started on each partition of ``ownTopic`` (the high watermarks at start).
    public private(set) var startOffsets: [Int32: Int64] = [:]

    private let producer: KafkaProducer
    private let consumer: KafkaConsumer
    private let lock = NSLock()

    /// Connects, makes sure both topics exist (one partition each: one conversation, in
    /// order) and starts reading ``ownTopic`` at its end.
    ///
    /// - Parameter mockCluster: the embedded cluster, when the chat runs on one (topics are
    ///   created on it directly; otherwise through the Admin API, or auto-created).
    public init(
        name: String, peer: String, configuration: KafkaConfiguration, topicPrefix: String = defaultTopicPrefix,
        mockCluster: MockCluster? = nil, timeout: Duration = .seconds(10)
    ) throws(KafkaLiveError) {
        self.name = name
        self.peer = peer
        ownTopic = topicPrefix + name
        peerTopic = topicPrefix + peer
        let timeoutMilliseconds = milliseconds(timeout)
        producer = try KafkaProducer(configuration: configuration.setting("linger.ms", configuration["linger.ms"] ?? "0"))
        _ = try producer.metadata(timeoutMilliseconds: timeoutMilliseconds)
        for topic in [ownTopic, peerTopic] {
            _ = try producer.ensureTopic(topic, partitions: 1, mockCluster: mockCluster, timeoutMilliseconds: timeoutMilliseconds)
        }
        let partitions = try producer.metadata(topic: ownTopic, timeoutMilliseconds: timeoutMilliseconds).topicPartitionCount ?? 1
        _ = try producer.metadata(topic: peerTopic, timeoutMilliseconds: timeoutMilliseconds)
        consumer = try KafkaConsumer(configuration: configuration)
        // Read from the offsets that are the end right now, so nothing sent after this
        // initialiser returns can be missed (an END offset would be resolved later).
        for partition in 0..<Int32(partitions) {
            let (_, high) = try producer.watermarks(topic: ownTopic, partition: partition, timeoutMilliseconds: timeoutMilliseconds)
            startOffsets[partition] = high
            try consumer.assign(topic: ownTopic, partitions: [partition], from: .offset(high), incremental: true)
        }
    }

    /// Publishes `text` to the peer's topic, keyed by this participant's name, with the
    /// send time in the `sent-at` header.
    public func send(_ text: String, at date: Date = Date()) throws(KafkaLiveError) {
        let message = ProducerMessage(
            topic: peerTopic, key: Array(name.utf8), value: Array(text.utf8),
            headers: [RecordHeader(key: Self.sentAtHeader, text: Self.format(date))])
        try producer.produce(message, blockWhenQueueFull: true)
        producer.poll(timeoutMilliseconds: 0)
    }

    /// The next line on this participant's topic, waiting at most `timeoutMilliseconds`.
    public func receive(timeoutMilliseconds: Int) throws(KafkaLiveError) -> ChatLine? {
        producer.poll(timeoutMilliseconds: 0)
        let record: StoredRecord? = try lock.withLock { () throws(KafkaLiveError) -> StoredRecord? in
            try consumer.poll(timeoutMilliseconds: timeoutMilliseconds)
        }
        guard let record else { return nil }
        let sentAt = record.headers.last { $0.key == Self.sentAtHeader }?.value
            .flatMap { Self.parse(String(decoding: $0, as: UTF8.self)) }
        return ChatLine(
            sender: record.key.map { String(decoding: $0, as: UTF8.self) } ?? "?",
            text: record.value.map { String(decoding: $0, as: UTF8.self) } ?? "",
            sentAt: sentAt)
    }

    /// Delivers what is still queued (at most `timeoutMilliseconds`) and stops reading.
    public func close(timeoutMilliseconds: Int = 5_000) throws(KafkaLiveError) {
        try producer.flush(timeoutMilliseconds: timeoutMilliseconds)
        try lock.withLock { () throws(KafkaLiveError) in try consumer.close() }
    }

    /// `2024-05-01T12:00:00.123Z`.
    public static func format(_ date: Date) -> String {
        formatter().string(from: date)
    }

    /// Parses the `sent-at` form.
    public static func parse(_ text: String) -> Date? {
        formatter().date(from: text)
    }

    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}

extension NSLock {
    /// Runs `body` while holding the lock (typed throws).
    func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        lock()
        defer { unlock() }
        return try body()
    }
}
