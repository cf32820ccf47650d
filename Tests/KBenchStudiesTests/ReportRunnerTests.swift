import Foundation
import KafkaPartitioning
@testable import KBenchReports
@testable import KBenchStudies
import Testing
import TestSupport

/// `kbench report`'s orchestration on the quick plan, into a temporary directory.
@Suite("Report runner")
struct ReportRunnerTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let machine = MachineInfo(
        date: "2025-01-01T00:00:00Z", kbenchVersion: "test", librdkafkaVersion: "2.0.2", operatingSystem: "Test OS",
        kernel: "Linux 6", architecture: "x86_64", cpuModel: "Test CPU", logicalCores: 2, memoryBytes: 1 << 30,
        swiftCompiler: "6.3")

    @Test("--quick writes every report, chart, the index, README and machine.json; other files are left alone")
    func quickRun() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Files that belong to others (results/golden/, a note) must survive.
        let golden = directory.appendingPathComponent("golden")
        try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
        try Data("vectors".utf8).write(to: golden.appendingPathComponent("README.md"))
        try Data("keep".utf8).write(to: directory.appendingPathComponent("notes.txt"))

        var lines: [String] = []
        var plan = ReportPlan(quick: true)
        plan.executable = try KBenchExecutable.path()
        let outcomes = try ReportRunner(plan: plan).run(
            writingTo: directory, machine: Self.machine, log: { lines.append($0) })
        #expect(outcomes.map(\.stage) == [.hash, .compress, .partitions, .produce])

        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        for name in ["hash", "compress", "partitions", "produce"] {
            #expect(files.contains("\(name).md"))
            #expect(files.contains("\(name).json"))
            let json = try Data(contentsOf: directory.appendingPathComponent("\(name).json"))
            let document = try JSONReportRenderer().decode(json)
            #expect(document.id == name)
            #expect(!document.allTables.isEmpty)
            let markdown = try String(contentsOf: directory.appendingPathComponent("\(name).md"), encoding: .utf8)
            #expect(markdown.hasPrefix("# "))
            #expect(markdown.contains("Run: 2025-01-01T00:00:00Z"))
            // Every chart of the report has its SVG file, well-formed.
            for chart in document.allCharts {
                let file = ResultsLayout.chartFileName(report: name, chart: chart.id)
                #expect(files.contains(file), "\(file)")
                let svg = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                let probe = XMLDocumentProbe(svg)
                #expect(probe.isWellFormed, "\(file): \(String(describing: probe.error))")
                #expect(probe.elements.first?.name == "svg")
            }
        }
        // The charts the issue asks for.
        #expect(files.contains("hash-throughput-murmur2.svg"))
        #expect(files.contains("hash-speedup.svg"))
        #expect(files.contains("compress-ratio-vs-speed-librdkafka-16kib.svg") && files.contains("compress-ratio-vs-speed-java-16kib.svg"))
        #expect(files.contains("partitions-random-16-distribution-n12.svg"))
        #expect(files.contains("partitions-zipf-1.1-distribution-n12.svg"))
        for name in ["index.html", "README.md", "machine.json", "notes.txt"] { #expect(files.contains(name)) }
        #expect(FileManager.default.fileExists(atPath: golden.appendingPathComponent("README.md").path))

        let index = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        for link in ["hash.md", "hash.json", "compress.md", "compress.json", "partitions.md", "partitions.json", "produce.md", "produce.json", "machine.json"] {
            #expect(index.contains("href=\"\(link)\""), "\(link)")
        }
        #expect(index.contains("<svg"))
        let machine = try JSONDecoder().decode(MachineInfo.self, from: Data(contentsOf: directory.appendingPathComponent("machine.json")))
        #expect(machine == Self.machine)

        // One summary line per stage naming its file, then the index.
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("hash: 18 cells in "))
        #expect(lines[0].hasSuffix("→ \(directory.appendingPathComponent("hash.md").relativePath)"))
        #expect(lines[1].hasPrefix("compress: 8 cells in "))
        #expect(lines[2].hasPrefix("partitions: 2 key sets of 20,000 keys in "))
        #expect(lines[3].hasPrefix("produce: 7 producer runs in "))
        #expect(lines[4].hasPrefix("report: 4 stages in "))
        #expect(lines[4].hasSuffix("index.html"))
    }

    @Test("the partitions report holds both key sets: statistics per strategy, resize 12 → 13, hot keys for zipf")
    func partitionsStage() throws {
        let outcome = try ReportRunner(plan: ReportPlan(stages: [.partitions], quick: true)).run(.partitions)
        let document = outcome.document
        #expect(document.id == "partitions")
        let random = try #require(document.table("random-16-distribution-n12"))
        let zipf = try #require(document.table("zipf-1.1-distribution-n12"))
        #expect(random.rows.count == zipf.rows.count)
        #expect(random.rows.count >= 10)
        // Hot keys make the Zipf set less even than the random one under Java's murmur2.
        func maxOverMean(_ table: ReportTable) -> Double? {
            guard let row = table.values(column: "strategy").firstIndex(of: "java") else { return nil }
            return table.value(row: row, column: "max_over_mean")?.numericValue
        }
        let even = try #require(maxOverMean(random))
        let skewed = try #require(maxOverMean(zipf))
        #expect(skewed > even)
        let resize = try #require(document.table("random-16-resize-12-13"))
        let java = try #require(resize.values(column: "strategy").firstIndex(of: "java"))
        let moved = try #require(resize.value(row: java, column: "moved_fraction")?.numericValue)
        #expect(abs(moved - 12.0 / 13.0) < 0.02)
        // Chart ids are unique across the two key sets.
        let ids = document.allCharts.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids == ["random-16-distribution-n12", "random-16-agreement-n12", "zipf-1.1-distribution-n12", "zipf-1.1-agreement-n12"])
        // The random key set read back from a file, against the floor of reading it.
        let passes = try #require(document.table("key-file-passes"))
        #expect(passes.values(column: "pass") == ["read + count lines (floor)", "study: java, 12 partitions"])
        let floorRatio = try #require(passes.value(row: 0, column: "floor_ratio")?.numericValue)
        let studyRatio = try #require(passes.value(row: 1, column: "floor_ratio")?.numericValue)
        #expect(floorRatio == 1 && studyRatio > 0)
        let studyKeys = try #require(passes.value(row: 1, column: "keys_per_second")?.numericValue)
        let studySeconds = try #require(passes.value(row: 1, column: "seconds")?.numericValue)
        #expect(abs(studyKeys * studySeconds - 20_000) < 1, "every line of the file read")
        // The strategy table closes the partitions document, after the key-file section.
        #expect(document.sections.suffix(2).map(\.id) == ["key-file", "strategies"])
        #expect(document.table("strategies")?.rows.count == StrategyRegistry.all.count)
    }

    @Test("--only parses stages into report order; unknown names are one-line errors")
    func selection() throws {
        #expect(try ReportStage.selection(parsing: "produce,partitions,hash") == [.hash, .partitions, .produce])
        #expect(try ReportStage.selection(parsing: " compress ") == [.compress])
        #expect(throws: ReportRunError.self) { try ReportStage.selection(parsing: "hash,inspect") }
        do {
            _ = try ReportStage.selection(parsing: "hash,inspect")
        } catch {
            #expect(error.description == "unknown stage 'inspect' (expected one of: hash, compress, partitions, produce)")
        }
        #expect(throws: ReportRunError.self) { try ReportStage.selection(parsing: ",") }
    }

    @Test("joining documents prefixes section, table and chart ids and keeps every table")
    func joining() {
        var table = ReportTable(id: "t", title: "T", columns: [ReportColumn("a")])
        table.addRow(["x"])
        let chart = Chart.xy(XYChart(id: "c", title: "C", style: .line, xAxis: ChartAxis(label: "x"),
                                     yAxis: ChartAxis(label: "y"), series: []))
        let part = ReportDocument(id: "p", title: "Part", parameters: [ReportFact("k", "v")],
                                  sections: [ReportSection(id: "s", title: "S", tables: [table], charts: [chart])])
        let joined = ReportDocument.joining(
            [ReportDocumentPart(id: "one", title: "One", document: part), ReportDocumentPart(id: "two", title: "Two", document: part)],
            id: "joined", title: "Joined", parameters: [])
        #expect(joined.sections.map(\.id) == ["one", "one-s", "two", "two-s"])
        #expect(joined.allTables.map(\.id) == ["one-t", "two-t"])
        #expect(joined.allCharts.map(\.id) == ["one-c", "two-c"])
        #expect(joined.allCharts.map(\.title) == ["one: C", "two: C"])
        #expect(joined.sections[0].facts == [ReportFact("k", "v")])
    }
}
