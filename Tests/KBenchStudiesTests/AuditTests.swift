import KafkaLive
import KafkaLiveTestSupport
import KafkaPartitioning
import KBenchWorkloads
import Testing
@testable import KBenchStudies

@Suite("PartitionAudit: which partitioner wrote the topic")
struct AuditTests {
    /// Produces `spec`'s keys to `topic` with `partitioner`.
    static func produce(_ cluster: MockCluster, topic: String, spec: String, partitioner: String) throws {
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration, partitioner: try ProducerPartitioner(name: partitioner))
        let handle = try producer.topic(topic)
        var generator = try KeyGenerator(parsing: spec, seed: 4)
        var key = KeyBuffer()
        while generator.nextKey(into: &key) {
            var code = key.withUnsafeBytes { producer.produce(to: handle, key: $0, value: nil) }
            while code == .queueFull {
                producer.poll(timeoutMilliseconds: 10)
                code = key.withUnsafeBytes { producer.produce(to: handle, key: $0, value: nil) }
            }
        }
        try producer.flush(timeoutMilliseconds: Live.timeoutMilliseconds)
    }

    @Test("one producer: a single verdict naming its rule's strategies")
    func single() throws {
        let cluster = try MockCluster(brokers: 2)
        let topic = Live.topic("audit-single")
        try cluster.createTopic(topic, partitions: 10)
        try Self.produce(cluster, topic: topic, spec: "uuid:2000", partitioner: "sarama:hash")
        let result = try PartitionAudit.run(.init(topic: topic, configuration: cluster.clientConfiguration))
        #expect(result.records == 2000 && result.keyedRecords == 2000 && result.readWholeTopic)
        #expect(result.verdict == .single)
        #expect(result.components.count == 1)
        #expect(result.components[0].strategies.contains("sarama:hash"))
        #expect(result.candidates[0].share == 1)
        #expect(result.candidates.dropFirst().allSatisfy { $0.share < 1 && !$0.counterexamples.isEmpty })
    }

    @Test("Java and librdkafka producers on one topic: MIXED, each share found, breaking keys listed")
    func mixed() throws {
        let cluster = try MockCluster(brokers: 2)
        let topic = Live.topic("audit-mixed")
        try cluster.createTopic(topic, partitions: 12)
        try Self.produce(cluster, topic: topic, spec: "seq:user-:1500", partitioner: "java")
        try Self.produce(cluster, topic: topic, spec: "seq:acct-:500", partitioner: "consistent_random")
        let result = try PartitionAudit.run(.init(topic: topic, configuration: cluster.clientConfiguration))
        #expect(result.verdict == .mixed)
        #expect(result.components.count == 2)
        #expect(result.components[0].strategies.contains("java"))
        #expect(result.components[1].strategies.contains("librdkafka:consistent_random"))
        // Each component explains its own producer's keys (plus chance matches of the other's).
        // Estimated shares, not the greedy count (1500 + chance matches of the other's keys).
        #expect(Swift.abs(result.components[0].share - 0.75) < 0.03)
        #expect(Swift.abs(result.components[0].share + result.components[1].share - 1) < 1e-6)
        #expect(result.unexplainedRecords == 0)
        #expect(result.ambiguousRecords == result.components[0].ambiguousRecords)
        let murmur = try #require(result.candidates.first { $0.strategies.contains("java") })
        #expect(murmur.counterexamples.allSatisfy { $0.key.hasPrefix("acct-") })
    }

    @Test("a topic that does not exist: topicNotFound, and it still does not exist afterwards")
    func missingTopic() throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = Live.topic("audit-missing")
        #expect(throws: AuditError.topicNotFound(topic: topic, servers: cluster.bootstrapServers)) {
            try PartitionAudit.run(.init(topic: topic, configuration: cluster.clientConfiguration, timeout: .seconds(5)))
        }
        let client = try KafkaProducer(configuration: cluster.clientConfiguration)
        #expect(try client.topics(timeoutMilliseconds: Live.timeoutMilliseconds)[topic] == nil)
    }

    @Test("a sample reads at most --max-records, spread over partitions")
    func sample() throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = Live.topic("audit-sample")
        try cluster.createTopic(topic, partitions: 4)
        try Self.produce(cluster, topic: topic, spec: "seq:k:1000", partitioner: "murmur2")
        let result = try PartitionAudit.run(.init(topic: topic, maxRecords: 100, configuration: cluster.clientConfiguration))
        #expect(result.records == 100)
        #expect(!result.readWholeTopic)
        #expect(result.verdict == .single)
        #expect(result.sample.partitions.map(\.recordsRead).reduce(0, +) == 100)
        // The windows reach into the newest quarter of every partition, not only its oldest records.
        #expect(result.sample.partitions.allSatisfy { ($0.windows.last?.end ?? 0) > $0.low + 3 * $0.available / 4 })
    }
}
