import Foundation
import KafkaLive
import KafkaLiveTestSupport
import KafkaPartitioning
import KafkaRecords
import KBenchWorkloads
import Testing

@Suite("Produce to the embedded cluster, consume back: keys, values, headers, timestamps, partitions")
struct ProduceConsumeTests {
    static let cases: [(partitioner: String, codec: String)] = [
        ("consistent_random", "none"),   // librdkafka's own (default)
        ("murmur2_random", "gzip"),      // librdkafka's own
        ("java", "snappy"),              // kbench strategy through the callback
        ("sarama:hash", "lz4"),          // kbench strategy through the callback
        ("kafkajs:legacy", "zstd"),      // kbench strategy through the callback
    ]

    @Test("every message comes back intact in the partition kbench predicts", arguments: cases)
    func roundTrip(partitioner: String, codec: String) throws {
        let cluster = try MockCluster(brokers: 2)
        let topic = Live.topic("roundtrip")
        let partitions = 7
        try cluster.createTopic(topic, partitions: partitions)
        let chosen = try ProducerPartitioner(name: partitioner, seed: 1)
        let strategy = try #require(chosen.predictionStrategy)
        let collector = ReportCollector()
        let producer = try KafkaProducer(
            configuration: cluster.clientConfiguration.setting("compression.type", codec).setting("linger.ms", "2"),
            partitioner: chosen, onDelivery: collector.record)
        var generator = try KeyGenerator(parsing: "uuid:300", seed: 9)
        var sent: [[UInt8]: ProducerMessage] = [:]
        var key = KeyBuffer()
        var index = 0
        while generator.nextKey(into: &key) {
            let message = ProducerMessage(
                topic: topic, key: key.bytes, value: Array("value-\(index)-".utf8) + [UInt8](repeating: UInt8(index & 0xFF), count: index % 50),
                headers: [RecordHeader(key: "index", text: String(index)), RecordHeader(key: "null", value: nil)],
                timestamp: 1_700_000_000_000 + Int64(index))
            sent[key.bytes] = message
            try producer.produce(message, id: UInt(index), blockWhenQueueFull: true)
            index += 1
        }
        try producer.flush(timeoutMilliseconds: Live.timeoutMilliseconds)
        let reports = collector.all
        #expect(reports.count == 300)
        #expect(reports.allSatisfy { $0.isDelivered })

        let records = try Live.consumeAll(cluster, topic: topic, partitions: partitions, count: 300)
        #expect(records.count == 300)
        #expect(Set(records.map { $0.key ?? [] }).count == 300)
        let partitionCount = try PartitionCount(partitions)
        for record in records {
            let key = try #require(record.key)
            let message = try #require(sent[key])
            #expect(record.value == message.value)
            #expect(record.headers == message.headers)
            #expect(record.timestamp == message.timestamp)
            #expect(record.timestampType == .createTime)
            let predicted = key.withUnsafeBytes { strategy.deterministicPartition(key: $0, partitionCount: partitionCount) }
            #expect(record.partition == predicted, "\(partitioner): key \(String(decoding: key, as: UTF8.self))")
        }
        let perPartition = Dictionary(grouping: records, by: \.partition).mapValues(\.count)
        #expect(perPartition.count > 1, "keys spread over partitions")
    }

    @Test("null and empty keys: null stays null, empty stays empty, both delivered")
    func nullAndEmptyKeys() throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = Live.topic("nullkeys")
        try cluster.createTopic(topic, partitions: 3)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration, partitioner: try ProducerPartitioner(name: "java"))
        try producer.produce(ProducerMessage(topic: topic, key: nil, value: Array("null".utf8)), blockWhenQueueFull: true)
        try producer.produce(ProducerMessage(topic: topic, key: [], value: Array("empty".utf8)), blockWhenQueueFull: true)
        try producer.flush(timeoutMilliseconds: Live.timeoutMilliseconds)
        let records = try Live.consumeAll(cluster, topic: topic, partitions: 3, count: 2)
        let byValue = Dictionary(uniqueKeysWithValues: records.map { (String(decoding: $0.value ?? [], as: UTF8.self), $0) })
        #expect(byValue["null"]?.key == nil)
        #expect(byValue["empty"]?.key == [])
        // Java hashes the empty key: murmur2("") = 0x106e08d9 → partition 0x106e08d9 % 3.
        #expect(byValue["empty"]?.partition == Int32(0x106e08d9 % 3))
    }

    @Test("a kbench strategy and librdkafka's own partitioner conflict in one configuration")
    func conflictingPartitioner() throws {
        #expect(throws: KafkaLiveError.self) {
            _ = try KafkaProducer(configuration: KafkaConfiguration(["partitioner": "murmur2"]), partitioner: try ProducerPartitioner(name: "java"))
        }
        #expect(throws: PartitioningError.self) { _ = try ProducerPartitioner(name: "no-such-partitioner") }
        #expect(try ProducerPartitioner(name: "librdkafka:fnv1a") == .librdkafka("fnv1a"))
        #expect(try ProducerPartitioner(name: "murmur2") == .librdkafka("murmur2"))
    }
}
