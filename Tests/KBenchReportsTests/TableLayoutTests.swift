import Foundation
import Testing
import TestSupport
@testable import KBenchReports

/// Rows collapsed by shared rule, grouped headers, sortable HTML tables and long lists cut short.
@Suite("Table layout")
struct TableLayoutTests {
    static func strategies() -> ReportTable {
        var table = ReportTable(id: "spread", title: "Spread", columns: [
            ReportColumn("strategy"), ReportColumn("max", format: .integer), ReportColumn("cv", format: .significant(digits: 3)),
        ])
        table.addRow([.text("java"), .integer(10), .number(0.5)], collapsingOn: "strategy", group: "murmur2")
        table.addRow([.text("round-robin"), .integer(10), .number(0.5)], collapsingOn: "strategy", group: nil)
        table.addRow([.text("kafkajs"), .integer(10), .number(0.5)], collapsingOn: "strategy", group: "murmur2")
        table.addRow([.text("sarama"), .integer(10), .number(0.5)], collapsingOn: "strategy", group: "fnv1a")
        table.addRow([.text("legacy"), .integer(11), .number(0.5)], collapsingOn: "strategy", group: "murmur2")
        return table
    }

    @Test("rows of one group with equal values merge, listing their names; other rows stay")
    func collapse() {
        let rows = Self.strategies().collapsedRows()
        #expect(rows.map(\.names) == [["java", "kafkajs"], ["round-robin"], ["sarama"], ["legacy"]])
        #expect(rows[0].cells == ["java, kafkajs", "10", "0.500"])
        #expect(Self.strategies().rows.count == 5)
    }

    @Test("JSON keeps every row and reads the collapse back")
    func collapseJSON() throws {
        let table = Self.strategies()
        let json = try JSONReportRenderer().render(value: table)
        let decoded = try JSONReportRenderer().decode(ReportTable.self, from: Data(json.utf8))
        #expect(decoded == table)
        #expect(decoded.collapsedRows().count == 4)
    }

    @Test("Markdown and plain text show collapsed rows; grouped headers name their group")
    func textFormats() {
        var table = Self.strategies()
        table = ReportTable(id: table.id, title: table.title, columns: [
            ReportColumn("strategy"), ReportColumn("max", format: .integer, group: "kbench"),
            ReportColumn("cv", format: .significant(digits: 3), group: "kbench"),
        ])
        table.addRow([.text("a"), .integer(1), .number(1)], collapsingOn: "strategy", group: "g")
        table.addRow([.text("b"), .integer(1), .number(1)], collapsingOn: "strategy", group: "g")
        let markdown = MarkdownRenderer().render(table)
        #expect(markdown.contains("| strategy | kbench max | kbench cv |"))
        #expect(markdown.contains("| a, b "))
        let plain = PlainTextRenderer().render(table)
        #expect(plain.contains("kbench max"))
        #expect(plain.split(separator: "\n").count == 4)
        #expect(table.columns[1].rawHeader == "kbench max")
    }

    @Test("HTML: a scrolling box, group headings spanning their columns, raw values to sort by")
    func html() {
        var table = ReportTable(id: "t", title: "T", columns: [
            ReportColumn("name"), ReportColumn("a", format: .integer, group: "g"), ReportColumn("b", format: .integer, group: "g"),
            ReportColumn("c", format: .decimal(places: 1)),
        ])
        table.addRow([.text("x"), .integer(1234), .missing, .number(0.25)])
        let html = HTMLRenderer().render(table)
        let probe = XMLDocumentProbe("<body>\(html)</body>")
        #expect(probe.isWellFormed)
        #expect(html.hasPrefix("<div class=\"table-scroll\">"))
        #expect(html.contains("<th scope=\"colgroup\" colspan=\"2\" class=\"group\">g</th>"))
        #expect(html.contains("<th scope=\"col\" rowspan=\"2\" data-col=\"0\">name</th>"))
        #expect(probe.elements(named: "tr").count == 3)
        #expect(html.contains("<td class=\"num\" data-v=\"1234\">1,234</td>"))
        #expect(html.contains("<td class=\"num\" data-v=\"\">—</td>"))
        #expect(html.contains("data-v=\"0.25\">0.3</td>"))
    }

