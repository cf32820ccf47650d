import KafkaLive
import KafkaLiveTestSupport
import KafkaRecords
import Testing

/// librdkafka's statistics summed into what a topic's batches put on the wire.
@Suite("WireStatistics: librdkafka's statistics summed per topic")
struct WireStatisticsTests {
    /// An emission in librdkafka 2.0.2's layout (STATISTICS.md), trimmed to what is read.
    static func emission(ts: Int, batches: Int, batchBytes: Int, records: Int, transmitted: Int, transmittedBytes: Int, brokerBytes: Int) -> String {
        """
        { "name": "rdkafka#producer-1", "type": "producer", "ts":\(ts), "time":1700000000,
          "brokers":{ "127.0.0.1:9092/bootstrap": { "nodeid": -1, "txbytes": 999 },
                      "127.0.0.1:9092/1": { "nodeid": 1, "txbytes": \(brokerBytes), "int_latency": { "sum": 5, "cnt": 1 } } },
          "topics":{ "orders": { "topic":"orders", "age":10, "metadata_age":5,
              "batchsize": { "min": 1, "max": 2, "avg": 1, "sum": \(batchBytes), "stddev": 0, "p50": 1, "cnt": \(batches) },
              "batchcnt": { "min": 1, "max": 2, "avg": 1, "sum": \(records), "cnt": \(batches) },
              "partitions": { "0": { "partition": 0, "txmsgs": \(transmitted), "txbytes": \(transmittedBytes) },
                              "-1": { "partition": -1, "txmsgs": 0, "txbytes": 0 } } },
            "other": { "topic":"other", "batchsize": { "sum": 7777, "cnt": 7 }, "batchcnt": { "sum": 70, "cnt": 7 }, "partitions": {} } },
          "tx":3, "tx_bytes":\(brokerBytes + 999), "txmsgs":\(transmitted), "txmsg_bytes":\(transmittedBytes) }
        """
    }

    @Test("windows add up over emissions, counters are the newest, bootstrap connections and other topics left out")
    func sums() {
        let statistics = WireStatistics(topic: "orders")
        statistics.record(Self.emission(ts: 1, batches: 3, batchBytes: 3000, records: 30, transmitted: 30, transmittedBytes: 2500, brokerBytes: 3500))
        statistics.record(Self.emission(ts: 2, batches: 2, batchBytes: 1500, records: 12, transmitted: 42, transmittedBytes: 3400, brokerBytes: 5200))
        statistics.record("not json")
        let totals = statistics.totals
        #expect(totals.batches == 5 && totals.batchBytes == 4500 && totals.batchRecords == 42)
        #expect(totals.transmittedRecords == 42 && totals.transmittedRecordBytes == 3400)
        #expect(totals.requestBytes == 5200)
        #expect(totals.emissions == 2 && statistics.unreadableEmissions == 1)
        #expect(totals.isConsistent && !totals.isFinal)
        #expect(totals.recordsPerBatch == 42.0 / 5 && totals.bytesPerRecord == 4500.0 / 42)
        #expect(StatisticsEmission(json: "[1, 2]") == nil)
    }

    @Test("a producer given WireStatistics asks for statistics and, after the final emission, counts every batch")
    func live() throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = Live.topic("wire")
        try cluster.createTopic(topic, partitions: 2)
        let statistics = WireStatistics(topic: topic, intervalMilliseconds: 100)
        let producer = try KafkaProducer(
            configuration: cluster.clientConfiguration.setting("linger.ms", "2"), partitioner: nil, wireStatistics: statistics)
        #expect(producer.configurationValue("statistics.interval.ms") == "100")
        var recordBytes = 0
        for index in 0..<3_000 {
            let key = Array("key-\(index % 17)".utf8), value = Array(repeating: UInt8(65 + index % 26), count: 50 + index % 100)
            recordBytes += key.count + value.count
            try producer.produce(ProducerMessage(topic: topic, key: key, value: value), blockWhenQueueFull: true)
        }
        try producer.flush(timeoutMilliseconds: Live.timeoutMilliseconds)
        let totals = statistics.awaitFinalEmission(from: producer, timeoutMilliseconds: Live.timeoutMilliseconds)
        #expect(totals.isFinal && totals.isConsistent)
        #expect(totals.batchRecords == 3_000 && totals.transmittedRecords == 3_000)
        #expect(totals.transmittedRecordBytes == recordBytes)
        // Uncompressed: each batch is its 61-byte header plus the records, each above its key and value.
        #expect(totals.batches >= 2 && totals.batchBytes > recordBytes + RecordBatchHeader.size * totals.batches)
        #expect(totals.requestBytes > totals.batchBytes)
    }

    @Test("statistics.interval.ms given in the configuration is kept")
    func configuredInterval() throws {
        let cluster = try MockCluster(brokers: 1)
        let producer = try KafkaProducer(
            configuration: cluster.clientConfiguration.setting("statistics.interval.ms", "1000"), partitioner: nil,
            wireStatistics: WireStatistics(topic: "t"))
        #expect(producer.configurationValue("statistics.interval.ms") == "1000")
    }
}
