import Foundation
import Testing
import TestSupport
@testable import KBenchReports

/// A fixed machine record, so HTML and results output do not depend on this machine.
let testMachine = MachineInfo(
    date: "2025-06-01T12:00:00Z", kbenchVersion: "0.1.0-test", librdkafkaVersion: "2.3.0",
    operatingSystem: "Test OS <1> & co", kernel: "Linux 6.0.0", architecture: "x86_64",
    cpuModel: "Test CPU", logicalCores: 2, memoryBytes: 8 << 30, swiftCompiler: "6.3")

let testReports = [
    ResultsReport(name: "compress", document: Fixtures.document()),
    ResultsReport(name: "hash", document: ReportDocument(
        id: "hash", title: "Hash throughput & \"quotes\"",
        sections: [ReportSection(id: "sizes", title: "By key size", charts: [.xy(Fixtures.lineChart())])])),
]

@Suite("HTML index")
struct HTMLIndexTests {
    @Test("index.html is well-formed, escaped, self-contained and links every report")
    func index() {
        let html = HTMLRenderer().renderIndex(title: "kbench <results>", machine: testMachine, reports: testReports)
        let probe = XMLDocumentProbe(html)
        #expect(probe.isWellFormed, "\(String(describing: probe.error))")
        let links = Set(probe.elements(named: "a").compactMap { $0.attributes["href"] })
        for name in ["compress", "hash"] {
            #expect(links.contains("\(name).md"))
            #expect(links.contains("\(name).json"))
            #expect(links.contains("#report-\(name)"))
        }
        #expect(links.contains("machine.json"))
        #expect(links.contains("compress-partitions.svg"))
        #expect(links.contains("hash-throughput.svg"))
        // Charts are inlined, tables rendered from the model.
        #expect(probe.elements(named: "svg").count == 4)
        #expect(probe.elements(named: "table").count == 2)
        #expect(probe.elements(named: "td").contains { $0.attributes["class"] == "num" })
        #expect(probe.text.contains("413 MB/s"))
        #expect(probe.text.contains("Test OS <1> & co"))
        #expect(probe.text.contains("Hash throughput & \"quotes\""))
        #expect(html.contains("kbench &lt;results&gt;"))
        // Self-contained: one inline script (sorting tables), no external scripts, stylesheets or images.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.contains("<script>\n"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    }

    @Test("an HTML table has a caption, scoped headers, aligned numbers and notes")
    func table() {
        let html = HTMLRenderer().render(Fixtures.awkwardTable())
        let probe = XMLDocumentProbe("<div>\(html)</div>")
        #expect(probe.isWellFormed)
        #expect(probe.elements(named: "tr").count == 6)
        #expect(probe.text.contains("line1\nline2"))
        #expect(html.contains("<td>&lt;b&gt;&amp;amp;&lt;/b&gt;</td>"))
        #expect(html.contains("<caption>Keys | odd</caption>"))
    }
}

@Suite("ResultsWriter")
struct ResultsWriterTests {
    private func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("kbench-reports-\(UUID().uuidString)")
            .appendingPathComponent("results")
    }

    @Test("writes Markdown, JSON and SVG per report, index.html, README.md and machine.json")
    func writes() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let written = try ResultsWriter(directory: directory).write(testReports, machine: testMachine)
        let names = Set(written.map(\.lastPathComponent))
        let expected: Set<String> = [
            "compress.md", "compress.json", "compress-ratio-vs-speed.svg", "compress-partitions.svg",
            "compress-throughput.svg", "hash.md", "hash.json", "hash-throughput.svg",
            "index.html", "README.md", "machine.json",
        ]
        #expect(names == expected)
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(onDisk == expected)  // no temporary files left behind

