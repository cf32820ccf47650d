import KafkaPartitioning
import Testing
import TestSupport

@Suite("Placement: single-key placements, tallies")
struct PlacementTests {
    @Test("single-key placements: partitions where the key decides, the rule otherwise")
    func placements() throws {
        let count = try PartitionCount(1009)
        let placements = KeyPlacement.placements(key: Array("kafka".utf8), partitionCount: count, strategies: StrategyRegistry.all)
        #expect(placements.count == StrategyRegistry.all.count)
        #expect(placements.first { $0.strategy == "java" }?.partition == Int32(0x5067_cf64 % 1009))
        #expect(placements.first { $0.strategy == "java:round-robin" }?.partition == nil)
        let empty = KeyPlacement.placements(key: [], partitionCount: count, strategies: StrategyRegistry.all)
        #expect(empty.first { $0.strategy == "librdkafka:consistent_random" }?.rule.hasPrefix("empty key like null") == true)
        let null = KeyPlacement.placements(key: nil, partitionCount: count, strategies: StrategyRegistry.all)
        #expect(null.filter { $0.partition != nil }.map(\.strategy) == [
            "librdkafka:consistent", "librdkafka:murmur2", "librdkafka:fnv1a", "kafka-go:crc32-consistent", "kafka-go:murmur2-consistent",
        ])
    }

    @Test("tallies: hashed strategies equal the batch kernels, stateful ones are simulated, totals add up")
    func tally() throws {
        let count = try PartitionCount(12)
        var keys = TestKeys.random(count: 5000, lengths: 0...40, seed: 3)
        keys[10] = []
        keys[20] = []
        var tally = PartitionTally(strategies: StrategyRegistry.all, partitionCount: count)
        tally.add(KeyBatch(keys.prefix(2000)))
        tally.add(KeyBatch(keys.dropFirst(2000)))
        tally.addNullKey()
        #expect(tally.recordCount == 5001)
        for (strategy, result) in zip(StrategyRegistry.all, tally.results) {
            #expect(result.records == 5001, "\(strategy.name)")
            #expect(result.counts.reduce(0, +) == 5001, "\(strategy.name)")
            guard let rule = strategy.keyRule else {
                #expect(result.simulated == 5001)
                continue
            }
            var expected = [Int](repeating: 0, count: 12)
            var simulated = 1  // the null key
            for key in keys {
                if key.isEmpty && strategy.descriptor.emptyKey == .likeNullKey {
                    simulated += 1
                } else {
                    expected[Int(rule.partition(key, partitionCount: .valid(12)))] += 1
                }
            }
            #expect(result.simulated == simulated, "\(strategy.name)")
            // Hashed placements are exact; the simulated ones add at most `simulated` records.
            let excess = zip(result.counts, expected).map { $0 - $1 }
            #expect(excess.allSatisfy { $0 >= 0 } && excess.reduce(0, +) == simulated, "\(strategy.name)")
        }
    }
}
