import Foundation
@testable import KBenchReports
@testable import KBenchStudies
import Testing

/// `kbench report`'s produce stage: its plan, and a quick run through the runner into a
/// temporary directory (librdkafka against its embedded mock cluster, about 3 s).
@Suite("Report produce stage")
struct ReportProduceStageTests {
    @Test("the default plan: 5 steps up to max, linger.ms 0,5,20 × none,lz4,zstd at a fixed rate, 2 rounds, ≤ 45 s of sending; quick ≤ 3 s")
    func plan() throws {
        let plan = ReportPlan().produce
        #expect(ReportPlan().stages.contains(.produce))
        #expect(plan.rateSteps.count == 5 && plan.rateSteps.last == .max)
        let rates = plan.rateSteps.compactMap(\.recordsPerSecond)
        #expect(rates == rates.sorted() && rates.count == 4)
        let sweep = try SweepPlan(parsing: plan.sweep)
        #expect(sweep.axes.map(\.property) == ["linger.ms", "compression.type"])
        #expect(sweep.combinations.count == 9)
        #expect(plan.sweepRate.recordsPerSecond != nil)
        #expect(plan.rounds == 2)
        #expect(plan.sendingSeconds > 20 && plan.sendingSeconds <= 45)

        let quick = ReportPlan(quick: true, seed: 9).produce
        #expect(quick == .quick(seed: 9))
        #expect(quick.rounds == 1 && quick.rateSteps.last == .max)
        #expect(try SweepPlan(parsing: quick.sweep).combinations.count == 4)
        #expect(quick.sendingSeconds <= 3)
    }

    @Test("--quick --only produce writes produce.json/.md, the steps chart with its knee and the sweep chart with front and recommendation")
    func quickRun() throws {
        let directory = try ReportRunnerTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines: [String] = []
        let outcomes = try ReportRunner(plan: ReportPlan(stages: [.produce], quick: true)).run(
            writingTo: directory, machine: ReportRunnerTests.machine, log: { lines.append($0) })
        #expect(outcomes.map(\.stage) == [.produce])
        #expect(lines.first?.hasPrefix("produce: 7 producer runs in ") == true, "\(lines)")

        let document = try JSONReportRenderer().decode(Data(contentsOf: directory.appendingPathComponent("produce.json")))
        #expect(document.id == "produce")
        #expect(document.title.contains("client side only"))
        #expect(document.paragraphs.first?.hasPrefix("Client side only: librdkafka ") == true)
        let steps = try #require(document.table("steps-steps"))
        #expect(steps.values(column: "step").compactMap(\.textValue) == ["2000 records/s", "10000 records/s", "max"])
        let achieved = steps.values(column: "achieved_per_second").compactMap(\.numericValue)
        #expect(achieved.count == 3 && achieved.allSatisfy { $0 > 0 })
        let sweep = try #require(document.table("sweep-sweep"))
        #expect(sweep.rows.count == 4)
        #expect(sweep.values(column: "wire_bytes").compactMap(\.numericValue).count == 4)
        let marks = sweep.values(column: "mark").compactMap(\.textValue)
        #expect(marks.filter { $0.contains("recommended") }.count == 1, "\(marks)")
        let facts = document.sections.flatMap(\.facts)
        let recommended = try #require(facts.first { $0.label == "recommended" }?.value.textValue)
        #expect(sweep.values(column: "combination").compactMap(\.textValue).contains(recommended))
        let knee = facts.first { $0.label == "knee" }?.value.textValue

        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        for file in ["produce.md", "produce.json", "index.html"] { #expect(files.contains(file), "\(file)") }
        let stepsChart = try String(contentsOf: directory.appendingPathComponent("produce-steps-latency-vs-throughput.svg"), encoding: .utf8)
        let sweepChart = try String(contentsOf: directory.appendingPathComponent("produce-sweep-p99.svg"), encoding: .utf8)
        if let knee { #expect(stepsChart.contains(">knee<") && stepsChart.contains(knee)) }
        #expect(sweepChart.contains(">recommended<") && sweepChart.contains(">Pareto front<"))
        #expect(sweepChart.contains(Escaping.xml(recommended)))

        let markdown = try String(contentsOf: directory.appendingPathComponent("produce.md"), encoding: .utf8)
        #expect(markdown.contains("Client side only"))
        let index = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        for link in ["produce.md", "produce.json", "produce-steps-latency-vs-throughput.svg", "produce-sweep-p99.svg"] {
            #expect(index.contains("href=\"\(link)\""), "\(link)")
        }
        #expect(index.contains("Client side only: librdkafka"))
    }
}