    @Test("a long list shows its first items, every item in a details element")
    func longLists() {
        let renderer = HTMLTableRenderer()
        #expect(renderer.listCell("a, b") == "a, b")
        let names = (1...9).map { "librdkafka:strategy\($0)" }.joined(separator: ", ")
        let cell = renderer.listCell(names)
        #expect(cell.hasPrefix("<details><summary>librdkafka:strategy1, librdkafka:strategy2 +7 more</summary>"))
        #expect(cell.hasSuffix("librdkafka:strategy9</details>"))
        #expect(renderer.listCell("<" + String(repeating: "x, ", count: 30)).contains("&lt;"))
    }
}

@Suite("Findings")
struct FindingsTests {
    static func document() -> ReportDocument {
        ReportDocument(
            id: "r", title: "Report", findings: [ReportFinding(topic: "picks <16 KiB>", text: "zstd & lz4", section: "batch-16k")],
            sections: [
                ReportSection(id: "overview", title: "Overview", paragraphs: ["x"]),
                ReportSection(id: "batch-16k", title: "16 KiB batches", paragraphs: ["y"]),
            ])
    }

    @Test("index.html states every report's findings first, each linking to its section")
    func html() {
        let html = HTMLRenderer().renderIndex(title: "t", machine: testMachine, reports: [ResultsReport(name: "r", document: Self.document())])
        let probe = XMLDocumentProbe(html)
        #expect(probe.isWellFormed)
        #expect(html.contains("<li><a href=\"#report-r-batch-16k\">picks &lt;16\u{00A0}KiB&gt;</a>: zstd &amp; lz4</li>"))
        #expect(html.contains("id=\"report-r-batch-16k\""))
        if let findings = html.range(of: "id=\"findings\""), let machine = html.range(of: "id=\"machine\"") {
            #expect(findings.lowerBound < machine.lowerBound)
        } else {
            Issue.record("no findings or no machine section")
        }
    }

    @Test("a Markdown report lists its findings under its title, linking to GitHub's heading anchors")
    func markdown() {
        let markdown = MarkdownRenderer().render(Self.document())
        #expect(markdown.hasPrefix("# Report\n\n## Findings\n\n- [picks &lt;16 KiB&gt;](#16-kib-batches): zstd &amp; lz4\n"))
    }

    @Test("GitHub anchors: punctuation dropped, spaces as dashes, repeats numbered")
    func anchors() {
        var anchors = MarkdownAnchors()
        #expect(anchors.next("12 partitions — random-16") == "12-partitions--random-16")
        #expect(anchors.next("Key set: 1,000 keys (zipf:1.1:1000)") == "key-set-1000-keys-zipf111000")
        #expect(anchors.next("Notes") == "notes")
        #expect(anchors.next("Notes") == "notes-1")
    }

    @Test("findings survive JSON, and documents without them still decode")
    func json() throws {
        let renderer = JSONReportRenderer()
        let document = Self.document()
        #expect(try renderer.decode(Data(try renderer.render(document).utf8)) == document)
        let old = #"{"schemaVersion":1,"id":"x","title":"X","paragraphs":[],"parameters":[],"sections":[]}"#
        #expect(try renderer.decode(Data(old.utf8)).findings.isEmpty)
    }

    @Test("joined reports carry their parts' findings, topics and sections prefixed")
    func joined() {
        let joined = ReportDocument.joining([ReportDocumentPart(id: "p", title: "P", document: Self.document())], id: "j", title: "J", parameters: [])
        #expect(joined.findings == [ReportFinding(topic: "p: picks <16 KiB>", text: "zstd & lz4", section: "p-batch-16k")])
        #expect(joined.sections.contains { $0.id == "p-batch-16k" })
    }
}
