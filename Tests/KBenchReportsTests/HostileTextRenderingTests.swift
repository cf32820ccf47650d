import Foundation
@testable import KBenchReports
import Testing
import TestSupport

/// Every renderer, fed text it did not write (keys, header keys, file names, titles), writes
/// nothing a terminal would interpret, keeps printable Unicode, and stays valid in its format.
@Suite("Hostile text: every renderer escapes by the one rule")
struct HostileTextRenderingTests {
    static let hostile = TerminalSafety.hostileStrings

    /// A document with hostile text in every place a renderer writes text.
    static func document() -> ReportDocument {
        var table = ReportTable(id: "keys", title: "hot keys \u{1B}[2J", columns: [
            ReportColumn("key", header: "key \u{1B}[31m"),
            ReportColumn("count", format: .integer),
        ], notes: ["note \u{9B}31m"])
        for (index, text) in hostile.enumerated() { table.addRow([.text(text), .number(Double(index))]) }
        return ReportDocument(
            id: "hostile", title: "title \u{1B}]0;PWNED\u{07}",
            paragraphs: hostile,
            parameters: [ReportFact("file \u{1B}[2J", .text(hostile[0]))],
            sections: [ReportSection(id: "s", title: "section \u{202E}x", facts: [ReportFact("label", .text(hostile[5]))], tables: [table])])
    }

    @Test("table, json, csv and markdown: no control but the format's line breaks, printable text kept", arguments: ReportFormat.allCases)
    func everyFormat(format: ReportFormat) throws {
        let text = try format.render(Self.document())
        #expect(TerminalSafety.violation(in: text, allowingCRLF: format == .csv) == nil)
        #expect(text.contains(TerminalSafety.printable))
    }

    @Test("JSON stays valid and lossless: DEL, C1 and bidi controls as \\u escapes that decode back")
    func jsonLossless() throws {
        let renderer = JSONReportRenderer()
        let document = Self.document()
        let json = try renderer.render(document)
        #expect(json.contains("\\u009b31m"))
        #expect(json.contains("\\u202e"))
        #expect(json.contains("\\u007f"))
        let decoded = try renderer.decode(Data(json.utf8))
        #expect(decoded == document)
    }

    @Test("CSV stays RFC 4180: fields escaped by the rule, records end only at CRLF")
    func csvParseable() {
        #expect(Escaping.csvField("a\u{1B}[31m,b") == "\"a\\x1b[31m,b\"")
        #expect(Escaping.csvField("line1\nline2") == "\"line1\nline2\"")
        #expect(Escaping.csvField("cr\rhere") == "cr\\x0dhere")
        let text = CSVRenderer().render(Self.document())
        // Every CR is a record end: no field holds one.
        let bytes = Array(text.utf8)
        #expect(bytes.indices.allSatisfy { bytes[$0] != 0x0D || (($0 + 1) < bytes.count && bytes[$0 + 1] == 0x0A) })
    }

    @Test("Markdown, XML and plain text compose their own escapes with the terminal rule")
    func escapingFunctions() {
        #expect(Escaping.markdown("k \u{1B}]0;t\u{07}|") == "k \\\\x1b\\]0;t\\\\x07\\|")
        #expect(Escaping.markdown("a\r\nb") == "a\\\\x0d<br>b")
        #expect(Escaping.xml("\u{1B}[31m<b>\u{9B}\u{FFFE}") == "\\x1b[31m&lt;b&gt;\\u009b\u{FFFD}")
        #expect(Escaping.xml("tab\tnl\ncr\r") == "tab\tnl\ncr\\x0d")
        #expect(Escaping.singleLine("a\nb\tc\u{1B}") == "a\\x0ab\\x09c\\x1b")
        #expect(Escaping.jsonControls("\"a\u{7F}\u{85}\u{2066}\"\n") == "\"a\\u007f\\u0085\\u2066\"\n")
        for escape in [Escaping.markdown, Escaping.xml, Escaping.singleLine, Escaping.csvField, Escaping.jsonControls] {
            #expect(escape(TerminalSafety.printable) == TerminalSafety.printable)
        }
    }

    @Test("SVG charts and HTML tables with hostile titles, labels and cells: well-formed, nothing interpretable")
    func svgAndHTML() throws {
        let chart = Chart.xy(XYChart(id: "c", title: Self.hostile[1], style: .scatter, xAxis: ChartAxis(label: Self.hostile[2]),
                                     yAxis: ChartAxis(label: Self.hostile[3]),
                                     series: Self.hostile.map { ChartSeries(name: $0, points: [ChartPoint(x: 1, y: 1, label: $0)]) }))
        let svg = SVGChartRenderer().render(chart)
        #expect(XMLDocumentProbe(svg).isWellFormed)
        #expect(TerminalSafety.violation(in: svg) == nil)
        #expect(svg.contains(TerminalSafety.printable))
        let table = try #require(Self.document().allTables.first)
        let html = HTMLRenderer().render(table)
        #expect(XMLDocumentProbe("<div>\(html)</div>").isWellFormed)  // a table and its notes
        #expect(TerminalSafety.violation(in: html) == nil)
    }

    @Test("progress labels are escaped")
    func progress() {
        let line = ProgressLine.render(label: "keys \u{1B}[2J\u{9B}", completed: 1, total: 2, elapsedSeconds: 1)
        #expect(TerminalSafety.violation(in: line) == nil)
        #expect(line.hasPrefix("keys \\x1b[2J\\u009b"))
    }
}
