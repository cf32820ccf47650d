import Foundation
import Histogram
import KBenchReports
import KBenchStudies
import Testing

@Suite("kbench merge on studies: rows matched by step or combination and round, each merged as a single run, knee and front recomputed")
struct ProduceStudyMergeTests {
    /// The rows of the test ladder: a fixed rate and max.
    static let steps: [(label: String, rate: Int?)] = [("5000 records/s", 5_000), ("max", nil)]

    /// The service times (µs) machine `machine` measured for row `row`, round `round`.
    static func samples(machine: UInt64, row: Int, round: Int) -> [UInt64] {
        ProduceMergeTests.samples(2_000 + Int(machine) * 1_000 + row * 300, seed: machine * 100 + UInt64(row * 10 + round))
    }

    /// One machine's rate-step study: `rounds` rounds of ``steps``, each run `seconds` long
    /// from `startMilliseconds` (every later run 20 s on), with `values(row, round)` as its
    /// service times, their double as response times.
    static func study(host: String, machine: UInt64, rounds: Int = 2, startMilliseconds: Int64, seconds: Int64 = 10,
                      labels: [(label: String, rate: Int?)] = steps) -> ProduceStudyRecord {
        let rows = labels.enumerated().map { index, step in
            let runs = (1...rounds).map { round in
                let values = samples(machine: machine, row: index, round: round)
                let start = startMilliseconds + Int64((round - 1) * labels.count + index) * 20_000
                let run = ProduceMergeTests.run(host: host, values: values, startMilliseconds: start, seconds: seconds,
                                                settings: ProduceMergeTests.settings(rate: step.rate))
                let counted = Double(step.rate == nil ? run.counts.delivered : run.counts.sent)
                let share = StudyRunShare(achievedRecordsPerSecond: counted / Double(seconds), sendingSeconds: Double(seconds),
                                          elapsedSeconds: Double(seconds), cpuSeconds: 0.5, wireBytes: values.count * 50,
                                          wireRecordBytes: values.count * 100)
                return StudyRunRecord(round: round, run: run, shares: [share])
            }
            return StudyRow(label: step.label, offeredRecordsPerSecond: step.rate, runs: runs)
        }
        return ProduceStudyRecord(kind: .steps, rounds: rounds, latencyTargetMilliseconds: nil, rows: rows)
    }

