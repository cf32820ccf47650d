import Histogram
@testable import KBenchStudies
import Testing

@Suite("A study point's runs merged: histograms added, never percentiles averaged")
struct StudyFiguresTests {
    /// A run at max that delivered `latencies` (ms) in `seconds`, as round `round` of a row.
    static func run(_ latencies: [UInt64], seconds: Double, cpu: Double, round: Int = 1) -> StudyRunRecord {
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        for milliseconds in latencies { histogram.record(milliseconds * 1000) }
        var result = ProduceResult(
            topic: "t", partitionCount: 1, partitioner: "p", keys: "k", values: "v", sent: latencies.count, delivered: latencies.count,
            deliveredBytes: latencies.count * 100, failures: [], elapsedSeconds: seconds,
            latency: LatencySummary(count: latencies.count, averageMilliseconds: 0, maximumMilliseconds: 0, p50Milliseconds: 0,
                                    p95Milliseconds: 0, p99Milliseconds: Double(histogram.valueAtPercentile(99)) / 1000, p999Milliseconds: 0),
            deliveredPerPartition: [latencies.count], check: PartitionCheck(strategy: nil), windows: [], queueFullWaits: 0,
            window: "w", windowWaits: 0, notes: [])
        result.histograms = ProduceHistograms(service: LatencyHistogram(histogram))
        result.wallClock = WallClockWindow(startMilliseconds: 1_000_000, endMilliseconds: 1_000_000 + Int64(seconds * 1000))
        let settings = ProduceRunSettings(
            topic: "t", partitions: 1, partitioner: "p", keys: "k", values: "v", limit: "1 s", offeredRecordsPerSecond: nil,
            producers: 1, endToEnd: false, properties: [:], cluster: "embedded")
        return StudyRunRecord(round: round, result: result, cpuSeconds: cpu, settings: settings, host: "h")
    }

    /// The figures of a row at max made of `runs`.
    static func figures(_ label: String, _ runs: [StudyRunRecord]) -> StudyFigures {
        StudyFigures(StudyRow(label: label, offeredRecordsPerSecond: nil, runs: runs))
    }

    @Test("two runs: p99 read from both runs' samples together (1 ms), not the mean of their p99s (50.5 ms); counts, rate and CPU add up")
    func merged() {
        let quiet = Self.run(Array(repeating: 1, count: 1000), seconds: 1, cpu: 0.5)
        let noisy = Self.run(Array(repeating: 1, count: 980) + Array(repeating: 100, count: 20), seconds: 3, cpu: 1.5, round: 2)
        let figures = Self.figures("a", [quiet, noisy])
        #expect(figures.delivered == 2000 && figures.runs == 2)
        #expect(figures.service.count == 2000)
        #expect(figures.service.p99Milliseconds == 1)
        #expect(abs(figures.service.p999Milliseconds - 100) < 0.1)
        #expect(figures.p99Spread.lowerBound == 1 && abs(figures.p99Spread.upperBound - 100) < 0.1)
        #expect(figures.achievedRecordsPerSecond == 500)
        #expect(figures.rateSpread == 1000.0 / 3...1000)
        #expect(figures.cpuSeconds == 2 && figures.cpuMicrosecondsPerRecord == 1000)
        #expect(figures.response == nil && figures.endToEnd == nil && !figures.saturated)
    }

    @Test("a sweep's chart: CPU per record on x when every combination achieved one rate, throughput otherwise")
    func sweepChartAxis() throws {
        // Two points at the same rate (1000 records/s), CPU 0.5 and 1.5 s.
        let same = [Self.figures("a", [Self.run(Array(repeating: 1, count: 1000), seconds: 1, cpu: 0.5)]),
                    Self.figures("b", [Self.run(Array(repeating: 2, count: 1000), seconds: 1, cpu: 1.5)])]
        guard case .xy(let oneRate) = StudyChart.chart(.sweep, figures: same, highlighted: []) else { Issue.record("not an XY chart"); return }
        #expect(oneRate.xAxis.label.hasPrefix("CPU µs per record"))
        #expect(oneRate.series.first?.points.map(\.x) == [500, 1500])
        #expect(oneRate.title.contains("1,000 records/s"))
        // A second point at half the rate: the throughput axis.
        let apart = [same[0], Self.figures("b", [Self.run(Array(repeating: 2, count: 1000), seconds: 2, cpu: 1.5)])]
        guard case .xy(let twoRates) = StudyChart.chart(.sweep, figures: apart, highlighted: []) else { Issue.record("not an XY chart"); return }
        #expect(twoRates.xAxis.label == "achieved records/s")
        #expect(twoRates.series.first?.points.map(\.x) == [1000, 500])
    }

    @Test("findings by NumberRule: a step's rate with separators, p99 and CPU per record to three significant digits")
    func findingsFollowNumberRule() {
        let runs = [Self.run(Array(repeating: 1, count: 1000), seconds: 1, cpu: 0.0123456)]
        let steps = ProduceStudyReport.document(.steps, figures: [Self.figures("1000000 records/s", runs)], rounds: 1, targetMilliseconds: nil, parameters: [])
        #expect(steps.findings.map(\.text) == ["1,000,000 records/s: achieved 1,000 records/s, p99 1.00 ms ≤ 2.00 ms"])
        #expect(steps.sections.first?.paragraphs.contains { $0.contains("(2 × the lowest-load p99 (1.00 ms))") } == true)
        let sweep = ProduceStudyReport.document(.sweep, figures: [Self.figures("linger-ms=5", runs)], rounds: 1, targetMilliseconds: 20, parameters: [])
        #expect(sweep.findings.map(\.text) == ["linger-ms=5: 1,000 records/s, p99 1.00 ms ≤ 20.0 ms, 12.3 µs CPU per record"])
        #expect(sweep.sections.first?.paragraphs.contains { $0.contains("(--latency-target 20 ms)") } == true, "a target as given")
        #expect(ProduceStudyReport.readableStep("max") == "max")
        #expect(ProduceStudyReport.readableStep("linger-ms=5 compression=none") == "linger-ms=5 compression=none")
    }
}
