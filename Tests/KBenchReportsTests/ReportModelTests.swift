import Foundation
import Testing
@testable import KBenchReports

@Suite("Report model and JSON")
struct ReportModelTests {
    @Test("the document's JSON decodes back to an equal model")
    func roundTrip() throws {
        let renderer = JSONReportRenderer()
        let document = Fixtures.document()
        let json = try renderer.render(document)
        let decoded = try renderer.decode(Data(json.utf8))
        #expect(decoded == document)
        #expect(try renderer.render(decoded) == json)
    }

    @Test("JSON is stable: sorted keys, same bytes every time, rows keyed by column id")
    func stable() throws {
        let first = try JSONReportRenderer().render(Fixtures.document())
        let second = try JSONReportRenderer().render(Fixtures.document())
        #expect(first == second)
        #expect(first.hasSuffix("}\n"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == ReportDocument.currentSchemaVersion)
        let keys = first.split(separator: "\n").prefix(3).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(keys == ["{", "\"id\" : \"compress\",", "\"paragraphs\" : ["])
        #expect(first.contains("\"codec\" : \"zstd\""))
        #expect(first.contains("\"level\" : null"))
        #expect(!first.contains("\\/"))
    }

    @Test("cells are normalised to their column's storage so JSON round-trips exactly")
    func normalisation() throws {
        var table = ReportTable(id: "n", title: "N", columns: [
            ReportColumn("count", format: .integer),
            ReportColumn("mean", format: .decimal(places: 1)),
            ReportColumn("name"),
        ])
        table.addRow([.number(12), .integer(3), .number(7)])
        table.addRow([.number(2.5), 4.0, "x"])
        #expect(table.rows[0] == [.integer(12), .number(3), .integer(7)])
        #expect(table.rows[1] == [.number(2.5), .number(4), .text("x")])
        let document = ReportDocument(id: "n", title: "N", sections: [ReportSection(id: "s", title: "S", tables: [table])])
        let renderer = JSONReportRenderer()
        #expect(try renderer.decode(Data(renderer.render(document).utf8)) == document)
    }

    @Test("non-finite numbers survive as strings; huge integers stay exact")
    func edgeValues() throws {
        var table = ReportTable(id: "e", title: "E", columns: [
            ReportColumn("x", format: .significant(digits: 3)), ReportColumn("n", format: .integer),
        ])
        table.addRow([.number(.infinity), .integer(.max)])
        table.addRow([.number(-.infinity), .integer(.min)])
        let document = ReportDocument(id: "e", title: "E", sections: [ReportSection(id: "s", title: "S", tables: [table])])
        let json = try JSONReportRenderer().render(document)
        #expect(json.contains("\"inf\"") && json.contains("\"-inf\""))
        #expect(try JSONReportRenderer().decode(Data(json.utf8)) == document)
        #expect(table.displayRows() == [["∞", "9,223,372,036,854,775,807"], ["-∞", "-9,223,372,036,854,775,808"]])
    }