    @Test("two machines' studies merged: each row equals both machines' samples recorded together; counts, rates, CPU and wire bytes add up")
    func mergeAddsUp() throws {
        let a = Self.study(host: "a", machine: 1, startMilliseconds: 1_000_000)
        let b = Self.study(host: "b", machine: 2, startMilliseconds: 1_001_000)
        let merged = try ProduceStudyMerge.merge([("a.json", a), ("b.json", b)])
        #expect(merged.machines == 2)
        for (index, step) in Self.steps.enumerated() {
            let together = (1...2).flatMap { Self.samples(machine: 1, row: index, round: $0) + Self.samples(machine: 2, row: index, round: $0) }
            let row = merged.rows[index]
            #expect(row.histograms?.service.histogram == ProduceMergeTests.histogram(together), "\(step.label)")
            #expect(row.histograms?.response?.histogram == ProduceMergeTests.histogram(together.map { $0 * 2 }))
            #expect(row.runs.map { $0.run.parts.map(\.host) } == [["a", "b"], ["a", "b"]])
            let figures = StudyFigures(row)
            let mine = StudyFigures(a.rows[index]), theirs = StudyFigures(b.rows[index])
            #expect(figures.service == LatencyPercentiles(ProduceMergeTests.histogram(together)))
            #expect(figures.service != mine.service, "the merge must change the first machine's percentiles")
            #expect(figures.delivered == together.count && figures.delivered == mine.delivered + theirs.delivered)
            #expect(figures.sent == mine.sent + theirs.sent && figures.failed == 12)
            #expect(abs(figures.achievedRecordsPerSecond - (mine.achievedRecordsPerSecond + theirs.achievedRecordsPerSecond)) < 1e-6,
                    "windows overlap: the machines' rates add up")
            #expect(abs(figures.megabytesPerSecond - (mine.megabytesPerSecond + theirs.megabytesPerSecond)) < 1e-9)
            #expect(figures.offeredRecordsPerSecond == step.rate.map { $0 * 2 })
            #expect(figures.cpuSeconds == 2 && figures.wireBytes == together.count * 50 && figures.wireRatio == 2)
        }
        // The report is the study's own, recomputed: a knee line, the merge stated.
        let document = ProduceStudyMergeReport.document(merged, inputs: ["a.json", "b.json"])
        let paragraphs = try #require(document.sections.first?.paragraphs)
        #expect(paragraphs.contains { $0.hasPrefix("knee: ") } && paragraphs.contains { $0.hasPrefix("merged from 2 machines") })
        #expect(!paragraphs.contains { $0.hasPrefix("NOTE") }, "the runs overlapped")
        // Merged studies merge again: the same as merging all three at once.
        let c = Self.study(host: "c", machine: 3, startMilliseconds: 1_002_000)
        let again = try ProduceStudyMerge.merge([("ab.json", merged), ("c.json", c)])
        let atOnce = try ProduceStudyMerge.merge([("a.json", a), ("b.json", b), ("c.json", c)])
        #expect(again.rows.map { StudyFigures($0) } == atOnce.rows.map { StudyFigures($0) })
        #expect(again.hgrmFiles.map(\.fileName) == [
            "5000-records-s.service.hgrm", "5000-records-s.response.hgrm", "max.service.hgrm", "max.response.hgrm",
        ])
    }

    @Test("machines whose windows do not overlap: the row's rate is delivered ÷ the merged window, not the sum")
    func staggered() throws {
        let a = Self.study(host: "a", machine: 1, rounds: 1, startMilliseconds: 1_000_000)
        let b = Self.study(host: "b", machine: 2, rounds: 1, startMilliseconds: 1_015_000)
        let merged = try ProduceStudyMerge.merge([("a.json", a), ("b.json", b)])
        let figures = StudyFigures(merged.rows[1])
        #expect(figures.achievedRecordsPerSecond == Double(figures.delivered) / 25, "10 s runs 15 s apart: a 25 s window")
        let paragraphs = ProduceStudyMergeReport.document(merged, inputs: ["a.json", "b.json"]).sections.first?.paragraphs ?? []
        #expect(paragraphs.contains { $0.hasPrefix("NOTE: the machines' runs of 5000 records/s; max did not all overlap") }, "\(paragraphs)")
    }

    @Test("the study record round-trips through JSON and is told apart from a single run", arguments: [1, 2])
    func roundTrip(rounds: Int) throws {
        let study = Self.study(host: "a", machine: 1, rounds: rounds, startMilliseconds: 1_000_000)
        let text = try JSONReportRenderer().render(ReportDocument(id: "produce-steps", title: "t", sections: []),
                                                   attaching: study, as: ProduceStudyRecord.jsonKey)
        #expect(try ProduceRunFile.decodeContent(Data(text.utf8), file: "a.json") == .study(study))
        #expect(throws: ProduceRunFileError.self) { try ProduceRunFile.decode(Data(text.utf8), file: "a.json") }
    }

    @Test("different studies refused with the difference named", arguments: [
        ("ladder", "cannot merge b.json with a.json: rate steps 5000 records/s; 20000 records/s vs 5000 records/s; max"),
        ("repeat", "cannot merge b.json with a.json: repeat 1 vs 2"),
        ("target", "cannot merge b.json with a.json: latency target 20 ms vs none"),
        ("run", "cannot merge b.json with a.json: a single run vs a rate-step study"),
        ("settings", "cannot merge b.json with a.json: max, round 1: compression.type lz4 vs zstd"),
    ])
    func mismatch(what: String, message: String) throws {
        let a = Self.study(host: "a", machine: 1, startMilliseconds: 1_000_000)
        var b = Self.study(host: "b", machine: 2, startMilliseconds: 1_000_000)
        var other = MergeableContent.study(b)
        switch what {
        case "ladder": other = .study(Self.study(host: "b", machine: 2, startMilliseconds: 0, labels: [("5000 records/s", 5_000), ("20000 records/s", 20_000)]))
        case "repeat": other = .study(Self.study(host: "b", machine: 2, rounds: 1, startMilliseconds: 0))
        case "target":
            b.latencyTargetMilliseconds = 20
            other = .study(b)
        case "run": other = .run(b.rows[0].runs[0].run)
        default:
            b.rows[1].runs[0].run.settings.properties["compression.type"] = "lz4"
            other = .study(b)
        }
        let error = #expect(throws: ProduceMergeError.self) {
            _ = try ProduceStudyMerge.merge(contents: [("a.json", .study(a)), ("b.json", other)])
        }
        #expect(error?.description == message)
    }
}
