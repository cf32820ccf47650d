import Testing
import KafkaPartitioning

@Suite("Study: key movement when the partition count changes")
struct ResizeTests {
    @Test("parsing N:M, with errors naming the field")
    func parsing() throws {
        let resize = try PartitionResize(parsing: "12:13")
        #expect(resize.from.value == 12 && resize.to.value == 13)
        #expect(resize.description == "12:13")
        #expect(try PartitionResize(parsing: " 6 : 24 ").to.value == 24)
        for bad in ["12", "12:", "a:13", "0:4", "4:-1", "1:2:3", "12:99999999999"] {
            #expect(throws: PartitionStudyError.self) { _ = try PartitionResize(parsing: bad) }
        }
        do {
            _ = try PartitionResize(parsing: "0:4")
            Issue.record("0:4 accepted")
        } catch {
            #expect(error.description == "resize '0:4': N must be between 1 and 2147483647")
        }
    }

    @Test("expected movement 1 − min/lcm")
    func expected() throws {
        #expect(abs(try PartitionResize(from: 12, to: 13).expectedMovedFraction - 12.0 / 13) < 1e-15)
        #expect(try PartitionResize(from: 12, to: 24).expectedMovedFraction == 0.5)
        #expect(try PartitionResize(from: 24, to: 12).expectedMovedFraction == 0.5)
        #expect(try PartitionResize(from: 7, to: 7).expectedMovedFraction == 0)
        #expect(abs(try PartitionResize(from: 6, to: 9).expectedMovedFraction - (1 - 6.0 / 18)) < 1e-15)
        #expect(try PartitionResize(from: 1, to: 4).expectedMovedFraction == 0.75)
    }

    @Test("measured movement equals a direct count, and is close to the expectation for uniform keys")
    func measured() throws {
        let keys = (0..<20_000).map { Array("user-\($0)".utf8) } + [[]]
        let resizes = try [PartitionResize(from: 12, to: 13), PartitionResize(from: 12, to: 24)]
        var study = try PartitionDistributionStudy(configuration: PartitionStudyConfiguration(
            partitionCounts: [try PartitionCount(12)], resizes: resizes))
        study.add(KeyBatch(keys))
        let result = study.result(source: "users")
        #expect(result.resizes.count == 2 * StrategyRegistry.all.count)
        for resize in resizes {
            for outcome in result.resizes(resize) {
                let strategy = try #require(StrategyRegistry.strategy(named: outcome.strategy))
                guard strategy.isKeyDeterministic else {
                    #expect(outcome.records == 0 && outcome.expectedMovedFraction == nil && outcome.movedFraction == nil)
                    continue
                }
                var considered = 0
                var moved = 0
                for key in keys {
                    let before = key.withUnsafeBytes { strategy.deterministicPartition(key: $0, partitionCount: resize.from) }
                    let after = key.withUnsafeBytes { strategy.deterministicPartition(key: $0, partitionCount: resize.to) }
                    guard let before, let after else { continue }
                    considered += 1
                    if before != after { moved += 1 }
                }
                #expect(outcome.records == considered, "\(outcome.strategy) \(resize)")
                #expect(outcome.moved == moved, "\(outcome.strategy) \(resize)")
                let fraction = try #require(outcome.movedFraction)
                #expect(abs(fraction - resize.expectedMovedFraction) < 0.02, "\(outcome.strategy) \(resize): \(fraction)")
            }
        }
        let java = try #require(result.resizes(resizes[0]).first { $0.strategy == "java" })
        #expect(java.records == 20_001)
        let consistentRandom = try #require(result.resizes(resizes[0]).first { $0.strategy == "librdkafka:consistent_random" })
        #expect(consistentRandom.records == 20_000)  // the empty key is not placed by its bytes
    }
}
