import Foundation
import Testing
@testable import KBenchReports

@Suite("A report compared with a baseline run: change columns, moved beyond noise, added and removed rows, changed results")
struct BaselineComparisonTests {
    /// A hash-like table: rows (mode, size) with a time per key (each row's spread ±`spread`
    /// around it), a rate and a deterministic count; `scale` multiplies the times.
    static func table(sizes: [Int] = [8, 64, 1024], scale: Double = 1, spread: Double = 0.02, keys: Int = 256) -> ReportTable {
        var table = ReportTable(id: "murmur2", title: "murmur2", columns: [
            ReportColumn("mode"), ReportColumn("key_size", header: "key size", format: .bytes),
            ReportColumn("keys", format: .integer), ReportColumn("ns", header: "time", unit: "per key", format: .duration, group: "kbench"),
            ReportColumn("rate", header: "keys", format: .rate(unit: "keys")),
        ])
        var times: [ReportSpread?] = []
        var rates: [ReportSpread?] = []
        for size in sizes {
            let seconds = Double(size) * 1e-9 * scale
            table.addRow([.text("single"), ReportValue(size), ReportValue(keys), .number(seconds), .number(1 / seconds)])
            times.append(ReportSpread(low: seconds * (1 - spread), high: seconds * (1 + spread), samples: 5))
            rates.append(ReportSpread(low: 1 / (seconds * (1 + spread)), high: 1 / (seconds * (1 - spread)), samples: 5))
        }
        table.comparison = ReportTableComparison(
            keyColumns: ["mode", "key_size"],
            timed: ["ns": ReportTimedColumn(lowerIsFaster: true, spreads: times), "rate": ReportTimedColumn(lowerIsFaster: false, spreads: rates)],
            deterministicColumns: ["keys"])
        return table
    }

    static func document(_ tables: ReportTable..., seconds: Double = 1, sizes: String = "8 B, 64 B, 1 KiB") -> ReportDocument {
        ReportDocument(id: "hash", title: "hash", parameters: [ReportFact("key sizes", .text(sizes)), ReportFact("run time", .number(seconds), format: .duration)],
                       sections: [ReportSection(id: "s", title: "s", tables: tables)])
    }

    static func compare(_ current: ReportTable, _ baseline: ReportTable?, floor: Double = 0.1) -> (comparison: BaselineComparison, document: ReportDocument) {
        BaselineComparison.compare(document(current), with: baseline.map { document($0) }, report: "hash", rule: NoiseRule(floor: floor))
    }

    @Test("the same figures: every timed cell compared, none moved, a change column of +0.0% after each timed column")
    func unchanged() throws {
        let (comparison, document) = Self.compare(Self.table(), Self.table())
        #expect(comparison.comparedCells == 6 && comparison.moved.isEmpty && comparison.changedResults.isEmpty)
        #expect(comparison.added.isEmpty && comparison.removed.isEmpty)
        let table = try #require(document.allTables.first)
        #expect(table.columns.map(\.id).suffix(2) == ["ns_vs_baseline", "rate_vs_baseline"])
        #expect(table.values(column: "ns_vs_baseline") == [.text("+0.0%"), .text("+0.0%"), .text("+0.0%")])
        let section = comparison.section(baseline: "old", rule: NoiseRule(floor: 0.1))
        #expect(section.paragraphs.first == "Against old: 6 timed cells compared; none moved beyond noise.")
        #expect(section.tables.isEmpty)
        #expect(comparison.parameterDifferences.isEmpty)
    }

