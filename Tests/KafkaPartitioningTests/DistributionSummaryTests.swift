import Testing
import KafkaPartitioning

@Suite("Statistics: distribution summary")
struct DistributionSummaryTests {
    @Test("min, max, mean, max÷mean, standard deviation, CV, hottest share, empty partitions")
    func figures() {
        let summary = DistributionSummary(counts: [10, 20, 40, 30, 0])
        #expect(summary.partitionCount.value == 5)
        #expect(summary.records == 100)
        #expect(summary.minimum == 0)
        #expect(summary.maximum == 40)
        #expect(summary.mean == 20)
        #expect(summary.maximumOverMean == 2)
        // Population variance: (100 + 0 + 400 + 100 + 400) / 5 = 200.
        #expect(abs(summary.standardDeviation - 200.0.squareRoot()) < 1e-12)
        #expect(abs((summary.coefficientOfVariation ?? 0) - 200.0.squareRoot() / 20) < 1e-12)
        #expect(summary.hottestPartition == 2)
        #expect(summary.hottestShare == 0.4)
        #expect(summary.emptyPartitions == 1)
        #expect(summary.chiSquare.statistic == 50)  // 1000 / 20
    }

    @Test("ties pick the lowest partition; no records gives nil ratios")
    func edges() {
        #expect(DistributionSummary(counts: [3, 7, 7, 1]).hottestPartition == 1)
        let empty = DistributionSummary(counts: [0, 0, 0])
        #expect(empty.maximumOverMean == nil)
        #expect(empty.coefficientOfVariation == nil)
        #expect(empty.hottestShare == nil)
        #expect(empty.emptyPartitions == 3)
        #expect(DistributionSummary(counts: []).partitionCount.value == 1)
    }

    @Test("uniform random placement: CV near √((n − 1)/N), p-value not extreme (seeded)")
    func uniformRandom() {
        var random = SeededRandom(seed: 7)
        var counts = Array(repeating: 0, count: 12)
        for _ in 0..<120_000 { counts[Int(random.next(below: 12))] += 1 }
        let summary = DistributionSummary(counts: counts)
        let expectedCV = (11.0 / 120_000).squareRoot()
        #expect(abs((summary.coefficientOfVariation ?? 0) - expectedCV) < expectedCV * 0.6)
        #expect((summary.chiSquare.pValue ?? 0) > 0.001)
        #expect((summary.maximumOverMean ?? 0) < 1.03)
    }
}
