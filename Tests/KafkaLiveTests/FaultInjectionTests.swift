import Foundation
import KafkaLive
import KafkaLiveTestSupport
import KafkaRecords
import Testing

@Suite("Reliability under the mock cluster's fault injection", .serialized)
struct FaultInjectionTests {
    /// The message number carried in a value (`msg-<n>`).
    static func number(_ record: StoredRecord) -> Int? {
        Int(String(decoding: record.value ?? [], as: UTF8.self).dropFirst(4))
    }

    @Test("idempotence: broker down then up, injected retriable errors → every message once, in order per partition")
    func idempotentExactlyOnceInOrder() throws {
        let cluster = try MockCluster(brokers: 3)
        let topic = Live.topic("idempotent")
        try cluster.createTopic(topic, partitions: 3, replicationFactor: 1)
        let collector = ReportCollector()
        let producer = try KafkaProducer(
            configuration: cluster.clientConfiguration
                .setting("enable.idempotence", "true").setting("linger.ms", "5")
                .setting("message.timeout.ms", "20000").setting("retry.backoff.ms", "50"),
            partitioner: .librdkafka("murmur2"), onDelivery: collector.record)
        _ = try producer.metadata(topic: topic, timeoutMilliseconds: Live.timeoutMilliseconds)
        let total = 3_000
        for index in 0..<total {
            if index == 1_000 {
                // Retriable errors on the next produce requests, then a broker outage.
                try cluster.pushRequestErrors(.produce, [.notLeaderForPartition, .requestTimedOut, .notEnoughReplicas, .notEnoughReplicas])
                try cluster.setBrokerDown(2)
            }
            if index == 2_000 { try cluster.setBrokerUp(2) }
            try producer.produce(
                ProducerMessage(topic: topic, key: Array("key-\(index % 97)".utf8), value: Array("msg-\(index)".utf8)),
                id: UInt(index), blockWhenQueueFull: true)
            if index % 100 == 0 { producer.poll(timeoutMilliseconds: 5) }
        }
        try producer.flush(timeoutMilliseconds: 30_000)
        let reports = collector.all
        #expect(reports.count == total)
        #expect(reports.filter { !$0.isDelivered }.isEmpty, "failures: \(reports.compactMap(\.error).prefix(3))")
        #expect(producer.fatalError == nil)

        let records = try Live.consumeAll(cluster, topic: topic, partitions: 3, count: total)
        let numbers = records.compactMap(Self.number)
        #expect(numbers.count == total)
        #expect(Set(numbers) == Set(0..<total), "each message exactly once")
        for (partition, inPartition) in Dictionary(grouping: records, by: \.partition) {
            let sequence = inPartition.sorted { $0.offset < $1.offset }.compactMap(Self.number)
            #expect(sequence == sequence.sorted(), "partition \(partition) is in send order")
            #expect(Set(sequence).count == sequence.count, "partition \(partition) has no duplicate")
        }
    }

    @Test("retries exhausted: every broker down, message.timeout.ms short → each message fails with _MSG_TIMED_OUT")
    func timeoutsReportedPrecisely() throws {
        let cluster = try MockCluster(brokers: 2)
        let topic = Live.topic("timeouts")
        try cluster.createTopic(topic, partitions: 2)
        let collector = ReportCollector()
        let producer = try KafkaProducer(
            configuration: cluster.clientConfiguration.setting("message.timeout.ms", "1500").setting("log_level", "0"),
            partitioner: .librdkafka("murmur2"), onDelivery: collector.record)
        _ = try producer.metadata(topic: topic, timeoutMilliseconds: Live.timeoutMilliseconds)
        for broker in cluster.brokerIDs { try cluster.setBrokerDown(broker) }
        for index in 0..<50 {
            try producer.produce(ProducerMessage(topic: topic, key: Array("k\(index)".utf8), value: Array("v".utf8)), id: UInt(index))
        }
        try producer.flush(timeoutMilliseconds: Live.timeoutMilliseconds)
        let reports = collector.all
        #expect(reports.count == 50)
        #expect(reports.allSatisfy { report in
            if case .librdkafka(_, let code, _)? = report.error { return code == .messageTimedOut }
            return false
        })
        #expect(Set(reports.map(\.messageID)) == Set((0..<50).map { UInt($0) }))
    }

    @Test("non-retriable injected errors fail exactly the messages they hit, with the broker's error name")
    func nonRetriableErrors() throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = Live.topic("nonretriable")
        try cluster.createTopic(topic, partitions: 1)
        let collector = ReportCollector()
        let producer = try KafkaProducer(
            configuration: cluster.clientConfiguration.setting("linger.ms", "0").setting("max.in.flight", "1").setting("log_level", "0"),
            onDelivery: collector.record)
        _ = try producer.metadata(topic: topic, timeoutMilliseconds: Live.timeoutMilliseconds)
        try cluster.pushRequestErrors(.produce, [.invalidRecord, .messageSizeTooLarge, .invalidRecord])
        for index in 0..<10 {
            try producer.produce(ProducerMessage(topic: topic, value: Array("m\(index)".utf8)), id: UInt(index))
            try producer.flush(timeoutMilliseconds: Live.timeoutMilliseconds)  // one message per request
        }
        let reports = collector.all.sorted { $0.messageID < $1.messageID }
        #expect(reports.count == 10)
        let failed = reports.compactMap { report -> String? in
            if case .librdkafka(_, let code, _)? = report.error { return "\(report.messageID):\(code.name)" }
            return nil
        }
        #expect(failed == ["0:INVALID_RECORD", "1:MSG_SIZE_TOO_LARGE", "2:INVALID_RECORD"])
        #expect(reports.dropFirst(3).allSatisfy { $0.isDelivered })
        #expect(LibrdkafkaErrorCode(name: "invalid_record") == .invalidRecord)
        #expect(LibrdkafkaErrorCode(name: "RD_KAFKA_RESP_ERR__MSG_TIMED_OUT") == .messageTimedOut)
        #expect(LibrdkafkaErrorCode(name: "NOPE") == nil)
    }
}