    @Test("hostile JSON is a decoding error, not a crash")
    func badJSON() {
        let duplicateColumns = """
            {"id":"t","title":"T","notes":[],"columns":[
              {"id":"a","header":"a","format":{"kind":"text"},"alignment":"left"},
              {"id":"a","header":"a","format":{"kind":"text"},"alignment":"left"}],"rows":[]}
            """
        #expect(throws: DecodingError.self) {
            try JSONReportRenderer().decode(ReportTable.self, from: Data(duplicateColumns.utf8))
        }
        let unknownFormat = #"{"kind":"sparkles"}"#
        #expect(throws: DecodingError.self) {
            try JSONReportRenderer().decode(ValueFormat.self, from: Data(unknownFormat.utf8))
        }
        let objectCell = """
            {"id":"t","title":"T","notes":[],"columns":[
              {"id":"a","header":"a","format":{"kind":"integer"},"alignment":"right"}],"rows":[{"a":{"x":1}}]}
            """
        #expect(throws: DecodingError.self) {
            try JSONReportRenderer().decode(ReportTable.self, from: Data(objectCell.utf8))
        }
    }

    @Test("a cell absent from a row object decodes as missing")
    func absentCell() throws {
        let json = """
            {"id":"t","title":"T","columns":[
              {"id":"a","header":"a","format":{"kind":"integer"},"alignment":"right"},
              {"id":"b","header":"b","format":{"kind":"text"},"alignment":"left"}],"rows":[{"a":1}]}
            """
        let table = try JSONReportRenderer().decode(ReportTable.self, from: Data(json.utf8))
        #expect(table.rows == [[.integer(1), .missing]])
        #expect(table.notes.isEmpty)
    }

    @Test("table and document lookups")
    func lookups() {
        let table = Fixtures.codecTable()
        #expect(table.value(row: 1, column: "codec") == .text("lz4"))
        #expect(table.value(row: 9, column: "codec") == nil)
        #expect(table.values(column: "level") == [.integer(3), .integer(1), .missing])
        #expect(table.columnIndex("share") == 5)
        let document = Fixtures.document()
        #expect(document.table("awkward")?.rows.count == 5)
        #expect(document.allCharts.map(\.id) == ["ratio-vs-speed", "partitions", "throughput"])
        #expect(ReportValue(UInt8(7)) == .integer(7))
        #expect(ReportValue(Float(0.5)) == .number(0.5))
        #expect(ReportValue(nil as String?) == .missing)
        #expect(ReportValue.integer(5).numericValue == 5)
    }

    @Test("every value format displays as documented")
    func formats() {
        #expect(ValueFormat.integer.display(.integer(1_234_567)) == "1,234,567")
        #expect(ValueFormat.integer.display(.number(1234.6)) == "1,235")
        #expect(ValueFormat.decimal(places: 2).display(.number(83333.333)) == "83,333.33")
        #expect(ValueFormat.significant(digits: 3).display(.number(0.000012345)) == "1.23e-5")
        #expect(ValueFormat.percent(places: 2).display(.number(0.0833)) == "8.33%")
        #expect(ValueFormat.bytes.display(.integer(65536)) == "64 KiB")
        #expect(ValueFormat.rate(unit: "keys").display(.number(1.5e8)) == "150 M keys/s")
        #expect(ValueFormat.duration.display(.number(6.9e-9)) == "6.90 ns")
        #expect(ValueFormat.text.display(.integer(2024)) == "2024")
        #expect(ValueFormat.decimal(places: 1).display(.text("n/a")) == "n/a")
        #expect(ValueFormat.decimal(places: 1).display(.missing) == "—")
        #expect(ValueFormat.decimal(places: 1).raw(.missing) == "")
        #expect(ReportColumn("r", format: .rate(unit: "")).rawHeader == "r (per second)")
        #expect(ReportColumn("x", unit: "×", format: .decimal(places: 2)).displayHeader == "x (×)")
        #expect(ReportFact("m", .number(1.5), unit: "×").displayValue == "1.500 ×")
        #expect(ReportFact("m", .missing, unit: "×").displayValue == "—")
    }

    @Test("report formats parse case-insensitively with aliases and a helpful error")
    func formatParsing() throws {
        #expect(try ReportFormat(parsing: "JSON") == .json)
        #expect(try ReportFormat(parsing: " md ") == .markdown)
        #expect(try ReportFormat(parsing: "text") == .table)
        #expect(ReportFormat.allCases.map(\.rawValue) == ["table", "json", "csv", "markdown"])
        #expect(ReportFormat.allCases.map(\.fileExtension) == ["txt", "json", "csv", "md"])
        #expect(ReportFormat.allCases.filter(\.isMachineReadable) == [.json, .csv])
        let error = #expect(throws: ReportFormatError.self) { try ReportFormat(parsing: "xml") }
        #expect(error?.description == "unknown report format 'xml' (expected one of: table, json, csv, markdown)")
    }

    @Test("every format renders the same document without error")
    func allFormats() throws {
        for format in ReportFormat.allCases {
            let text = try format.render(Fixtures.document())
            #expect(text.utf8.last == UInt8(ascii: "\n"), "\(format)")
            #expect(text.contains("zstd"), "\(format)")
        }
    }
}