    @Test("parameters that differ (the run time aside) are named: the figures are not like for like")
    func parameters() {
        let current = Self.document(Self.table(), seconds: 2, sizes: "8 B")
        let (comparison, _) = BaselineComparison.compare(current, with: Self.document(Self.table(), seconds: 1), report: "hash", rule: NoiseRule())
        #expect(comparison.parameterDifferences == ["key sizes: 8 B vs 8 B, 64 B, 1 KiB"])
        #expect(comparison.section(baseline: "old", rule: NoiseRule()).paragraphs.contains {
            $0 == "Not like for like: parameters differ from the baseline's (this run first): key sizes: 8 B vs 8 B, 64 B, 1 KiB."
        })
    }

    @Test("3× slower: every cell moved and slower (a time up, a rate down); the section lists them with the rule")
    func slower() throws {
        let (comparison, document) = Self.compare(Self.table(scale: 3), Self.table())
        #expect(comparison.moved.count == 6 && comparison.slowdowns.count == 6)
        #expect(comparison.moved.first?.label == "hash murmur2 single 8 B, kbench time (per key)")
        #expect(document.allTables.first?.values(column: "ns_vs_baseline").first == .text("+200.0%"))
        #expect(document.allTables.first?.values(column: "rate_vs_baseline").first == .text("−66.7%"))
        let faster = Self.compare(Self.table(), Self.table(scale: 3)).comparison
        #expect(faster.moved.count == 6 && faster.slowdowns.isEmpty)
        let section = comparison.section(baseline: "old", rule: NoiseRule(floor: 0.1))
        #expect(section.paragraphs[0] == "Against old: 6 timed cells compared; 6 moved beyond noise (6 slower, 0 faster).")
        #expect(section.paragraphs[1].contains("do not overlap") && section.paragraphs[1].contains("more than 10.0%"))
        #expect(section.tables.first?.id == "baseline-moved" && section.tables.first?.rows.count == 6)
    }

    @Test("within noise: overlapping spreads (however large the change) or a change under the floor do not count")
    func noise() {
        // 50 % slower, but each run's own rounds spread ±40 %: the ranges overlap.
        #expect(Self.compare(Self.table(scale: 1.5, spread: 0.4), Self.table(spread: 0.4)).comparison.moved.isEmpty)
        // 5 % slower, spreads ±1 % apart, under a 10 % floor; over a 2 % floor it counts.
        #expect(Self.compare(Self.table(scale: 1.05, spread: 0.01), Self.table(spread: 0.01)).comparison.moved.isEmpty)
        #expect(Self.compare(Self.table(scale: 1.05, spread: 0.01), Self.table(spread: 0.01), floor: 0.02).comparison.moved.count == 6)
    }

    @Test("rows in one run only are added or removed, not changes; a deterministic figure that differs is a changed result")
    func addedRemovedChanged() {
        let (comparison, _) = Self.compare(Self.table(sizes: [8, 64, 4096], keys: 300), Self.table())
        #expect(comparison.added == ["murmur2 single 4 KiB"] && comparison.removed == ["murmur2 single 1 KiB"])
        #expect(comparison.comparedCells == 4 && comparison.moved.isEmpty)
        #expect(comparison.changedResults.map(\.label) == ["hash murmur2 single 8 B, keys", "hash murmur2 single 64 B, keys"])
        #expect(comparison.changedResults.first.map { [$0.baselineText, $0.currentText] } == ["256", "300"])
        var renamed = Self.table()
        renamed.id = "crc32"
        let many = Self.compare(Self.table(sizes: Array(1...60), keys: 1), Self.table(sizes: Array(1...60))).comparison
        let cut = many.section(baseline: "old", rule: NoiseRule()).tables.first { $0.id == "baseline-changed-results" }
        #expect(cut?.rows.count == 50 && cut?.notes == ["the first 50 of 60 shown"])
        let tables = Self.compare(renamed, Self.table()).comparison
        #expect(tables.added == ["table crc32"] && tables.removed == ["table murmur2"])
    }

    @Test("no such report in the baseline: nothing compared, the section says so; tables keep their columns")
    func noBaselineReport() {
        let (comparison, document) = Self.compare(Self.table(), nil)
        #expect(!comparison.baselineHasReport && comparison.comparedCells == 0)
        #expect(document.allTables.first?.columns.count == 5)
        #expect(comparison.section(baseline: "old", rule: NoiseRule()).paragraphs == ["The baseline old has no hash report: nothing compared."])
    }

    @Test("the comparison description round-trips through JSON; a table without one has no comparison member")
    func json() throws {
        let text = try JSONReportRenderer().render(Self.document(Self.table()))
        #expect(text.contains("\"comparison\""))
        let decoded = try JSONReportRenderer.makeDecoder().decode(ReportDocument.self, from: Data(text.utf8))
        #expect(decoded.allTables.first?.comparison == Self.table().comparison)
        #expect(try !JSONReportRenderer().render(Self.document(Fixtures.codecTable())).contains("\"comparison\""))
    }

    @Test("a baseline directory: missing, a file, without reports or with a broken one is refused in one line")
    func loading() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-baseline-load-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func problem(_ path: String) -> String? {
            do { _ = try BaselineRun.load(path, reports: ["hash", "compress"]); return nil } catch { return error.description }
        }
        #expect(problem(root.path) == "--baseline \(root.path): no such directory")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        #expect(problem(root.path) == "--baseline \(root.path): holds none of hash.json, compress.json (give a results directory written by kbench report)")
        try Data("x".utf8).write(to: root.appendingPathComponent("file"))
        #expect(problem(root.appendingPathComponent("file").path)?.hasSuffix(": not a directory") == true)
        try Data(try JSONReportRenderer().render(Self.document(Self.table())).utf8).write(to: root.appendingPathComponent("hash.json"))
        let run = try BaselineRun.load(root.path, reports: ["hash", "compress"])
        #expect(Array(run.documents.keys) == ["hash"])
        try Data("{".utf8).write(to: root.appendingPathComponent("compress.json"))
        #expect(problem(root.path) == "--baseline \(root.path): compress.json is not a kbench report's JSON (written by kbench report)")
    }
}
