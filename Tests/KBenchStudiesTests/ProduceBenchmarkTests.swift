import KafkaLive
import KafkaLiveTestSupport
import KafkaPartitioning
import KBenchStudies
import KBenchWorkloads
import Testing
import TestSupport

@Suite("ProduceBenchmark: counts, partition check, latency, windows")
struct ProduceBenchmarkTests {
    static func settings(_ cluster: MockCluster, keys: ProduceKeys, partitioner: String, messages: Int = 20_000) throws -> ProduceSettings {
        ProduceSettings(
            topic: Live.topic("bench"), limit: .messages(messages), keys: keys,
            values: .corpus(.json, seed: 3, budget: 256 << 10), partitioner: try ProducerPartitioner(name: partitioner, seed: 1),
            configuration: cluster.clientConfiguration, partitions: 12, mockCluster: cluster,
            connectTimeout: .seconds(10), flushTimeout: .seconds(20), reportInterval: .milliseconds(50))
    }

    @Test("keyed run through a kbench callback: every report checked, no mismatch, counts add up", arguments: ["java", "sarama:hash", "murmur2", "consistent_random"])
    func keyedRun(partitioner: String) throws {
        let cluster = try MockCluster(brokers: 3)
        var windows: [ProduceWindow] = []
        let result = try ProduceBenchmark.run(try Self.settings(cluster, keys: .generated(try KeySpec(parsing: "zipf:1.1:20000:5000"), seed: 2), partitioner: partitioner)) {
            windows.append($0)
        }
        #expect(result.sent == 20_000)
        #expect(result.delivered == 20_000)
        #expect(result.allDelivered)
        #expect(result.failures.isEmpty)
        #expect(result.partitionCount == 12)
        #expect(result.deliveredPerPartition.reduce(0, +) == 20_000)
        #expect(result.check.checked == 20_000)
        #expect(result.check.mismatched == 0)
        #expect(result.check.notPredictable == 0)
        #expect(result.latency.count == 20_000)
        #expect(result.latency.maximumMilliseconds >= result.latency.p99Milliseconds)
        #expect(result.latency.p50Milliseconds <= result.latency.p999Milliseconds)
        // A run within one interval reports no progress: its one window is the result.
        #expect(result.windows == windows || (windows.isEmpty && result.windows.count == 1), "\(windows) \(result.windows)")
        #expect(result.windows.reduce(0) { $0 + $1.records } == 20_000)
        #expect(result.deliveredBytes == result.windows.reduce(0) { $0 + $1.bytes })
    }

    @Test("a run shorter than one report interval reports no progress window: its figures are the result's")
    func shortRunReportsNoWindow() throws {
        let cluster = try MockCluster(brokers: 1)
        var settings = try Self.settings(cluster, keys: .none, partitioner: "consistent_random", messages: 2_000)
        settings.reportInterval = .seconds(600)
        var reported: [ProduceWindow] = []
        let result = try ProduceBenchmark.run(settings) { reported.append($0) }
        #expect(result.delivered == 2_000)
        #expect(reported.isEmpty)
        #expect(result.windows.count == 1)
        #expect(result.windows.first?.records == 2_000)
    }

    @Test("--partitions on a cluster reached by address: the run stops before sending unless the topic has them, and creates nothing")
    func partitionCountEnforced() throws {
        let cluster = try MockCluster(brokers: 1)
        let existing = Live.topic("existing")
        try cluster.createTopic(existing, partitions: 3)
        func settings(_ topic: String, partitions: Int) throws -> ProduceSettings {
            var settings = try Self.settings(cluster, keys: .none, partitioner: "consistent_random", messages: 10)
            settings.topic = topic
            settings.partitions = partitions
            settings.mockCluster = nil  // as `kbench produce --bootstrap <kbench broker>` sees it
            return settings
        }
        #expect(throws: KafkaLiveError.topicPartitions(topic: existing, found: 3, asked: 5, creation: "it existed already")) {
            try ProduceBenchmark.run(try settings(existing, partitions: 5))
        }
        #expect(try ProduceBenchmark.run(try settings(existing, partitions: 3)).delivered == 10)
        let missing = Live.topic("missing")
        #expect {
            try ProduceBenchmark.run(try settings(missing, partitions: 4))
        } throws: { error in
            guard case .topicPartitions(missing, nil, 4, let creation) = error as? KafkaLiveError else { return false }
            return creation.hasPrefix("CreateTopics not tried: the cluster names no controller")
        }
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration)
        #expect(try producer.topics(timeoutMilliseconds: Live.timeoutMilliseconds)[missing] == nil, "not auto-created with the mock's 4")
    }

    @Test("null keys under sticky strategies are not predictable per record, never mismatches")
    func nullKeys() throws {
        let cluster = try MockCluster(brokers: 1)
        for partitioner in ["consistent_random", "java"] {
            let result = try ProduceBenchmark.run(try Self.settings(cluster, keys: .none, partitioner: partitioner, messages: 3_000))
            #expect(result.delivered == 3_000)
            #expect(result.check.checked == 0)
            #expect(result.check.mismatched == 0)
            #expect(result.check.notPredictable == 3_000)
        }
    }

    @Test("a mispredicting strategy would be caught: the check compares against the strategy named")
    func mismatchDetected() throws {
        // librdkafka's own murmur2 places keys; predictions from consistent (CRC-32) must disagree.
        let cluster = try MockCluster(brokers: 1)
        let topic = Live.topic("mismatch")
        try cluster.createTopic(topic, partitions: 8)
        let crc = try #require(StrategyRegistry.strategy(named: "librdkafka:consistent"))
        let collector = ReportCollector()
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration, partitioner: .librdkafka("murmur2"), onDelivery: collector.record)
        var generator = try KeyGenerator(parsing: "seq:k:200")
        var key = KeyBuffer()
        var keys: [UInt: [UInt8]] = [:]
        var id: UInt = 0
        let handle = try producer.topic(topic)
        while generator.nextKey(into: &key) {
            keys[id] = key.bytes
            let code = key.withUnsafeBytes { producer.produce(to: handle, key: $0, value: nil, id: id) }
            #expect(code == .noError)
            id += 1
        }
        try producer.flush(timeoutMilliseconds: Live.timeoutMilliseconds)
        let mismatches = collector.all.filter { report in
            let key = keys[report.messageID] ?? []
            return key.withUnsafeBytes { crc.deterministicPartition(key: $0, partitionCount: .valid(8)) } != report.partition
        }
        #expect(collector.all.count == 200)
        #expect(mismatches.count > 100, "murmur2 and CRC-32 agree only by chance (1/8)")
    }

    @Test("an unreachable bootstrap fails within the connect timeout")
    func unreachable() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let settings = ProduceSettings(
            topic: "t", limit: .messages(1), configuration: KafkaConfiguration(["bootstrap.servers": "127.0.0.1:1", "log_level": "0"]),
            connectTimeout: .seconds(2))
        #expect(throws: KafkaLiveError.self) { _ = try ProduceBenchmark.run(settings) }
        #expect(started.duration(to: clock.now) < .seconds(10))
    }
}