        let json = try Data(contentsOf: directory.appendingPathComponent("compress.json"))
        #expect(try JSONReportRenderer().decode(json) == Fixtures.document())
        let machine = try Data(contentsOf: directory.appendingPathComponent("machine.json"))
        #expect(try JSONReportRenderer().decode(MachineInfo.self, from: machine) == testMachine)
        let markdown = try String(contentsOf: directory.appendingPathComponent("compress.md"), encoding: .utf8)
        #expect(markdown.contains("![Keys per partition](compress-partitions.svg)"))
        #expect(markdown.contains("Run: 2025-06-01T12:00:00Z · kbench 0.1.0-test"))
        let svg = try String(contentsOf: directory.appendingPathComponent("hash-throughput.svg"), encoding: .utf8)
        #expect(XMLDocumentProbe(svg).isWellFormed)
        let readme = try String(contentsOf: directory.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("(compress.md)") && readme.contains("(hash.json)"))
        #expect(!readme.contains("golden/"), "no companion folders in a fresh directory")
        let index = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(XMLDocumentProbe(index).isWellFormed)
    }

    @Test("the contents page and index.html link the golden/ and samples/ folders that sit next to the reports")
    func companionFolders() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let golden = directory.appendingPathComponent("golden")
        try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
        try Data("# golden\n".utf8).write(to: golden.appendingPathComponent("README.md"))
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("samples"), withIntermediateDirectories: true)
        try ResultsWriter(directory: directory).write(testReports, machine: testMachine)
        let readme = try String(contentsOf: directory.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("- [golden/](golden/README.md): the published partitioner vectors"))
        #expect(!readme.contains("samples/"), "a folder without a README is not linked")
        #expect(FileManager.default.fileExists(atPath: golden.appendingPathComponent("README.md").path), "left untouched")
        let index = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<a href=\"golden/README.md\">golden/</a>"), "index.html links the golden vectors")
        #expect(!index.contains("golden/strategies.csv"), "only files that exist are linked")
        #expect(!index.contains("samples/"))
        try Data("strategy\n".utf8).write(to: golden.appendingPathComponent("strategies.csv"))
        try ResultsWriter(directory: directory).write(testReports, machine: testMachine)
        let relinked = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(relinked.contains("<a href=\"golden/strategies.csv\">strategies.csv</a>"))
        #expect(XMLDocumentProbe(relinked).isWellFormed)
    }

    @Test("rewriting removes charts that no longer exist and keeps other files")
    func staleCharts() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let writer = ResultsWriter(directory: directory)
        try writer.write(testReports, machine: testMachine)
        try Data("keep".utf8).write(to: directory.appendingPathComponent("notes.txt"))
        let fewerCharts = ResultsReport(name: "hash", document: ReportDocument(id: "hash", title: "Hash"))
        try writer.write([testReports[0], fewerCharts], machine: testMachine)
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(!onDisk.contains("hash-throughput.svg"))
        #expect(onDisk.contains("compress-throughput.svg"))
        #expect(onDisk.contains("notes.txt"))
    }

    @Test("unsafe or duplicate names are rejected before anything is written")
    func badNames() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let writer = ResultsWriter(directory: directory)
        let document = ReportDocument(id: "x", title: "X")
        for name in ["../escape", "", ".hidden", "a b", "a/b", "-dash"] {
            #expect(throws: ResultsWriterError.invalidReportName(name)) {
                try writer.write([ResultsReport(name: name, document: document)], machine: testMachine)
            }
        }
        #expect(throws: ResultsWriterError.duplicateReportName("x")) {
            try writer.write([ResultsReport(name: "x", document: document), ResultsReport(name: "x", document: document)],
                             machine: testMachine)
        }
        let twice = ReportDocument(id: "t", title: "T", sections: [
            ReportSection(id: "s", title: "S", charts: [.xy(Fixtures.lineChart()), .xy(Fixtures.lineChart())]),
        ])
        #expect(throws: ResultsWriterError.invalidChartID(report: "t", chart: "throughput")) {
            try writer.write([ResultsReport(name: "t", document: twice)], machine: testMachine)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
        #expect(ResultsLayout.isSafeName("zstd-level_3.v2"))
    }

    @Test("an unwritable directory is a writeFailed error naming the path")
    func unwritable() throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-blocker-\(UUID().uuidString)")
        try Data("file".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let error = #expect(throws: ResultsWriterError.self) {
            try ResultsWriter(directory: blocker.appendingPathComponent("results")).write(testReports, machine: testMachine)
        }
        guard case .writeFailed(let path, _)? = error else {
            Issue.record("expected writeFailed, got \(String(describing: error))")
            return
        }
        #expect(path.hasSuffix("results"))
    }
}
