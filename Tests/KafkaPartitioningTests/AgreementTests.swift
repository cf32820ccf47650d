import Testing
import KafkaPartitioning
import TestSupport

/// The agreement matrix and the migration figures of a partition study (issue 18).
@Suite("Agreement matrix and migration")
struct AgreementTests {
    static func strategies(_ names: [String]) throws -> [PartitionStrategy] {
        try names.map { try #require(StrategyRegistry.strategy(named: $0)) }
    }

    /// `count` random keys of 16 bytes (a fixed LCG, so the test is deterministic).
    static func randomKeys(_ count: Int) -> KeyBatch {
        var state: UInt64 = 0x2545_f491_4f6c_dd1d
        var batch = KeyBatch()
        var key = [UInt8](repeating: 0, count: 16)
        for _ in 0..<count {
            for index in key.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                key[index] = UInt8(truncatingIfNeeded: state >> 56)
            }
            batch.append(key)
        }
        return batch
    }

    static func study(_ names: [String], keys: KeyBatch, n: Int, migration: (String, String)? = nil) throws -> PartitionStudyResult {
        let request = try migration.map { try PlacementMigrationRequest(from: strategies([$0.0])[0], to: strategies([$0.1])[0]) }
        var study = try PartitionDistributionStudy(configuration: PartitionStudyConfiguration(
            strategies: strategies(names), partitionCounts: [PartitionCount(n)], migration: request))
        study.add(keys)
        return study.result(source: "test")
    }

    @Test("java and librdkafka:murmur2 agree on every key (100 %), key by key and in the matrix")
    func javaMurmur2() throws {
        let keys = Self.randomKeys(20_000)
        let result = try Self.study(["java", "librdkafka:murmur2"], keys: keys, n: 12)
        let matrix = try #require(result.agreements.first)
        #expect(matrix.share(between: "java", and: "librdkafka:murmur2") == 1)
        let (java, librdkafka) = (try Self.strategies(["java"])[0].makePartitioner(), try Self.strategies(["librdkafka:murmur2"])[0].makePartitioner())
        for index in 0..<keys.count {
            #expect(java.partition(key: keys[index], partitionCount: .valid(12)) == librdkafka.partition(key: keys[index], partitionCount: .valid(12)))
        }
    }

    @Test("java vs librdkafka:consistent_random on random keys: ≈ 1/n, equal to a key-by-key count", arguments: [3, 12, 100])
    func javaConsistentRandom(n: Int) throws {
        let keys = Self.randomKeys(60_000)
        let result = try Self.study(["java", "librdkafka:consistent_random", "sarama:hash"], keys: keys, n: n)
        let matrix = try #require(result.agreements.first)
        let share = try #require(matrix.share(between: "java", and: "librdkafka:consistent_random"))
        #expect(abs(share - 1 / Double(n)) < 4 * (1 / Double(n) / 60_000).squareRoot() + 0.002, "share \(share) at n = \(n)")
        let (java, crc) = (try Self.strategies(["java"])[0].makePartitioner(), try Self.strategies(["librdkafka:consistent_random"])[0].makePartitioner())
        var same = 0
        for index in 0..<keys.count where java.partition(key: keys[index], partitionCount: .valid(n)) == crc.partition(key: keys[index], partitionCount: .valid(n)) {
            same += 1
        }
        let row = try #require(matrix.groupIndex(of: "java")), column = try #require(matrix.groupIndex(of: "librdkafka:consistent_random"))
        #expect(matrix.agreeingRecords[row][column] == same)
        #expect(matrix.agreeingRecords[column][row] == same)
        #expect(matrix.comparedRecords[row][column] == keys.count)
    }

    /// Partitions over 3, by hand from the hashes in results/golden/partition-vectors.csv:
    ///
    /// | key | murmur2 → java | crc32 → consistent | fnv1a → sarama:hash |
    /// |---|---|---|---|
    /// | `21` | 0xc5f2f8ec & 0x7fffffff = 1173551340 → 0 | 0xfd7746b4 = 4252452532 → 1 | \|0x8cf297ec as int32\| = 1930258452 → 0 |
    /// | `foobar` | 0xd0e47bbe → 0 | 0x9ef61f95 → 2 | 0xbf9cf968 → 0 |
    /// | `abc` | 0x1c94221b → 0 | 0x352441c2 → 0 | 0x1a47e90b → 2 |
    /// | `kafka` | 0xd067cf64 → 1 | 0x5bbc7517 → 2 | 0x0d33c4e1 → 2 |
    /// | (empty) | 0x106e08d9 → 0 | 0 → 0 | 0x811c9dc5 → 0 |
    ///
    /// java–consistent agree on abc and the empty key (2 of 5), java–sarama:hash on 21, foobar
    /// and the empty key (3 of 5), consistent–sarama:hash on kafka and the empty key (2 of 5).
    /// consistent_random treats the empty key like a null key, so its pairs compare 4 keys:
    /// with java 1 (abc), with sarama:hash 1 (kafka), with consistent 4.
    @Test("a hand-computed case: three rules and an empty key")
    func handComputed() throws {
        let keys = KeyBatch(["21", "foobar", "abc", "kafka", ""].map { Array($0.utf8) })
        let names = ["java", "librdkafka:consistent", "sarama:hash", "librdkafka:consistent_random"]
        let result = try Self.study(names, keys: keys, n: 3, migration: ("librdkafka:consistent_random", "java"))
        let matrix = try #require(result.agreements.first)
        #expect(matrix.groups.map(\.strategies) == names.map { [$0] })
        #expect(matrix.agreeingRecords == [[5, 2, 3, 1], [2, 5, 2, 4], [3, 2, 5, 1], [1, 4, 1, 4]])
        #expect(matrix.comparedRecords == [[5, 5, 5, 4], [5, 5, 5, 4], [5, 5, 5, 4], [4, 4, 4, 4]])
        #expect(matrix.share(between: "java", and: "sarama:hash") == 0.6)

        // Moving consistent_random → java: 21 (1 → 0), foobar (2 → 0), kafka (2 → 1) move; abc stays.
        let migration = try #require(result.migrations.first)
        #expect(migration.records == 4)
        #expect(migration.moved == 3)
        #expect(migration.outflow == [0, 1, 2])
        #expect(migration.inflow == [2, 1, 0])
    }

    @Test("strategies sharing a rule and empty-key handling form one group; key-ignoring ones none")
    func grouping() throws {
        let groups = PlacementGroup.grouping(try Self.strategies(["java", "librdkafka:random", "kafka-go:murmur2-consistent", "librdkafka:consistent", "kafka-go:crc32"]))
        #expect(groups.map(\.strategies) == [["java", "kafka-go:murmur2-consistent"], ["librdkafka:consistent"], ["kafka-go:crc32"]])
        #expect(groups[0].name == "java +1")
    }

    @Test("no matrix below two key-hashing strategies; a migration end that ignores keys is rejected")
    func limits() throws {
        let result = try Self.study(["java", "java:round-robin"], keys: Self.randomKeys(100), n: 12)
        #expect(result.agreements.isEmpty)
        #expect(throws: PartitionStudyError.migrationWithoutKeyRule("java:round-robin")) {
            try PlacementMigrationRequest(from: Self.strategies(["java"])[0], to: Self.strategies(["java:round-robin"])[0])
        }
    }
}
