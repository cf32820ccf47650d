import KafkaCompression
import KBenchWorkloads
import KafkaLive
import KafkaRecords
import Foundation
import Synchronization
import Testing

/// librdkafka itself, in-process: its producer compresses with each `compression.type` name
/// kbench uses, its embedded mock cluster stores the batches, its consumer decompresses them.
/// Proves the KafkaLive bridge links and works, and that kbench's codec names are librdkafka's.
@Suite("librdkafka cross-check (embedded mock cluster)")
struct LibrdkafkaCrossCheckTests {
    /// Collects delivery reports from librdkafka's callback thread.
    final class Reports: Sendable {
        private let list = Mutex<[DeliveryReport]>([])
        func append(_ report: DeliveryReport) { list.withLock { $0.append(report) } }
        var all: [DeliveryReport] { list.withLock { $0 } }
    }

    /// Keeps librdkafka's latest statistics: bytes sent to the brokers.
    final class Statistics: Sendable {
        private let state = Mutex<(count: Int, sentBytes: Int)>((0, 0))

        func record(_ json: String) {
            let sent = Self.sentBytes(json)
            state.withLock { $0 = ($0.count + 1, sent) }
        }

        var count: Int { state.withLock { $0.count } }
        var sentBytes: Int { state.withLock { $0.sentBytes } }

        /// Sum of `txbytes` over the real brokers (librdkafka's statistics JSON).
        static func sentBytes(_ json: String) -> Int {
            guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
                let brokers = object["brokers"] as? [String: [String: Any]]
            else { return -1 }
            return brokers.values.filter { ($0["nodeid"] as? Int ?? -1) >= 0 }.reduce(0) { $0 + ($1["txbytes"] as? Int ?? 0) }
        }
    }

    /// Keyed JSON events with headers; one null key, one null value, one null header value.
    static func messages(topic: String) -> [ProducerMessage] {
        var events = PayloadCorpus.json.generator(seed: 3)
        return (0..<300).map { (index: Int) -> ProducerMessage in
            let value: [UInt8]? = index == 5 ? nil : events.nextRecord()
            return ProducerMessage(
                topic: topic,
                key: index == 4 ? nil : Array("device-\(index % 23)".utf8),
                value: value,
                headers: [
                    RecordHeader(key: "seq", text: String(index)),
                    RecordHeader(key: "origin", value: index % 7 == 0 ? nil : Array("kbench".utf8)),
                    RecordHeader(key: "empty", value: []),
                ],
                timestamp: 1_700_000_000_000 + Int64(index)
            )
        }
    }

    /// Produces `messages` through librdkafka with `configuration`, consumes them back and
    /// checks every field against the message its delivery report names.
    func produceAndConsume(_ type: CompressionType, level: Int?, partitions: Int32 = 3) throws {
        let cluster = try MockCluster(brokers: 2)
        defer { cluster.shutdown() }
        let topic = "cross-\(type)-\(level.map(String.init) ?? "default")"
        try cluster.createTopic(topic, partitions: Int(partitions))
        let messages = Self.messages(topic: topic)
        let reports = Reports()
        let statistics = Statistics()
        let configuration = cluster.clientConfiguration.compression(type, level: level)
            .setting("linger.ms", "5").setting("statistics.interval.ms", "100")
        #expect(configuration["compression.type"] == type.description)
        do {
            let producer = try KafkaProducer(configuration: configuration, onStatistics: statistics.record) { reports.append($0) }
            for (index, message) in messages.enumerated() {
                try producer.produce(message, id: UInt(index + 1), blockWhenQueueFull: true)
            }
            try producer.flush(timeoutMilliseconds: 20_000)
            // One more statistics report after everything was sent (bounded: 50 × 100 ms).
            let seen = statistics.count
            for _ in 0..<50 where statistics.count <= seen { producer.poll(timeoutMilliseconds: 100) }
        }
        // librdkafka really applied the codec: compressed JSON leaves well under the values' size.
        let valueBytes = messages.reduce(0) { $0 + ($1.value?.count ?? 0) }
        if type == .none {
            #expect(statistics.sentBytes > valueBytes, "none sent \(statistics.sentBytes) bytes")
        } else {
            #expect(statistics.sentBytes > 0 && statistics.sentBytes < valueBytes * 6 / 10, "\(type) sent \(statistics.sentBytes) of \(valueBytes)")
        }
        let delivered = reports.all
        #expect(delivered.count == messages.count)
        let failures = delivered.compactMap(\.error)
        #expect(failures.isEmpty, "\(type): \(failures.count) failed, first: \(String(describing: failures.first))")
        var messageAt: [String: ProducerMessage] = [:]
        for report in delivered where (1...messages.count).contains(Int(report.messageID)) {
            #expect(report.topic == topic)
            messageAt["\(report.partition)/\(report.offset)"] = messages[Int(report.messageID) - 1]
        }

        let consumer = try KafkaConsumer(configuration: cluster.clientConfiguration)
        try consumer.assign(topic: topic, partitions: Array(0..<partitions))
        let records = try consumer.consume(count: messages.count, timeoutMilliseconds: 20_000)
        try consumer.close()
        #expect(records.count == messages.count)
        for record in records {
            let sent = try #require(messageAt["\(record.partition)/\(record.offset)"], "\(type): no report for \(record.partition)/\(record.offset)")
            #expect(record.topic == topic)
            #expect(record.key == sent.key, "\(type) key")
            #expect(record.value == sent.value, "\(type) value")
            #expect(record.headers == sent.headers, "\(type) headers")
            #expect(record.timestamp == sent.timestamp && record.timestampType == .createTime, "\(type) timestamp")
        }
    }

    @Test("same keyed records back through librdkafka for every compression.type", arguments: CompressionType.allCases)
    func everyCodec(type: CompressionType) throws {
        try produceAndConsume(type, level: nil)
    }

    @Test("librdkafka's compression.level for each levelled codec", arguments: [
        (CompressionType.gzip, 1), (.gzip, 9), (.lz4, 0), (.lz4, 12), (.zstd, 1), (.zstd, 12),
    ])
    func levels(type: CompressionType, level: Int) throws {
        try produceAndConsume(type, level: level, partitions: 1)
    }

    @Test("librdkafka errors surface as typed errors with librdkafka's text")
    func errors() throws {
        let unknown = #expect(throws: KafkaLiveError.self) {
            _ = try KafkaProducer(configuration: KafkaConfiguration(["compression.type": "brotli"]))
        }
        guard case .configuration(let property, let message) = unknown else {
            Issue.record("expected .configuration, got \(String(describing: unknown))")
            return
        }
        #expect(property == "compression.type" && !message.isEmpty)
        let cluster = try MockCluster(brokers: 1)
        cluster.shutdown()
        #expect(throws: KafkaLiveError.self) { try cluster.createTopic("late", partitions: 1) }
        #expect(throws: KafkaLiveError.self) { _ = try MockCluster(brokers: 0) }
    }
}
