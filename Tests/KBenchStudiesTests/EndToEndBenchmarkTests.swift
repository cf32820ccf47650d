import KafkaLive
import KafkaLiveTestSupport
import KBenchStudies
import KBenchWorkloads
import Testing

@Suite("ProduceBenchmark --end-to-end on the embedded cluster", .serialized)
struct EndToEndBenchmarkTests {
    static func settings(_ cluster: MockCluster, topic: String, messages: Int, values: ValuePool = ValuePool(fixedSize: 100, seed: 1)) -> ProduceSettings {
        ProduceSettings(
            topic: topic, limit: .messages(messages), values: values, configuration: cluster.clientConfiguration,
            partitions: 6, mockCluster: cluster, connectTimeout: .seconds(10), flushTimeout: .seconds(20),
            reportInterval: .seconds(600), endToEnd: EndToEndSettings())
    }

    @Test("100k messages: every one consumed exactly once, end-to-end percentiles measured")
    func hundredThousand() throws {
        let cluster = try MockCluster(brokers: 3)
        let result = try ProduceBenchmark.run(Self.settings(cluster, topic: Live.topic("e2e"), messages: 100_000))
        #expect(result.allDelivered)
        let endToEnd = try #require(result.endToEnd)
        #expect(endToEnd.delivered == 100_000)
        #expect(endToEnd.exactlyOnce == 100_000)
        #expect(endToEnd.consumed == 100_000)
        #expect(endToEnd.missing == 0)
        #expect(endToEnd.duplicated == 0)
        #expect(endToEnd.unreported == 0)
        #expect(endToEnd.foreign == 0)
        #expect(endToEnd.tailComplete)
        let latency = endToEnd.latency
        #expect(latency.count == 100_000)
        #expect(latency.p50Milliseconds > 0)
        #expect(latency.p50Milliseconds <= latency.p90Milliseconds && latency.p90Milliseconds <= latency.p99Milliseconds)
        #expect(latency.p99Milliseconds <= latency.p999Milliseconds && latency.p999Milliseconds <= latency.p9999Milliseconds)
        #expect(latency.p9999Milliseconds <= latency.maximumMilliseconds)
        #expect(latency.maximumMilliseconds < 60_000)
        let text = ProduceReport.endToEndLatencyLine(latency)
        #expect(text.contains("p99.99 "), "\(text)")
    }

    @Test("records written before the run are not read (consumers start at the end); values shorter than the stamp are padded")
    func startsAtTheEnd() throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = Live.topic("e2e-before")
        let before = try ProduceBenchmark.run(ProduceSettings(
            topic: topic, limit: .messages(700), configuration: cluster.clientConfiguration, partitions: 3, mockCluster: cluster))
        #expect(before.delivered == 700)
        var settings = Self.settings(cluster, topic: topic, messages: 2_000, values: ValuePool(records: [[1, 2, 3], Array(0..<40)], description: "short and long"))
        settings.partitions = 3
        let result = try ProduceBenchmark.run(settings)
        let endToEnd = try #require(result.endToEnd)
        #expect(endToEnd.exactlyOnce == 2_000)
        #expect(endToEnd.foreign == 0, "the 700 earlier records are not read")
        #expect(endToEnd.missing == 0)
        #expect(result.deliveredBytes == 1_000 * 16 + 1_000 * 40, "short values go out padded to 16 bytes")
        #expect(endToEnd.paddedValues == 1)
    }

    @Test("--producers 3: one set of consumers reads every instance's records exactly once")
    func severalProducers() throws {
        let cluster = try MockCluster(brokers: 2)
        var settings = Self.settings(cluster, topic: Live.topic("e2e-producers"), messages: 9_001)
        settings.producers = 3
        let result = try ProduceBenchmark.run(settings)
        let endToEnd = try #require(result.endToEnd)
        #expect(result.delivered == 9_001)
        #expect(endToEnd.delivered == 9_001)
        #expect(endToEnd.exactlyOnce == 9_001)
        #expect(endToEnd.missing == 0 && endToEnd.duplicated == 0 && endToEnd.foreign == 0 && endToEnd.unreported == 0)
        #expect(endToEnd.latency.count == 9_001)
    }

    @Test("paced: the carried send time is the intended one, every record read once")
    func paced() throws {
        let cluster = try MockCluster(brokers: 1)
        var settings = Self.settings(cluster, topic: Live.topic("e2e-paced"), messages: 0)
        settings.limit = .duration(.milliseconds(500))
        settings.throughput = .fixed(recordsPerSecond: 10_000)
        let result = try ProduceBenchmark.run(settings)
        let endToEnd = try #require(result.endToEnd)
        #expect(result.delivered > 4_000)
        #expect(endToEnd.exactlyOnce == result.delivered)
        #expect(endToEnd.latency.count == result.delivered)
        #expect(endToEnd.latency.p50Milliseconds < 1_000)
    }
}
