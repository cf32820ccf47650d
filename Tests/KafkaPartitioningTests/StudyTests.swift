import KafkaPartitioning
import Testing
import TestSupport

@Suite("Study: distribution of a key stream over strategies and partition counts")
struct StudyTests {
    static func keys(_ texts: [String]) -> [[UInt8]] { texts.map { Array($0.utf8) } }

    /// Runs `keys` through a study in batches of `batchSize`.
    static func run(_ configuration: PartitionStudyConfiguration, keys: [[UInt8]], batchSize: Int = 500) throws -> PartitionStudyResult {
        var study = try PartitionDistributionStudy(configuration: configuration)
        var start = 0
        while start < keys.count {
            let end = min(keys.count, start + batchSize)
            study.add(KeyBatch(keys[start..<end]))
            start = end
        }
        return study.result(source: "test")
    }

    /// 3,000 keys with a few empty ones, so `consistent_random` and kafka-go's CRC32 simulate some.
    static let mixedKeys: [[UInt8]] = (0..<3000).map { $0 % 97 == 0 ? [] : Array("key-\($0)".utf8) }

    @Test("one partition count: every strategy's counts equal PartitionTally's (same seeds, same model)")
    func matchesTally() throws {
        let count = try PartitionCount(7)
        let producer = ProducerConfiguration(lingerMilliseconds: 0, javaRoundRobinModel: .beforeKafka39)
        let result = try Self.run(
            PartitionStudyConfiguration(partitionCounts: [count], producer: producer, seed: 99), keys: Self.mixedKeys)
        var tally = PartitionTally(strategies: StrategyRegistry.all, partitionCount: count, configuration: producer, seed: 99)
        tally.add(KeyBatch(Self.mixedKeys))
        #expect(result.records == 3000)
        #expect(result.emptyKeys == 31)
        #expect(result.distributions.count == StrategyRegistry.all.count)
        for (distribution, expected) in zip(result.distributions, tally.results) {
            #expect(distribution.strategy == expected.strategy)
            #expect(distribution.counts == expected.counts, "\(distribution.strategy)")
            #expect(distribution.hashedRecords == expected.hashed, "\(distribution.strategy)")
            #expect(distribution.simulatedRecords == expected.simulated, "\(distribution.strategy)")
        }
    }

    @Test("several counts: hashed lanes equal the one-key rule; every strategy accounts for every record")
    func severalCounts() throws {
        let counts = try [1, 6, 12, 1009].map { try PartitionCount($0) }
        let result = try Self.run(PartitionStudyConfiguration(partitionCounts: counts), keys: Self.mixedKeys, batchSize: 333)
        #expect(result.partitionCounts.map(\.value) == [1, 6, 12, 1009])
        #expect(result.distributions.count == 4 * StrategyRegistry.all.count)
        for distribution in result.distributions {
            #expect(distribution.counts.count == Int(distribution.partitionCount.value))
            #expect(distribution.counts.reduce(0, +) == 3000, "\(distribution.strategy)@\(distribution.partitionCount)")
            #expect(distribution.hashedRecords + distribution.simulatedRecords == 3000)
            guard let strategy = StrategyRegistry.strategy(named: distribution.strategy) else {
                Issue.record("unknown strategy \(distribution.strategy)")
                continue
            }
            guard strategy.isKeyDeterministic else {
                #expect(distribution.hashedRecords == 0)
                continue
            }
            var expected = Array(repeating: 0, count: Int(distribution.partitionCount.value))
            for key in Self.mixedKeys {
                if let partition = key.withUnsafeBytes({ strategy.deterministicPartition(key: $0, partitionCount: distribution.partitionCount) }) {
                    expected[Int(partition)] += 1
                }
            }
            #expect(distribution.hashedRecords == expected.reduce(0, +))
            if distribution.simulatedRecords == 0 {
                #expect(distribution.counts == expected, "\(distribution.strategy)@\(distribution.partitionCount)")
            }
        }
        #expect(result.distribution(strategy: "librdkafka:consistent_random", partitionCount: .valid(12))?.simulatedRecords == 31)
    }

