import KafkaPartitioning
import Testing
import TestSupport

@Suite("Strategies: keys, empty keys, null keys, published partition vectors")
struct StrategyTests {
    static let keys = TestKeys.random(count: 3000, lengths: 1...64, seed: 5)

    @Test("every key-deterministic strategy's partitioner equals its rule for non-empty keys", arguments: StrategyRegistry.keyDeterministic)
    func partitionerEqualsRule(strategy: PartitionStrategy) throws {
        let rule = try #require(strategy.keyRule)
        let partitioner = strategy.makePartitioner(seed: 11)
        for n in [1, 2, 3, 12, 1009].map(PartitionCount.valid) {
            for key in Self.keys {
                let expected = rule.partition(key, partitionCount: n)
                #expect(partitioner.partition(key: key, partitionCount: n) == expected)
                #expect(key.withUnsafeBytes { strategy.deterministicPartition(key: $0, partitionCount: n) } == expected)
            }
        }
    }

    @Test("empty keys: hashed except where the client treats them like null")
    func emptyKeys() throws {
        for strategy in StrategyRegistry.keyDeterministic {
            let empty = strategy.deterministicPartition(key: UnsafeRawBufferPointer(start: nil, count: 0), partitionCount: .valid(12))
            let likeNull = ["librdkafka:consistent_random", "kafka-go:crc32"].contains(strategy.name)
            #expect((empty == nil) == likeNull, "\(strategy.name)")
        }
        // Java hashes the empty key: murmur2("") = 0x106e08d9.
        let java = try #require(StrategyRegistry.strategy(named: "java"))
        #expect(java.deterministicPartition(key: UnsafeRawBufferPointer(start: nil, count: 0), partitionCount: .valid(1009)) == Int32(0x106e_08d9 % 1009))
    }

    @Test("null keys: only librdkafka consistent, murmur2 and fnv1a and kafka-go's Consistent balancers are deterministic")
    func nullKeys() {
        let deterministic = StrategyRegistry.all.filter { $0.deterministicPartition(key: nil, partitionCount: .valid(12)) != nil }.map(\.name)
        #expect(deterministic == [
            "librdkafka:consistent", "librdkafka:murmur2", "librdkafka:fnv1a", "kafka-go:crc32-consistent", "kafka-go:murmur2-consistent",
        ])
    }

    @Test("partitions are in range for every strategy, key kind and count", arguments: StrategyRegistry.all)
    func inRange(strategy: PartitionStrategy) {
        let partitioner = strategy.makePartitioner(seed: 2)
        for n in [1, 2, 7, 1009].map(PartitionCount.valid) {
            for key: [UInt8]? in [nil, [], [1], Array("kafka".utf8)] {
                for _ in 0..<20 {
                    let partition = partitioner.partition(key: key, partitionCount: n)
                    #expect((0..<n.value).contains(partition), "\(strategy.name) n=\(n)")
                }
            }
        }
    }

    @Test("Sarama TestConsistentCRCHashPartitioner vectors (n = 100)", arguments: [
        ("abc123def456", 57), ("SheetJS", 26), ("9e8c7f4cf45857cfff7645d6", 24),
        ("3900446192ff85a5f67da10c", 75), ("0f4407b7a67d6d27de372198", 50),
    ] as [(String, Int32)])
    func saramaCRC(key: String, expected: Int32) throws {
        for name in ["sarama:crc", "librdkafka:consistent", "librdkafka:consistent_random", "kafka-go:crc32"] {
            let strategy = try #require(StrategyRegistry.strategy(named: name))
            #expect(strategy.makePartitioner().partition(key: Array(key.utf8), partitionCount: .valid(100)) == expected, "\(name)")
        }
    }

    @Test("Sarama's MinInt32 key: fnv1a = 2^31 stays in range; each sign rule gives its own answer")
    func minInt32() throws {
        let key = Array("1468509572224".utf8)
        func partition(_ name: String) throws -> Int32 {
            try #require(StrategyRegistry.strategy(named: name)).makePartitioner().partition(key: key, partitionCount: .valid(50))
        }
        #expect(try partition("sarama:hash") == 48)  // |−2^31| % 50 = 2147483648 % 50
        #expect(try partition("kafka-go:hash") == 48)
        #expect(try partition("franz-go:sarama-compat") == 48)
        #expect(try partition("librdkafka:fnv1a") == 48)
        #expect(try partition("sarama:reference") == 0)  // 2^31 & 0x7fffffff = 0
        #expect(try partition("franz-go:sarama") == 48)  // unsigned 2^31 % 50
    }

    @Test("franz-go SaramaHasher (unsigned) differs from Sarama exactly for negative int32 hashes")
    func franzGoSaramaHasher() throws {
        let franz = try #require(StrategyRegistry.strategy(named: "franz-go:sarama")).makePartitioner()
        let sarama = try #require(StrategyRegistry.strategy(named: "sarama:hash")).makePartitioner()
        var differing = 0
        for key in Self.keys {
            let hash = FNV1a.hash(key)
            let a = franz.partition(key: key, partitionCount: .valid(7))
            let b = sarama.partition(key: key, partitionCount: .valid(7))
            #expect(a == Int32(hash % 7))
            if hash < 0x8000_0000 { #expect(a == b) } else if a != b { differing += 1 }
        }
        #expect(differing > Self.keys.count / 4)
    }

    @Test("KafkaJS default = Java placement; legacy differs; both use toPositive")
    func kafkaJS() throws {
        let java = try #require(StrategyRegistry.strategy(named: "java"))
        let kafkajs = try #require(StrategyRegistry.strategy(named: "kafkajs:default"))
        let legacy = try #require(StrategyRegistry.strategy(named: "kafkajs:legacy"))
        var same = 0
        for key in Self.keys {
            let j = key.withUnsafeBytes { java.deterministicPartition(key: $0, partitionCount: .valid(1009)) }
            #expect(key.withUnsafeBytes { kafkajs.deterministicPartition(key: $0, partitionCount: .valid(1009)) } == j)
            let l = key.withUnsafeBytes { legacy.deterministicPartition(key: $0, partitionCount: .valid(1009)) }
            #expect(l == Int32(KafkaJSLegacyMurmur2.hash(key) & 0x7fff_ffff) % 1009)
            if l == j { same += 1 }
        }
        #expect(same < Self.keys.count / 50)
    }
}
