import Testing
import KafkaPartitioning

@Suite("Strategy registry: names, selection, descriptors")
struct StrategyRegistryTests {
    static let expectedNames = [
        "java", "java:round-robin", "java:sticky", "java:uniform-sticky",
        "librdkafka:random", "librdkafka:consistent", "librdkafka:consistent_random", "librdkafka:murmur2",
        "librdkafka:murmur2_random", "librdkafka:fnv1a", "librdkafka:fnv1a_random",
        "sarama:hash", "sarama:reference", "sarama:crc", "sarama:custom-crc32", "sarama:murmur2",
        "franz-go:kafka", "franz-go:sarama", "franz-go:sarama-compat",
        "kafka-go:hash", "kafka-go:hash-legacy", "kafka-go:reference", "kafka-go:crc32", "kafka-go:crc32-consistent",
        "kafka-go:murmur2", "kafka-go:murmur2-consistent",
        "kafkajs:default", "kafkajs:legacy", "kafka-python:default",
    ]

    @Test("every name of the issue is registered, once, in table order")
    func names() {
        #expect(StrategyRegistry.names == Self.expectedNames)
        #expect(Set(StrategyRegistry.names).count == StrategyRegistry.names.count)
    }

    @Test("selection: all, lists with spaces and duplicates, unknown names listing the valid ones")
    func selection() throws {
        #expect(try StrategyRegistry.select("all").count == Self.expectedNames.count)
        #expect(try StrategyRegistry.select(" java , sarama:hash,java").map(\.name) == ["java", "sarama:hash"])
        #expect(throws: PartitioningError.self) { try StrategyRegistry.select("java,nope") }
        do {
            _ = try StrategyRegistry.select("nope")
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("'nope'"))
            #expect(error.description.contains("librdkafka:murmur2_random"))
            #expect(error.description.contains("all"))
        }
        #expect(throws: PartitioningError.self) { try StrategyRegistry.select(" , ") }
    }

    @Test("key rules: the Java rule is shared by all Java-compatible strategies")
    func javaCompatible() {
        let javaRule = StrategyRegistry.keyRules.first { $0.rule == .kafkaDefault }
        let names = Set(javaRule?.strategies.map(\.name) ?? [])
        #expect(names == [
            "java", "java:sticky", "librdkafka:murmur2", "librdkafka:murmur2_random", "sarama:murmur2",
            "franz-go:kafka", "kafka-go:murmur2", "kafka-go:murmur2-consistent", "kafkajs:default", "kafka-python:default",
        ])
        #expect(StrategyRegistry.keyRules.count == 7)
    }

    @Test("keys-ignoring strategies are not key-deterministic")
    func keyIgnoring() {
        let ignoring = StrategyRegistry.all.filter { !$0.isKeyDeterministic }.map(\.name)
        #expect(ignoring == ["java:round-robin", "java:uniform-sticky", "librdkafka:random"])
        for strategy in StrategyRegistry.all {
            #expect(!strategy.descriptor.summary.isEmpty)
            #expect(!strategy.descriptor.matches.isEmpty)
        }
    }

    @Test("each client's default is flagged")
    func defaults() {
        let defaults = StrategyRegistry.all.filter(\.descriptor.isClientDefault).map(\.name)
        #expect(defaults == [
            "java", "librdkafka:consistent_random", "sarama:hash", "franz-go:kafka", "kafkajs:default", "kafka-python:default",
        ])
    }
}