    @Test("KAFKA-9965 through the study: before 3.9, linger 0, 4 partitions → every other partition empty")
    func roundRobinBug() throws {
        let keys = Self.keys((0..<400).map { "k\($0)" })
        func counts(_ model: JavaRoundRobinModel) throws -> [Int] {
            let configuration = PartitionStudyConfiguration(
                strategies: [try #require(StrategyRegistry.strategy(named: "java:round-robin"))],
                partitionCounts: [try PartitionCount(4)],
                producer: ProducerConfiguration(lingerMilliseconds: 0, javaRoundRobinModel: model))
            return try #require(try Self.run(configuration, keys: keys).distributions.first).counts
        }
        #expect(try counts(.beforeKafka39) == [0, 200, 0, 200])
        #expect(try counts(.kafka39OrLater) == [100, 100, 100, 100])
    }

    @Test("a hot key makes its partition the hottest and is named behind it, with its share")
    func hotKeys() throws {
        var keys: [[UInt8]] = []
        for index in 0..<6000 {
            keys.append(index % 3 == 0 ? Array("hot".utf8) : Array("cold-\(index)".utf8))
        }
        let java = try #require(StrategyRegistry.strategy(named: "java"))
        let random = try #require(StrategyRegistry.strategy(named: "librdkafka:random"))
        let result = try Self.run(
            PartitionStudyConfiguration(strategies: [java, random], partitionCounts: [try PartitionCount(12)], sketchCapacity: 64),
            keys: keys)
        let distribution = try #require(result.distribution(strategy: "java", partitionCount: .valid(12)))
        let hotPartition = Int(KeyHashing.kafkaDefault.partition(Array("hot".utf8), partitionCount: .valid(12)))
        #expect(distribution.summary.hottestPartition == hotPartition)
        let top = try #require(distribution.hotKeys.first)
        #expect(top.key.key == Array("hot".utf8))
        #expect(top.key.count <= 2000 && 2000 <= top.key.count + top.key.maximumError)
        #expect(abs(top.shareOfPartition - Double(top.key.count) / Double(distribution.counts[hotPartition])) < 1e-12)
        #expect(result.hotKeys.first?.key == Array("hot".utf8))
        #expect(result.distribution(strategy: "librdkafka:random", partitionCount: .valid(12))?.hotKeys.isEmpty == true)
        // The hot key skews murmur2's spread far beyond the random strategy's.
        let skewed = try #require(distribution.summary.maximumOverMean)
        let even = try #require(result.distribution(strategy: "librdkafka:random", partitionCount: .valid(12))?.summary.maximumOverMean)
        #expect(skewed > 3 && even < 1.3)
        #expect((distribution.summary.chiSquare.pValue ?? 1) < 1e-12)
    }

    @Test("null-key records follow each strategy's null-key rule")
    func nullKeys() throws {
        let names = ["librdkafka:murmur2", "kafkajs:default", "java:round-robin"]
        let strategies = try names.map { try #require(StrategyRegistry.strategy(named: $0)) }
        var study = try PartitionDistributionStudy(configuration: PartitionStudyConfiguration(
            strategies: strategies, partitionCounts: [try PartitionCount(6)]))
        study.addNullKeys(600)
        let result = study.result(source: "nulls")
        #expect(result.nullKeys == 600)
        let murmur = try #require(result.distribution(strategy: "librdkafka:murmur2", partitionCount: .valid(6)))
        #expect(murmur.counts[3] == 600)  // murmur2("") & 0x7fffffff = 0x106e08d9, % 6 = 3
        #expect(murmur.simulatedRecords == 600)
        let kafkajs = try #require(result.distribution(strategy: "kafkajs:default", partitionCount: .valid(6)))
        #expect(kafkajs.counts == [100, 100, 100, 100, 100, 100])
    }

    @Test("invalid configurations name the field")
    func validation() throws {
        #expect(throws: PartitionStudyError.noStrategies) {
            _ = try PartitionDistributionStudy(configuration: PartitionStudyConfiguration(strategies: [], partitionCounts: [try PartitionCount(3)]))
        }
        #expect(throws: PartitionStudyError.noPartitionCounts) {
            _ = try PartitionDistributionStudy(configuration: PartitionStudyConfiguration(partitionCounts: []))
        }
        #expect(throws: PartitionStudyError.partitionCountTooLarge(200_000, limit: 100_000)) {
            _ = try PartitionDistributionStudy(configuration: PartitionStudyConfiguration(partitionCounts: [try PartitionCount(200_000)]))
        }
        #expect(throws: PartitionStudyError.invalidSketchCapacity(0, limit: 1 << 20)) {
            _ = try PartitionDistributionStudy(configuration: PartitionStudyConfiguration(partitionCounts: [try PartitionCount(3)], sketchCapacity: 0))
        }
        #expect("\(PartitionStudyError.partitionCountTooLarge(200_000, limit: 100_000))".contains("partitionCounts"))
    }
}
